import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloudAdapter } from '../../src/adapters/teams/teams-cloud-adapter.js';
import { TeamsSender } from '../../src/adapters/teams/teams-sender.js';
import { message } from '../../src/service/messages/message.js';
import type { OutgoingMessage, SenderJson } from '../../src/service/ports/sender.js';
import { trustFakeLoginInThisProcess } from '../e2e/fakes/fake-connector-tls.js';
import { startFakeConnector, type FakeConnector } from '../e2e/fakes/fake-connector.js';
import { storeTeamsConversations } from '../e2e/fault/fault-helpers.js';
import { PrismaConversationReferences } from '../../src/store/prisma-conversation-references.js';
import { openTestDatabase, type TestDatabase } from '../support/test-databases.js';

const CHANNEL = '19:quiet@thread.tacv2';
const SECRET = 'timeout-secret';
let bots = 0;
const nextAppId = () => `6f1c2a7e-5555-4c3b-9f00-0000000000${String((bots += 1)).padStart(2, '0')}`;

function outgoing(target: string, text: string): OutgoingMessage {
  return {
    id: `row-${text}`,
    idempotencyKey: `key-${text}`,
    platform: 'teams',
    target,
    payload: message('escalation', text) as unknown as SenderJson,
    attempt: 1,
  };
}

/**
 * A Bot Connector call that is never answered must not hold the dispatcher: the Teams sender gives
 * up after its timeout with a transient failure (retried later), whether the post or the opening
 * of a 1:1 chat went quiet.
 */
describe('Teams sender when the Bot Connector does not answer', () => {
  let db: TestDatabase;
  let fake: FakeConnector;
  trustFakeLoginInThisProcess();
  beforeEach(async () => {
    db = await openTestDatabase('pglite');
    fake = await startFakeConnector({ clientSecret: SECRET });
    await storeTeamsConversations(db.prisma, fake, { channels: [CHANNEL] });
  });
  afterEach(async () => {
    await fake.close();
    await db.destroy();
  });

  function sender() {
    const appId = nextAppId();
    return new TeamsSender({
      adapter: createCloudAdapter({ appId, appPassword: SECRET, appType: 'MultiTenant', loginUrl: fake.loginUrl }),
      appId,
      conversations: new PrismaConversationReferences(db.prisma),
      timeoutMs: 500,
    });
  }

  it('gives up on a post after the timeout and reports it transient, though the connector kept it', async () => {
    fake.faults.set('sendToConversation', () => ({ kind: 'hang' }));
    const result = await sender().send(outgoing(CHANNEL, 'quiet post'));
    expect(result).toEqual({ ok: false, kind: 'transient', reason: 'no answer from the Bot Connector within 500 ms' });
    // Stored before it went quiet: a retry will post it again (the Bot Connector has no lookup).
    expect(fake.posted().map((a) => a.text)).toEqual(['quiet post']);
    expect(fake.callsOf('sendToConversation')[0]!.status).toBeUndefined();
  });

  it('gives up on opening a 1:1 chat after the timeout', async () => {
    fake.faults.set('createConversation', () => ({ kind: 'hang' }));
    const result = await sender().send(outgoing('aad-quiet-user', 'quiet dm'));
    expect(result).toEqual({ ok: false, kind: 'transient', reason: 'no answer from the Bot Connector within 500 ms' });
    expect(fake.posted()).toEqual([]);
  });
});
