import { describe, expect, it } from 'vitest';
import { startFakeSlack } from '../fakes/fake-slack.js';
import { slackEnv, startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../../support/planbot-server.js';
import { openTestDatabase, storeKinds } from '../../support/test-databases.js';
import {
  deliveryCounts,
  queueSlackMessages,
  summary,
  waitForDrain,
  workdir,
  type QueuedMessage,
} from './fault-helpers.js';

const TARGETS: [target: string, count: number][] = [
  ['C0ONE', 5],
  ['C0TWO', 5],
  ['C0GONE', 2],
];

/**
 * Invariant 2 with Slack failing: a 503 before Slack stored the post, a 502 after it did (a proxy
 * lost the answer), and a channel that is archived. The two transient failures are retried with
 * nothing lost and nothing doubled (the 502'd post is found in history, not posted again); the
 * archived channel's messages are parked with a reason a lead can act on, and hold up nobody else.
 */
describe.runIf(storeKinds().includes('postgres'))('fault: Slack 5xx and permanent errors', { timeout: 90_000 }, () => {
  it('retries 5xx without doubling, parks what can never be sent, delivers the rest in order', async () => {
    const db = await openTestDatabase('postgres');
    const slack = await startFakeSlack({ latencyMs: () => 2 + Math.random() * 8 });
    slack.faults.set('chat.postMessage', (call, nth) => {
      if (call.args.channel === 'C0GONE') return { kind: 'error', error: 'is_archived' };
      if (nth === 2) return { kind: 'http', status: 503 };
      if (nth === 4) return { kind: 'http', status: 502, stored: true };
      return undefined;
    });
    let server: PlanbotServer | undefined;
    try {
      const queued: QueuedMessage[] = [];
      for (let i = 1; i <= 5; i += 1) {
        for (const [target, count] of TARGETS)
          if (i <= count) queued.push({ key: `err:${target}:${i}`, target, text: `${target} message #${i}` });
      }
      await queueSlackMessages(db.prisma, queued, new Date());

      server = await startPlanbotServer(slackEnv(slack.url, db.url!), workdir());
      const drained = await waitForDrain(db.prisma, 60_000);
      expect(drained).toEqual({ sent: 10, parked: 2 });

      const counts = await deliveryCounts(db.prisma, slack);
      const posts = slack.callsOf('chat.postMessage');
      const failed = posts.filter((c) => c.status !== 200).map((c) => c.status);
      console.log(
        summary('503, 502-after-storing and an archived channel', counts, {
          serverErrors: failed.length,
          historyLookups: slack.callsOf('conversations.history').length,
        }),
      );
      expect(counts).toMatchObject({ queued: 12, sent: 10, parked: 2, lost: 0, duplicated: 0 });
      expect(failed).toEqual([503, 502]);
      for (const [target, count] of TARGETS.filter(([t]) => t !== 'C0GONE')) {
        const shown = (slack.channels.get(target) ?? []).map((m) => Number(/#(\d+)/.exec(m.text)?.[1]));
        expect(shown, `order in ${target}`).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      }
      const parked = await db.prisma.outboxMessage.findMany({
        where: { status: 'parked' },
        select: { target: true, lastError: true },
      });
      expect(parked.map((p) => p.target)).toEqual(['C0GONE', 'C0GONE']);
      for (const p of parked) expect(p.lastError).toMatch(/is_archived.*unarchive it/);
    } finally {
      await stopPlanbotServer(server);
      await slack.close();
      await db.destroy();
    }
  });
});
