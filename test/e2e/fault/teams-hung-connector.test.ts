import { describe, expect, it } from 'vitest';
import { startFakeConnector } from '../fakes/fake-connector.js';
import { startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../../support/planbot-server.js';
import { openTestDatabase, storeKinds } from '../../support/test-databases.js';
import {
  queueTeamsMessages,
  storeTeamsConversations,
  summary,
  teamsDeliveryCounts,
  teamsEnv,
  waitForDrain,
  workdir,
  type QueuedMessage,
} from './fault-helpers.js';

const QUIET = '19:quiet@thread.tacv2';
const BUSY = '19:busy@thread.tacv2';

/**
 * A Bot Connector that takes a post and never answers. Before the Teams sender had a timeout
 * (10 s), that one call held the dispatcher's batch, and so every platform's delivery, for as long
 * as the connection stayed open. Now it is abandoned and retried, the other conversation is
 * delivered, and nothing is lost; the post the connector kept is shown twice (it has no lookup
 * planbot could ask first), which the test pins and prints.
 */
describe.runIf(storeKinds().includes('postgres'))(
  'fault: Teams Bot Connector that never answers',
  { timeout: 90_000 },
  () => {
    it('abandons the hung post after the timeout, retries it, and keeps delivering the rest', async () => {
      const db = await openTestDatabase('postgres');
      const connector = await startFakeConnector({ latencyMs: () => 2 + Math.random() * 8 });
      connector.faults.set('sendToConversation', (call) =>
        call.conversationId === QUIET &&
        connector.callsOf('sendToConversation').filter((c) => c.conversationId === QUIET).length === 1
          ? { kind: 'hang' }
          : undefined,
      );
      let server: PlanbotServer | undefined;
      try {
        await storeTeamsConversations(db.prisma, connector, { channels: [QUIET, BUSY] });
        const queued: QueuedMessage[] = [];
        for (let i = 1; i <= 5; i += 1)
          for (const target of [QUIET, BUSY])
            queued.push({ key: `hang:${target}:${i}`, target, text: `${target} message #${i}` });
        await queueTeamsMessages(db.prisma, queued, new Date());

        server = await startPlanbotServer(teamsEnv(connector, db.url!), workdir());
        const startedAt = Date.now();
        const drained = await waitForDrain(db.prisma, 60_000);
        const drainedAfterMs = Date.now() - startedAt;
        expect(drained).toEqual({ sent: 10 });

        const counts = await teamsDeliveryCounts(db.prisma, connector);
        const hung = connector.callsOf('sendToConversation').filter((c) => c.status === undefined);
        console.log(
          summary('teams Bot Connector never answers one post', counts, { hungCalls: hung.length, drainedAfterMs }),
        );
        expect(counts).toMatchObject({ queued: 10, sent: 10, parked: 0, lost: 0, duplicated: 1 });
        expect(hung.map((c) => c.conversationId)).toEqual([QUIET]);
        const shown = (conversation: string) =>
          (connector.conversations.get(conversation) ?? []).map((a) => Number(/#(\d+)/.exec(a.text)?.[1]));
        expect(shown(BUSY)).toEqual([1, 2, 3, 4, 5]);
        // The kept post and its retry, then the rest in order.
        expect(shown(QUIET)).toEqual([1, 1, 2, 3, 4, 5]);
        const retried = await db.prisma.outboxMessage.findFirst({
          where: { idempotencyKey: `hang:${QUIET}:1` },
          select: { attempts: true },
        });
        expect(retried?.attempts).toBe(2);
      } finally {
        await stopPlanbotServer(server);
        await connector.close();
        await db.destroy();
      }
    });
  },
);
