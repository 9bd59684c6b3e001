import { describe, expect, it } from 'vitest';
import { startFakeConnector, type ConnectorFault } from '../fakes/fake-connector.js';
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

const ONE = '19:one@thread.tacv2';
const TWO = '19:two@thread.tacv2';
/** planbot was removed from this team: the connector answers 403 BotNotInConversationRoster. */
const REMOVED = '19:removed@thread.tacv2';
/** This channel was deleted: 404 ConversationNotFound. */
const DELETED = '19:deleted@thread.tacv2';
/** A user with no 1:1 chat who has not installed planbot: opening the chat is refused with 403. */
const BLOCKED_USER = 'aad-blocked';

const TARGETS: [target: string, count: number][] = [
  [ONE, 5],
  [TWO, 5],
  [REMOVED, 2],
  [DELETED, 1],
  [BLOCKED_USER, 1],
];

/**
 * Invariant 2 with the Bot Connector failing: a 503 before it stored the post, a 502 after it did
 * (a proxy lost the answer), a team planbot was removed from, a deleted channel, and a user whose
 * 1:1 chat cannot be opened. The 5xx are retried and nothing is lost; the refusals are parked with
 * a reason a lead can act on, and hold up nobody else.
 *
 * Unlike Slack (whose history planbot searches by outbox id before a retry), the Bot Connector
 * has no way to look a post up, so the post behind the 502 is delivered twice: at-least-once is
 * the guarantee here, and the test pins the one duplicate so a change either way is noticed.
 */
describe.runIf(storeKinds().includes('postgres'))('fault: Teams 5xx and permanent errors', { timeout: 90_000 }, () => {
  it('retries 5xx, parks what can never be sent with its reason, delivers the rest in order', async () => {
    const db = await openTestDatabase('postgres');
    const connector = await startFakeConnector({ latencyMs: () => 2 + Math.random() * 8 });
    const postsTo = new Map<string, number>();
    connector.faults.set('sendToConversation', (call): ConnectorFault | undefined => {
      const nth = (postsTo.get(call.conversationId!) ?? 0) + 1;
      postsTo.set(call.conversationId!, nth);
      if (call.conversationId === REMOVED) return { kind: 'http', status: 403, code: 'BotNotInConversationRoster' };
      if (call.conversationId === DELETED) return { kind: 'http', status: 404, code: 'ConversationNotFound' };
      if (call.conversationId === ONE && nth === 2) return { kind: 'http', status: 503 };
      if (call.conversationId === TWO && nth === 2) return { kind: 'http', status: 502, stored: true };
      return undefined;
    });
    connector.faults.set('createConversation', (call) =>
      (call.body as { members?: { id: string }[] }).members?.[0]?.id === BLOCKED_USER
        ? { kind: 'http', status: 403, code: 'Forbidden' }
        : undefined,
    );
    let server: PlanbotServer | undefined;
    try {
      await storeTeamsConversations(db.prisma, connector, { channels: [ONE, TWO, REMOVED, DELETED] });
      const queued: QueuedMessage[] = [];
      for (let i = 1; i <= 5; i += 1) {
        for (const [target, count] of TARGETS)
          if (i <= count) queued.push({ key: `err:${target}:${i}`, target, text: `${target} message #${i}` });
      }
      await queueTeamsMessages(db.prisma, queued, new Date());

      server = await startPlanbotServer(teamsEnv(connector, db.url!), workdir());
      const drained = await waitForDrain(db.prisma, 60_000);
      expect(drained).toEqual({ sent: 10, parked: 4 });

      const counts = await teamsDeliveryCounts(db.prisma, connector);
      const failed = connector.callsOf('sendToConversation').filter((c) => c.status !== 201);
      const serverErrors = failed.filter((c) => c.status! >= 500).map((c) => [c.conversationId, c.status]);
      const retried = await db.prisma.outboxMessage.count({ where: { status: 'sent', attempts: { gt: 1 } } });
      console.log(
        summary('teams 503, 502-after-storing, removed team, deleted channel, chat refused', counts, {
          serverErrors: serverErrors.length,
          retried,
          duplicatedBy502AfterStoring: counts.duplicated,
        }),
      );
      expect(counts).toMatchObject({ queued: 14, sent: 10, parked: 4, lost: 0, duplicated: 1 });
      // Targets are delivered concurrently, so the two channels' errors may come in either order.
      expect(serverErrors).toHaveLength(2);
      expect(serverErrors).toEqual(
        expect.arrayContaining([
          [ONE, 503],
          [TWO, 502],
        ]),
      );
      expect(retried).toBe(2);
      // The duplicate is the post the connector stored before its 502; the 503'd one was posted once.
      const doubled = [...counts.copies.entries()].filter(([, n]) => n > 1).map(([id]) => id);
      const doubledRows = await db.prisma.outboxMessage.findMany({
        where: { id: { in: doubled } },
        select: { idempotencyKey: true },
      });
      expect(doubledRows.map((r) => r.idempotencyKey)).toEqual([`err:${TWO}:2`]);

      // Each channel reads 1..5 in order (the 502'd post shows twice, back to back: retried before #3).
      const shown = (conversation: string) =>
        (connector.conversations.get(conversation) ?? []).map((a) => Number(/#(\d+)/.exec(a.text)?.[1]));
      expect(shown(ONE)).toEqual([1, 2, 3, 4, 5]);
      expect(shown(TWO)).toEqual([1, 2, 2, 3, 4, 5]);

      const parked = await db.prisma.outboxMessage.findMany({
        where: { status: 'parked' },
        orderBy: { seq: 'asc' },
        select: { target: true, lastError: true },
      });
      const reasonFor = (target: string) => parked.filter((p) => p.target === target).map((p) => p.lastError);
      expect(reasonFor(REMOVED)).toHaveLength(2);
      for (const reason of reasonFor(REMOVED))
        expect(reason).toMatch(
          /^bot_not_in_conversation \(HTTP 403: BotNotInConversationRoster.*add the app to the team again/,
        );
      expect(reasonFor(DELETED)).toEqual([
        expect.stringMatching(/^conversation_not_found \(HTTP 404: ConversationNotFound.*change the plan's channel/),
      ]);
      expect(reasonFor(BLOCKED_USER)).toEqual([
        expect.stringMatching(/^app_not_installed_for_user \(HTTP 403.*install planbot for them/),
      ]);
      // Refusals are not retried: one call each.
      expect(connector.callsOf('sendToConversation').filter((c) => c.conversationId === REMOVED)).toHaveLength(2);
      expect(connector.callsOf('createConversation')).toHaveLength(1);
    } finally {
      await stopPlanbotServer(server);
      await connector.close();
      await db.destroy();
    }
  });
});
