import { describe, expect, it } from 'vitest';
import { startFakeSlack } from '../fakes/fake-slack.js';
import { slackEnv, startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../../support/planbot-server.js';
import { openTestDatabase, storeKinds } from '../../support/test-databases.js';
import { deliveryCounts, outboxByStatus, queueSlackMessages, summary, waitForDrain, workdir } from './fault-helpers.js';

const FANOUT = 1000;
// Not a multiple of the dispatcher's batch (100): the kill lands mid-batch, with claimed posts not yet sent.
const KILL_AT_POST = 250;

/**
 * Invariant 2 (nothing queued is lost) and exactly-once delivery across a crash: planbot is
 * killed with SIGKILL in the middle of a 1,000-DM fan-out while posts are in flight, and a new
 * process on the same PostgreSQL finishes the job. Posts Slack took before the crash but planbot
 * never recorded are found again by the outbox id in their metadata (conversations.history),
 * not posted a second time.
 */
describe.runIf(storeKinds().includes('postgres'))('fault: kill -9 during a fan-out', { timeout: 120_000 }, () => {
  it('a restarted planbot delivers every queued DM exactly once', async () => {
    const db = await openTestDatabase('postgres');
    // 5–20 ms per call, like a real Slack round trip, so many posts are in flight at the kill.
    const slack = await startFakeSlack({ latencyMs: () => 5 + Math.random() * 15 });
    let first: PlanbotServer | undefined;
    let second: PlanbotServer | undefined;
    try {
      // The fan-out is queued before planbot starts, through the store's enqueue (what a ladder
      // tier or ritual fan-out writes): the crash and recovery of delivery are what is under test,
      // and this way the kill lands at the same point in the fan-out on every run.
      const users = Array.from({ length: FANOUT }, (_, i) => `U${String(i).padStart(5, '0')}`);
      await queueSlackMessages(
        db.prisma,
        users.map((user) => ({ key: `fanout:${user}`, target: user, text: `Escalation for ${user}` })),
        new Date(),
      );

      const env = slackEnv(slack.url, db.url!);
      const cwd = workdir();
      const started = startPlanbotServer(env, cwd);
      // SIGKILL from inside Slack's handling of a post: Slack has stored it, planbot never hears back.
      slack.onCall = (call) => {
        if (call.method === 'chat.postMessage' && slack.callsOf('chat.postMessage').length === KILL_AT_POST) {
          void started.then((server) => server.child.kill('SIGKILL'));
        }
      };
      first = await started;
      const killed = await first.done;
      slack.onCall = undefined;
      expect(killed.code).toBeNull();
      const atKill = await outboxByStatus(db.prisma);
      // Mid-delivery: some recorded as sent, some still leased to the dead process, most not started.
      expect(atKill.sending).toBeGreaterThan(0);
      expect(atKill.pending).toBeGreaterThan(0);
      const postedBeforeKill = slack.callsOf('chat.postMessage').length;
      const unrecordedAtKill = await db.prisma.outboxMessage.count({ where: { status: 'sending' } });

      // The dead process's leases would lapse after the dispatcher's 60 s lease; end them now
      // rather than wait (planbot has no setting for the lease, and its length is not under test).
      await db.prisma.outboxMessage.updateMany({ where: { status: 'sending' }, data: { lockedUntil: new Date() } });

      const restartedAt = Date.now();
      second = await startPlanbotServer(env, cwd);
      const servingAfterMs = Date.now() - restartedAt;
      const drained = await waitForDrain(db.prisma, 60_000);
      expect(drained).toEqual({ sent: FANOUT });

      const recoveredAfterMs = Date.now() - restartedAt;
      const counts = await deliveryCounts(db.prisma, slack);
      const retried = await db.prisma.outboxMessage.findMany({ where: { attempts: { gt: 1 } }, select: { id: true } });
      const postedBefore = new Set(
        slack
          .posted()
          .slice(0, postedBeforeKill)
          .map((m) => m.outboxId),
      );
      const reconciled = retried.filter((r) => postedBefore.has(r.id)).length;
      const posts = slack.callsOf('chat.postMessage');
      const firstRunMs = posts[postedBeforeKill - 1]!.receivedAt - posts[0]!.receivedAt;
      console.log(
        summary('kill -9 during a 1,000-DM fan-out', counts, {
          postedBeforeKill,
          unrecordedAtKill,
          retriedAfterRestart: retried.length,
          reconciledFromHistory: reconciled,
          firstRunMs,
          historyLookups: slack.callsOf('conversations.history').length,
          servingAfterMs,
          recoveredAfterMs,
        }),
      );
      expect(counts).toMatchObject({ queued: FANOUT, sent: FANOUT, parked: 0, lost: 0, duplicated: 0 });
      expect([...counts.copies.values()].every((n) => n === 1)).toBe(true);
      // Each row records the ts of the one post Slack has for it, including the in-flight ones.
      const rows = await db.prisma.outboxMessage.findMany({ select: { id: true, platformRef: true } });
      const tsById = new Map(slack.posted().map((m) => [m.outboxId, m.ts]));
      expect(rows.filter((r) => r.platformRef !== tsById.get(r.id))).toEqual([]);
      // Posts in flight at the kill (at least the one Slack was answering) were found in history
      // by their metadata and recorded, not posted again.
      expect(reconciled).toBeGreaterThan(0);
    } finally {
      await stopPlanbotServer(first);
      await stopPlanbotServer(second);
      await slack.close();
      await db.destroy();
    }
  });
});
