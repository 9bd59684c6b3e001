import { describe, expect, it } from 'vitest';
import { startFakeConnector } from '../fakes/fake-connector.js';
import { startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../../support/planbot-server.js';
import { openTestDatabase, storeKinds } from '../../support/test-databases.js';
import { waitFor } from '../../support/wait-for.js';
import {
  outboxByStatus,
  queueTeamsMessages,
  storeTeamsConversations,
  summary,
  teamsChatOf,
  teamsDeliveryCounts,
  teamsEnv,
  waitForDrain,
  workdir,
} from './fault-helpers.js';

const FANOUT = 500;
// Not a multiple of the dispatcher's batch (100) nor its wave (16): the kill lands mid-batch,
// with posts the connector took that planbot has not recorded yet.
const KILL_AT_POST = 203;

/**
 * Invariant 2 (nothing queued is lost) across a crash on Teams: planbot is killed with SIGKILL in
 * the middle of a 500-DM fan-out (half the users have a 1:1 chat with planbot, for the other half
 * it is opened first), and a new process on the same PostgreSQL finishes the job.
 *
 * What Teams can promise is weaker than Slack: the Bot Connector has no history lookup planbot
 * could search for an earlier try (TeamsSender has no findDelivered), so a post the connector took
 * but planbot had not recorded when it died is posted again. The documented guarantee is: nothing
 * lost, and duplicates only among the messages in flight at the kill (claimed, `sending`, and
 * already stored by the connector). The test checks exactly that and prints the numbers.
 */
describe.runIf(storeKinds().includes('postgres'))('fault: Teams kill -9 during a fan-out', { timeout: 120_000 }, () => {
  it('a restarted planbot delivers every queued DM; only posts in flight at the kill are doubled', async () => {
    const db = await openTestDatabase('postgres');
    // 5–20 ms per call, like a real Bot Connector round trip, so many posts are in flight at the kill.
    const connector = await startFakeConnector({ latencyMs: () => 5 + Math.random() * 15 });
    let first: PlanbotServer | undefined;
    let second: PlanbotServer | undefined;
    try {
      // planbot is installed in one team (its channel's reference gives the service URL where
      // 1:1 chats are opened); every other user has talked to it before, the rest have no chat yet.
      const users = Array.from({ length: FANOUT }, (_, i) => `aad-${String(i).padStart(5, '0')}`);
      await storeTeamsConversations(db.prisma, connector, {
        channels: ['19:launch@thread.tacv2'],
        chats: users.filter((_, i) => i % 2 === 1),
      });
      // Queued before planbot starts, through the store's enqueue (what a ladder tier writes), so
      // the kill lands at the same point in the fan-out on every run.
      await queueTeamsMessages(
        db.prisma,
        users.map((user) => ({ key: `fanout:${user}`, target: user, text: `Escalation for ${user}` })),
        new Date(),
      );

      const env = teamsEnv(connector, db.url!);
      const cwd = workdir();
      const started = startPlanbotServer(env, cwd);
      // SIGKILL from inside the connector's handling of a post: it has stored it, planbot never hears back.
      connector.onCall = (call) => {
        if (
          call.operation === 'sendToConversation' &&
          connector.callsOf('sendToConversation').length === KILL_AT_POST
        ) {
          void started.then((server) => server.child.kill('SIGKILL'));
        }
      };
      first = await started;
      const killed = await first.done;
      connector.onCall = undefined;
      expect(killed.code).toBeNull();
      // Requests the dead process had half sent are dropped by the fake (never stored); wait for them to go.
      await waitFor(() => connector.inFlight() === 0, {
        timeoutMs: 15_000,
        what: "the dead process's requests to close at the fake connector",
      });

      const atKill = await outboxByStatus(db.prisma);
      expect(atKill.sending).toBeGreaterThan(0);
      expect(atKill.pending).toBeGreaterThan(0);
      const inFlight = await db.prisma.outboxMessage.findMany({ where: { status: 'sending' }, select: { id: true } });
      const postedBeforeRestart = connector.posted().length;
      const posts = connector.callsOf('sendToConversation');
      const firstRunMs = posts[postedBeforeRestart - 1]!.receivedAt - posts[0]!.receivedAt;
      const before = await teamsDeliveryCounts(db.prisma, connector);
      // Of the rows in flight, those the connector already has: the ones a restart will post again.
      const inFlightDelivered = inFlight.filter((r) => before.copies.has(r.id)).length;

      // The dead process's leases would lapse after the dispatcher's 60 s lease; end them now.
      await db.prisma.outboxMessage.updateMany({ where: { status: 'sending' }, data: { lockedUntil: new Date() } });

      const restartedAt = Date.now();
      second = await startPlanbotServer(env, cwd);
      const servingAfterMs = Date.now() - restartedAt;
      const drained = await waitForDrain(db.prisma, 60_000);
      const recoveredAfterMs = Date.now() - restartedAt;
      expect(drained).toEqual({ sent: FANOUT });

      const counts = await teamsDeliveryCounts(db.prisma, connector);
      const inFlightIds = new Set(inFlight.map((r) => r.id));
      const doubled = [...counts.copies.entries()].filter(([, n]) => n > 1);
      console.log(
        summary('teams kill -9 during a 500-DM fan-out', counts, {
          postedBeforeKill: postedBeforeRestart,
          inFlightAtKill: inFlight.length,
          inFlightAlreadyDelivered: inFlightDelivered,
          chatsOpened: connector.callsOf('createConversation').length,
          tokenCalls: connector.callsOf('token').length,
          firstRunMs,
          servingAfterMs,
          recoveredAfterMs,
        }),
      );
      expect(counts).toMatchObject({ queued: FANOUT, sent: FANOUT, parked: 0, lost: 0 });
      // Duplicates: exactly the in-flight rows the connector already had, each posted twice, no more.
      expect(counts.duplicated).toBe(inFlightDelivered);
      expect(doubled.every(([id, n]) => n === 2 && inFlightIds.has(id))).toBe(true);
      expect(counts.duplicated).toBeLessThanOrEqual(inFlight.length);
      // Nothing recorded as sent before the kill was posted again.
      expect(connector.posted().length).toBe(FANOUT + inFlightDelivered);
      // Every DM went to its user's one 1:1 chat.
      for (const user of users)
        expect(connector.conversations.get(teamsChatOf(user))?.length ?? 0, user).toBeGreaterThanOrEqual(1);
      // Each row records the id of an activity the connector has for it.
      const rows = await db.prisma.outboxMessage.findMany({ select: { platformRef: true, payload: true } });
      const idsByText = new Map<string, Set<string>>();
      for (const a of connector.posted()) idsByText.set(a.text, (idsByText.get(a.text) ?? new Set()).add(a.id));
      expect(
        rows.filter((r) => !idsByText.get((r.payload as { text: string }).text)?.has(r.platformRef ?? '')),
      ).toEqual([]);
    } finally {
      await stopPlanbotServer(first);
      await stopPlanbotServer(second);
      await connector.close();
      await db.destroy();
    }
  });
});
