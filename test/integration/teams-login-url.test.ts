import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloudAdapter, type TeamsAuthSettings } from '../../src/adapters/teams/teams-cloud-adapter.js';
import { TeamsSender } from '../../src/adapters/teams/teams-sender.js';
import { message } from '../../src/service/messages/message.js';
import type { OutgoingMessage, SenderJson } from '../../src/service/ports/sender.js';
import { trustFakeLoginInThisProcess } from '../e2e/fakes/fake-connector-tls.js';
import { startFakeConnector, type FakeConnector } from '../e2e/fakes/fake-connector.js';
import { FAULT_TENANT, storeTeamsConversations } from '../e2e/fault/fault-helpers.js';
import { PrismaConversationReferences } from '../../src/store/prisma-conversation-references.js';
import { openTestDatabase, type TestDatabase } from '../support/test-databases.js';

const TENANT = FAULT_TENANT;
const CHANNEL = '19:login-url@thread.tacv2';
const SECRET = 'login-url-secret';
// botbuilder caches a bot's token per process by app id and each fake accepts only tokens it issued: one bot per test.
let bots = 0;
const nextAppId = () => `6f1c2a7e-2222-4c3b-9f00-0000000000${String((bots += 1)).padStart(2, '0')}`;

function outgoing(text: string): OutgoingMessage {
  return {
    id: `row-${text}`,
    idempotencyKey: `key-${text}`,
    platform: 'teams',
    target: CHANNEL,
    payload: message('escalation', text) as unknown as SenderJson,
    attempt: 1,
  };
}

/**
 * MICROSOFT_LOGIN_URL (config.teams.loginUrl) decides where planbot gets its Bot Framework token:
 * the Teams sender, through the real CloudAdapter and MSAL, against the fake Bot Connector's login.
 * That Microsoft's own URL keeps botbuilder's default path is checked in
 * teams-login-url-default.test.ts, apart: with nock loaded, MSAL's requests do not see the
 * certificate this file trusts.
 */
describe('Teams login URL', () => {
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

  function sender(settings: Partial<TeamsAuthSettings> & { appId: string }) {
    const adapter = createCloudAdapter({ appType: 'MultiTenant', appPassword: SECRET, ...settings });
    return new TeamsSender({
      adapter,
      appId: settings.appId,
      conversations: new PrismaConversationReferences(db.prisma),
    });
  }

  it('gets the token from the configured login (multi-tenant authority) and posts with it', async () => {
    const appId = nextAppId();
    const result = await sender({ appId, loginUrl: fake.loginUrl }).send(outgoing('hello'));

    expect(result).toEqual({ ok: true, ref: fake.posted()[0]!.id });
    expect(fake.posted().map((a) => [a.conversationId, a.text])).toEqual([[CHANNEL, 'hello']]);
    const [token, ...moreTokens] = fake.callsOf('token');
    expect(moreTokens).toEqual([]);
    expect(token).toMatchObject({
      path: '/botframework.com/oauth2/v2.0/token',
      status: 200,
      body: { client_id: appId, client_secret: SECRET, grant_type: 'client_credentials' },
    });
    expect(fake.callsOf('sendToConversation').map((c) => c.authorized)).toEqual([true]);
    // MSAL read the fake's OpenID configuration and did not ask Microsoft's instance discovery about the host.
    expect(fake.callsOf('openid').map((c) => c.path)).toEqual([
      '/botframework.com/v2.0/.well-known/openid-configuration',
    ]);
    expect(fake.callsOf('instanceDiscovery')).toEqual([]);
  });

  it('asks the single-tenant bot’s own tenant, with or without a trailing slash on the URL', async () => {
    const appId = nextAppId();
    const result = await sender({
      appId,
      appType: 'SingleTenant',
      tenantId: TENANT,
      loginUrl: `${fake.loginUrl}/`,
    }).send(outgoing('single'));
    expect(result.ok).toBe(true);
    expect(fake.callsOf('token').map((c) => c.path)).toEqual([`/${TENANT}/oauth2/v2.0/token`]);
  });

  it('parks the message with the credentials reason when the configured login refuses the secret', async () => {
    const result = await sender({ appId: nextAppId(), appPassword: 'not-the-secret', loginUrl: fake.loginUrl }).send(
      outgoing('refused'),
    );
    expect(result).toMatchObject({
      ok: false,
      kind: 'permanent',
      reason: expect.stringMatching(/^bot_credentials_refused \(invalid_client\)/),
    });
    expect(fake.callsOf('token').map((c) => c.status)).toEqual([401]);
    expect(fake.posted()).toEqual([]);
  });

  it('refuses settings MSAL or the bot type cannot honour, at start', () => {
    expect(() =>
      createCloudAdapter({
        appId: nextAppId(),
        appPassword: SECRET,
        appType: 'MultiTenant',
        loginUrl: 'http://127.0.0.1:9',
      }),
    ).toThrow(/MICROSOFT_LOGIN_URL must be an https URL/);
    expect(() =>
      createCloudAdapter({ appId: nextAppId(), appType: 'UserAssignedMSI', tenantId: TENANT, loginUrl: fake.loginUrl }),
    ).toThrow(/UserAssignedMSI .*unset MICROSOFT_LOGIN_URL/);
    expect(() => createCloudAdapter({ appId: nextAppId(), appType: 'MultiTenant', loginUrl: fake.loginUrl })).toThrow(
      /MICROSOFT_APP_PASSWORD is not/,
    );
  });
});
