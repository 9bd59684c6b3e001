import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloudAdapter } from '../../src/adapters/teams/teams-cloud-adapter.js';
import { TeamsSender } from '../../src/adapters/teams/teams-sender.js';
import { message } from '../../src/service/messages/message.js';
import type { SenderJson } from '../../src/service/ports/sender.js';
import { startFakeConnector, type FakeConnector } from '../e2e/fakes/fake-connector.js';
import { storeTeamsConversations } from '../e2e/fault/fault-helpers.js';
import { PrismaConversationReferences } from '../../src/store/prisma-conversation-references.js';
import { openTestDatabase, type TestDatabase } from '../support/test-databases.js';

const APP_ID = '6f1c2a7e-3333-4c3b-9f00-0000000000d1';
const CHANNEL = '19:login-default@thread.tacv2';

/**
 * MICROSOFT_LOGIN_URL left at Microsoft's login (the default) keeps botbuilder's own path: the
 * token comes from login.microsoftonline.com (nocked), not from the fake's login, even though
 * the conversation's service URL is the fake Bot Connector.
 */
describe('Teams login URL left at Microsoft’s', () => {
  let db: TestDatabase;
  let fake: FakeConnector;
  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    db = await openTestDatabase('pglite');
    fake = await startFakeConnector();
    await storeTeamsConversations(db.prisma, fake, { channels: [CHANNEL] });
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await fake.close();
    await db.destroy();
  });

  it('asks Microsoft for the token', async () => {
    const microsoft = nock('https://login.microsoftonline.com')
      .post('/botframework.com/oauth2/v2.0/token')
      .query(true)
      .reply(200, {
        token_type: 'Bearer',
        expires_in: 3600,
        ext_expires_in: 3600,
        access_token: 'token-from-microsoft',
      });
    const adapter = createCloudAdapter({
      appId: APP_ID,
      appPassword: 'secret',
      appType: 'MultiTenant',
      loginUrl: 'https://login.microsoftonline.com/',
    });
    const sender = new TeamsSender({
      adapter,
      appId: APP_ID,
      conversations: new PrismaConversationReferences(db.prisma),
    });
    const result = await sender.send({
      id: 'row-1',
      idempotencyKey: 'k-1',
      platform: 'teams',
      target: CHANNEL,
      payload: message('escalation', 'default') as unknown as SenderJson,
      attempt: 1,
    });

    expect(microsoft.isDone()).toBe(true);
    expect(fake.callsOf('token')).toEqual([]);
    // The fake connector accepts only tokens its login issued: this post carried Microsoft's.
    expect(fake.callsOf('sendToConversation').map((c) => c.authorized)).toEqual([false]);
    expect(result).toMatchObject({
      ok: false,
      kind: 'permanent',
      reason: expect.stringMatching(/^unauthorized \(HTTP 401/),
    });
  });
});
