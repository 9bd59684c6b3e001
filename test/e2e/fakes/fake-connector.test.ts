import type { ConversationReference, TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { createCloudAdapter, type PlanbotCloudAdapter } from '../../../src/adapters/teams/teams-cloud-adapter.js';
import { trustFakeLoginInThisProcess } from './fake-connector-tls.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';

const APP_ID = '00000000-0000-4000-8000-00000000fa4e';
// botbuilder caches a bot's token per process by app id, and each fake accepts only its own
// tokens: every test is another bot.
let bots = 0;
const CHANNEL = '19:fake@thread.tacv2';

/** The parts of botframework-connector's ConnectorClient this test drives. */
interface Client {
  conversations: {
    sendToConversation(conversationId: string, activity: object): Promise<{ id?: string }>;
    replyToActivity(conversationId: string, activityId: string, activity: object): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: object): Promise<{ id?: string }>;
    createConversation(parameters: object): Promise<{ id?: string }>;
  };
  client: { pipeline: { removePolicy(policy: { name: string }): unknown } };
}

/**
 * The fake is only useful if botbuilder's own client reads it as it reads Microsoft: checked here
 * with the real CloudAdapter (MSAL for the token, the ConnectorClient for the calls).
 */
describe('fake Bot Connector', () => {
  let fake: FakeConnector | undefined;
  trustFakeLoginInThisProcess();
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function withClient<T>(
    connector: FakeConnector,
    work: (client: Client) => Promise<T>,
    secret = 'fake-secret',
  ): Promise<T> {
    bots += 1;
    const appId = `${APP_ID.slice(0, -2)}${String(bots).padStart(2, '0')}`;
    const adapter: PlanbotCloudAdapter = createCloudAdapter({
      appId,
      appPassword: secret,
      appType: 'MultiTenant',
      loginUrl: connector.loginUrl,
    });
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      conversation: { id: CHANNEL, isGroup: true, conversationType: 'channel', name: '' },
    };
    let result: { value: T } | { error: unknown } | undefined;
    await adapter.continueConversationAsync(appId, reference, async (context: TurnContext) => {
      const client = context.turnState.get<Client>(context.adapter.ConnectorClientKey);
      // Retries would hide what the fake answered; planbot removes this policy too (connector-turn.ts).
      client.client.pipeline.removePolicy({ name: 'defaultRetryPolicy' });
      try {
        result = { value: await work(client) };
      } catch (error) {
        result = { error };
      }
    });
    if (!result) throw new Error('the proactive turn did not run');
    if ('error' in result) throw result.error;
    return result.value;
  }

  it('issues a token, keeps posts, thread replies and edits per conversation, and opens one 1:1 chat per user', async () => {
    fake = await startFakeConnector({ clientSecret: 'fake-secret' });
    const connector = fake;
    const { root, dmFirst, dmAgain } = await withClient(connector, async (client) => {
      const root = await client.conversations.sendToConversation(CHANNEL, { type: 'message', summary: 'stand-up' });
      await client.conversations.sendToConversation(`${CHANNEL};messageid=${root.id}`, {
        type: 'message',
        summary: 'reminder',
      });
      await client.conversations.replyToActivity(CHANNEL, root.id!, { type: 'message', text: 'reply' });
      await client.conversations.updateActivity(CHANNEL, root.id!, { type: 'message', summary: 'stand-up (settled)' });
      const members = [{ id: 'aad-dana' }];
      const dmFirst = await client.conversations.createConversation({
        isGroup: false,
        bot: { id: `28:${APP_ID}` },
        members,
        tenantId: 't1',
        channelData: { tenant: { id: 't1' } },
      });
      const dmAgain = await client.conversations.createConversation({
        isGroup: false,
        bot: { id: `28:${APP_ID}` },
        members,
        tenantId: 't1',
        channelData: { tenant: { id: 't1' } },
      });
      await client.conversations.sendToConversation(dmFirst.id!, { type: 'message', summary: 'escalation' });
      return { root, dmFirst, dmAgain };
    });

    expect(connector.conversations.get(CHANNEL)!.map((a) => [a.text, a.replyToId, a.updates])).toEqual([
      ['stand-up (settled)', undefined, 1],
      ['reminder', root.id, 0],
      ['reply', root.id, 0],
    ]);
    expect(dmAgain.id).toBe(dmFirst.id);
    expect(connector.conversations.get(dmFirst.id!)!.map((a) => a.text)).toEqual(['escalation']);
    expect(connector.posted().map((a) => a.text)).toEqual(['stand-up (settled)', 'reminder', 'reply', 'escalation']);
    const [token] = connector.callsOf('token');
    expect(token!.body).toMatchObject({
      client_id: expect.stringMatching(/^00000000-0000-4000-8000-00000000fa/),
      client_secret: 'fake-secret',
      grant_type: 'client_credentials',
      scope: 'https://api.botframework.com/.default',
    });
    expect(token!.path).toBe('/botframework.com/oauth2/v2.0/token');
    const connectorCalls = connector.calls.filter(
      (c) => !['token', 'openid', 'instanceDiscovery'].includes(c.operation),
    );
    expect(connectorCalls.map((c) => [c.operation, c.status, c.authorized])).toEqual([
      ['sendToConversation', 201, true],
      ['sendToConversation', 201, true],
      ['replyToActivity', 201, true],
      ['updateActivity', 200, true],
      ['createConversation', 201, true],
      ['createConversation', 201, true],
      ['sendToConversation', 201, true],
    ]);
    for (const call of connectorCalls) expect(call.answeredAt).toBeGreaterThanOrEqual(call.receivedAt);
  });

  it('answers 429 with Retry-After, 5xx (before or after storing) and error codes as the client sees them from the Bot Connector', async () => {
    fake = await startFakeConnector();
    fake.faults.set('sendToConversation', (_call, nth) =>
      nth === 1
        ? { kind: 'rate_limited', retryAfterS: 3 }
        : nth === 2
          ? { kind: 'http', status: 503 }
          : nth === 3
            ? { kind: 'http', status: 502, stored: true }
            : nth === 4
              ? { kind: 'http', status: 403, code: 'BotNotInConversationRoster' }
              : undefined,
    );
    const connector = fake;
    const outcomes = await withClient(connector, async (client) => {
      const results: unknown[] = [];
      for (let i = 1; i <= 5; i += 1) {
        results.push(
          await client.conversations.sendToConversation(CHANNEL, { type: 'message', summary: `m${i}` }).then(
            (r) => ({ id: r.id }),
            (error: {
              statusCode?: number;
              code?: string;
              response?: { headers: { get(name: string): string | undefined } };
            }) => ({
              status: error.statusCode,
              code: error.code,
              retryAfter: error.response?.headers.get('retry-after'),
            }),
          ),
        );
      }
      return results;
    });
    expect(outcomes).toEqual([
      { status: 429, code: 'TooManyRequests', retryAfter: '3' },
      { status: 503, code: 'ServiceError', retryAfter: undefined },
      { status: 502, code: 'ServiceError', retryAfter: undefined },
      { status: 403, code: 'BotNotInConversationRoster', retryAfter: undefined },
      { id: expect.any(String) },
    ]);
    // Only the 502 that was injected after storing left a message behind.
    expect(connector.posted().map((a) => a.text)).toEqual(['m3', 'm5']);
    expect(connector.callsOf('sendToConversation').map((c) => [c.status, c.retryAfterS])).toEqual([
      [429, 3],
      [503, undefined],
      [502, undefined],
      [403, undefined],
      [201, undefined],
    ]);
  });

  it('refuses a wrong client secret at login, and a connector call without one of its tokens', async () => {
    fake = await startFakeConnector({ clientSecret: 'right' });
    const connector = fake;
    const refused = await withClient(
      connector,
      (client) => client.conversations.sendToConversation(CHANNEL, { type: 'message', summary: 'x' }),
      'wrong',
    ).catch((error: { errorCode?: string }) => error);
    expect(refused).toMatchObject({ errorCode: 'invalid_client' });
    expect(connector.callsOf('token').map((c) => c.status)).toEqual([401]);
    expect(connector.callsOf('sendToConversation')).toEqual([]);

    const anonymous = await fetch(`${connector.serviceUrl}v3/conversations/${encodeURIComponent(CHANNEL)}/activities`, {
      method: 'POST',
      headers: { authorization: 'Bearer made-up', 'content-type': 'application/json' },
      body: '{"type":"message"}',
    });
    expect(anonymous.status).toBe(401);
    expect(connector.posted()).toEqual([]);
  });

  it('stores a hung post and never answers it', async () => {
    fake = await startFakeConnector();
    fake.faults.set('sendToConversation', () => ({ kind: 'hang' }));
    const connector = fake;
    const answered = withClient(connector, (client) =>
      client.conversations.sendToConversation(CHANNEL, { type: 'message', summary: 'lost answer' }),
    ).then(
      () => 'answered',
      () => 'failed',
    );
    await until(() => connector.posted().length === 1);
    expect(connector.inFlight()).toBe(1);
    expect(connector.callsOf('sendToConversation')[0]!.status).toBeUndefined();
    await connector.close();
    fake = undefined;
    expect(await answered).toBe('failed');
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
