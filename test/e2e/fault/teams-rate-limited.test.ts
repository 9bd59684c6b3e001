import { describe, expect, it } from 'vitest';
import { startFakeConnector } from '../fakes/fake-connector.js';
import { startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../../support/planbot-server.js';
import { openTestDatabase, storeKinds } from '../../support/test-databases.js';
import {
  connectorCallsBeforeRetryAfter,
  queueTeamsMessages,
  storeTeamsConversations,
  summary,
  teamsChatOf,
  teamsDeliveryCounts,
  teamsEnv,
  waitForDrain,
  workdir,
  type QueuedMessage,
} from './fault-helpers.js';

const RETRY_AFTER_S = 1;
/** Three channels and two users (AAD ids; their 1:1 chats are known), each a numbered conversation. */
const TARGETS: [target: string, count: number][] = [
  ['19:alpha@thread.tacv2', 6],
  ['19:bravo@thread.tacv2', 6],
  ['19:charlie@thread.tacv2', 6],
  ['aad-dana', 4],
  ['aad-eli', 4],
];

/**
 * Invariant 2 under the Bot Connector's rate limits: every third post is answered 429 with
 * Retry-After. Nothing is lost or doubled (a 429 means the connector did not take the post), each
 * conversation reads in the order it was queued, and planbot does not post to a rate-limited
 * conversation again before Retry-After has passed: botbuilder's own in-process retry is removed
 * (connector-turn.ts), so the dispatcher holds the conversation back.
 */
describe.runIf(storeKinds().includes('postgres'))(
  'fault: Teams 429 with Retry-After on every third post',
  { timeout: 90_000 },
  () => {
    it('delivers everything once, in order per conversation, waiting out each Retry-After', async () => {
      const db = await openTestDatabase('postgres');
      const connector = await startFakeConnector({ latencyMs: () => 2 + Math.random() * 8 });
      connector.faults.set('sendToConversation', (_call, nth) =>
        nth % 3 === 0 ? { kind: 'rate_limited', retryAfterS: RETRY_AFTER_S } : undefined,
      );
      let server: PlanbotServer | undefined;
      try {
        await storeTeamsConversations(db.prisma, connector, {
          channels: TARGETS.filter(([t]) => t.startsWith('19:')).map(([t]) => t),
          chats: ['aad-dana', 'aad-eli'],
        });
        // Queued round-robin across conversations, as interleaved as a busy plan's outbox would be.
        const queued: QueuedMessage[] = [];
        const longest = Math.max(...TARGETS.map(([, count]) => count));
        for (let i = 1; i <= longest; i += 1) {
          for (const [target, count] of TARGETS) {
            if (i <= count)
              queued.push({ key: `rl:${target}:${i}`, target, text: `${target} message #${i} of ${count}` });
          }
        }
        await queueTeamsMessages(db.prisma, queued, new Date());

        server = await startPlanbotServer(teamsEnv(connector, db.url!), workdir());
        const startedAt = Date.now();
        const drained = await waitForDrain(db.prisma, 60_000);
        const drainedAfterMs = Date.now() - startedAt;
        expect(drained).toEqual({ sent: queued.length });

        const counts = await teamsDeliveryCounts(db.prisma, connector);
        const posts = connector.callsOf('sendToConversation');
        const limited = posts.filter((c) => c.status === 429);
        const early = connectorCallsBeforeRetryAfter(connector.calls);
        console.log(
          summary('teams 429 + Retry-After 1 s on every third post', counts, {
            postCalls: posts.length,
            rateLimited: limited.length,
            calledBeforeRetryAfter: early.length,
            tokenCalls: connector.callsOf('token').length,
            drainedAfterMs,
          }),
        );
        expect(counts).toMatchObject({ queued: queued.length, sent: queued.length, parked: 0, lost: 0, duplicated: 0 });
        expect(limited.length).toBeGreaterThanOrEqual(Math.floor(queued.length / 3));
        // Every post carried a token from the configured login.
        expect(posts.every((c) => c.authorized)).toBe(true);

        // Order per conversation: the numbers each conversation shows are 1..n, in that order.
        for (const [target, count] of TARGETS) {
          const conversation = target.startsWith('19:') ? target : teamsChatOf(target);
          const shown = (connector.conversations.get(conversation) ?? []).map((a) =>
            Number(/#(\d+) of/.exec(a.text)?.[1]),
          );
          expect(shown, `order in ${conversation}`).toEqual(Array.from({ length: count }, (_, i) => i + 1));
        }
        // No call to a conversation while its Retry-After was running.
        expect(early).toEqual([]);
      } finally {
        await stopPlanbotServer(server);
        await connector.close();
        await db.destroy();
      }
    });
  },
);
