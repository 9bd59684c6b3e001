import { describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlackCall } from '../fakes/fake-slack.js';
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

const RETRY_AFTER_S = 1;
/**
 * Three channels and two DMs (user ids: planbot opens the DM first), each a numbered conversation.
 * Kept short: each 429 costs a conversation 1–2 s (Retry-After, then the next once-a-second tick).
 */
const TARGETS: [target: string, count: number][] = [
  ['C0ALPHA', 6],
  ['C0BRAVO', 6],
  ['C0CHARLIE', 6],
  ['U0DANA', 4],
  ['U0ELI', 4],
];

/**
 * Invariant 2 under Slack's rate limits: every third chat.postMessage is answered 429 with
 * Retry-After. Nothing is lost or doubled, each conversation reads in the order it was queued,
 * and planbot does not touch a rate-limited conversation again before Retry-After has passed.
 */
describe.runIf(storeKinds().includes('postgres'))(
  'fault: 429 with Retry-After on every third post',
  { timeout: 90_000 },
  () => {
    it('delivers everything once, in order per conversation, waiting out each Retry-After', async () => {
      const db = await openTestDatabase('postgres');
      const slack = await startFakeSlack({ latencyMs: () => 2 + Math.random() * 8 });
      slack.faults.set('chat.postMessage', (_call, nth) =>
        nth % 3 === 0 ? { kind: 'rate_limited', retryAfterS: RETRY_AFTER_S } : undefined,
      );
      let server: PlanbotServer | undefined;
      try {
        // Queued round-robin across conversations, as interleaved as a busy plan's outbox would be.
        const queued: QueuedMessage[] = [];
        const longest = Math.max(...TARGETS.map(([, count]) => count));
        for (let i = 1; i <= longest; i += 1) {
          for (const [target, count] of TARGETS) {
            if (i <= count)
              queued.push({ key: `rl:${target}:${i}`, target, text: `${target} message #${i} of ${count}` });
          }
        }
        await queueSlackMessages(db.prisma, queued, new Date());

        server = await startPlanbotServer(slackEnv(slack.url, db.url!), workdir());
        const startedAt = Date.now();
        const drained = await waitForDrain(db.prisma, 60_000);
        const drainedAfterMs = Date.now() - startedAt;
        expect(drained).toEqual({ sent: queued.length });

        const counts = await deliveryCounts(db.prisma, slack);
        const posts = slack.callsOf('chat.postMessage');
        const limited = posts.filter((c) => c.status === 429);
        const early = callsBeforeRetryAfter(slack.calls, limited);
        console.log(
          summary('429 + Retry-After 1 s on every third chat.postMessage', counts, {
            postCalls: posts.length,
            rateLimited: limited.length,
            calledBeforeRetryAfter: early.length,
            drainedAfterMs,
          }),
        );
        expect(counts).toMatchObject({ queued: queued.length, sent: queued.length, parked: 0, lost: 0, duplicated: 0 });
        expect(limited.length).toBeGreaterThanOrEqual(Math.floor(queued.length / 3));

        // Order per conversation: the numbers each channel shows are 1..n, in that order.
        for (const [target, count] of TARGETS) {
          const channel = target.startsWith('U') ? `D${target}` : target;
          const shown = (slack.channels.get(channel) ?? []).map((m) => Number(/#(\d+) of/.exec(m.text)?.[1]));
          expect(shown, `order in ${channel}`).toEqual(Array.from({ length: count }, (_, i) => i + 1));
        }
        // No call to a conversation while its Retry-After was running.
        expect(early).toEqual([]);
      } finally {
        await stopPlanbotServer(server);
        await slack.close();
        await db.destroy();
      }
    });
  },
);

/**
 * Calls that reached a conversation before the Retry-After of an earlier 429 on it had passed,
 * measured from when the 429 was answered (planbot cannot know of it sooner).
 */
function callsBeforeRetryAfter(
  calls: readonly FakeSlackCall[],
  limited: readonly FakeSlackCall[],
): { call: number; method: string; channel: string; earlyByMs: number }[] {
  const early: { call: number; method: string; channel: string; earlyByMs: number }[] = [];
  for (const limit of limited) {
    const until = limit.answeredAt! + (limit.retryAfterS ?? 0) * 1000;
    for (const call of calls) {
      if (call.n <= limit.n || call.args.channel !== limit.args.channel) continue;
      if (call.receivedAt < until)
        early.push({
          call: call.n,
          method: call.method,
          channel: String(call.args.channel),
          earlyByMs: until - call.receivedAt,
        });
    }
  }
  return early;
}
