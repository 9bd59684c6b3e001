import { request } from 'node:http';
import nock from 'nock';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeamsRoute } from '../../src/adapters/teams/teams-route.js';
import { PrismaConversationReferences } from '../../src/store/prisma-conversation-references.js';
import { PrismaDeliveredMessages } from '../../src/store/prisma-delivered-messages.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import {
  createBotFrameworkKeys,
  nockBotFrameworkOpenId,
  signBotToken,
  startHttpServer,
  type BotTokenClaims,
} from '../support/teams-auth.js';

const APP_ID = '00000000-0000-4000-8000-0000000000a1';
const TENANT = '11111111-1111-4111-8111-111111111111';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const silent = pino({ level: 'silent' });
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

// The bot being added to a team: on success it stores a conversation reference, so "nothing
// written" is observable for every refused request.
const botAdded = {
  type: 'conversationUpdate',
  id: 'f:added-1',
  channelId: 'msteams',
  serviceUrl: SERVICE_URL,
  timestamp: '2026-12-01T09:00:00.000Z',
  from: { id: '29:owner', aadObjectId: 'aad-owner' },
  recipient: { id: `28:${APP_ID}`, name: 'planbot' },
  conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: TENANT },
  membersAdded: [{ id: `28:${APP_ID}` }],
  channelData: {
    tenant: { id: TENANT },
    team: { id: '19:general@thread.tacv2', name: 'Launch' },
    eventType: 'teamMemberAdded',
  },
};

// One key set per file: botbuilder caches the published keys per process, so a second store
// kind's run must be signed by the keys the first run published.
const keys = createBotFrameworkKeys();
const webchatOnly = createBotFrameworkKeys({ endorsements: ['webchat'] });
// Same kid as the published key, different private key: a forged signature.
const forger = { ...createBotFrameworkKeys(), kid: keys.kid };

describe.each(storeKinds())('Teams endpoint authentication over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  let server: Awaited<ReturnType<typeof startHttpServer>>;

  const token = (claims: Partial<BotTokenClaims> = {}, signer = keys) =>
    signBotToken(signer, { aud: APP_ID, serviceurl: SERVICE_URL, ...claims });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const stored = async () => ({
    references: await db.prisma.conversationReference.count(),
    workspaces: await db.prisma.workspace.count(),
  });

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nockBotFrameworkOpenId([keys, webchatOnly]);
    db = await openTestDatabase(kind);
    app = createTestApp(db, '2026-12-01T09:00:00Z');
    const route = createTeamsRoute({
      appId: APP_ID,
      appPassword: 'not-a-real-secret',
      appType: 'MultiTenant',
      service: app.service,
      store: app.store,
      conversations: new PrismaConversationReferences(db.prisma),
      delivered: new PrismaDeliveredMessages(db.prisma),
      clock: app.clock,
      logger: silent,
      bodyLimitBytes: 64 * 1024,
    });
    server = await startHttpServer(route.handle);
  });
  afterAll(async () => {
    await server.close();
    await db.destroy();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(async () => {
    await db.prisma.conversationReference.deleteMany();
    await db.prisma.workspace.deleteMany();
  });

  it('accepts an activity signed by the Bot Framework for this bot and stores where it was added', async () => {
    const response = await post(botAdded, { authorization: `Bearer ${token()}` });
    expect(response.status).toBe(200);
    const row = await db.prisma.conversationReference.findFirstOrThrow({ include: { workspace: true } });
    expect(row).toMatchObject({
      conversationId: '19:general@thread.tacv2',
      kind: 'channel',
      workspace: { platform: 'teams', externalId: TENANT },
    });
    expect(row.reference).toMatchObject({
      serviceUrl: SERVICE_URL,
      conversation: { id: '19:general@thread.tacv2', tenantId: TENANT },
    });
  });

  it.each([
    ['no token', () => ({})],
    [
      'a token for another bot (audience)',
      () => ({ authorization: `Bearer ${token({ aud: '00000000-0000-4000-8000-0000000000ff' })}` }),
    ],
    ['a token from another issuer', () => ({ authorization: `Bearer ${token({ iss: 'https://sts.example.com/' })}` })],
    ['an expired token', () => ({ authorization: `Bearer ${token({ expiresIn: -3600 })}` })],
    [
      'a token issued for another service URL',
      () => ({ authorization: `Bearer ${token({ serviceurl: 'https://evil.example.com/' })}` }),
    ],
    ['a key not endorsed for Teams', () => ({ authorization: `Bearer ${token({}, webchatOnly)}` })],
    ['a forged signature under a published key id', () => ({ authorization: `Bearer ${token({}, forger)}` })],
    ['an unknown key id', () => ({ authorization: `Bearer ${token({ kid: 'not-published' })}` })],
    ['a token without the Bearer scheme', () => ({ authorization: token() })],
  ])('refuses %s with 401 and writes nothing', async (_name, headers) => {
    const response = await post(botAdded, headers());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringContaining('Unauthorized') });
    expect(await stored()).toEqual({ references: 0, workspaces: 0 });
  });

  it('refuses a body over the limit with 413 before reading it all', async () => {
    const huge = { ...botAdded, text: 'x'.repeat(70 * 1024) };
    const response = await post(huge, { authorization: `Bearer ${token()}` });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatch(/larger than 65536 bytes/);
    expect(await stored()).toEqual({ references: 0, workspaces: 0 });
  });

  it('refuses an oversized chunked body (no declared length) with 413 once the limit is passed', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/api/messages`,
        { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const json = JSON.stringify({ ...botAdded, text: 'x'.repeat(70 * 1024) });
      for (let at = 0; at < json.length; at += 8 * 1024) req.write(json.slice(at, at + 8 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    expect(await stored()).toEqual({ references: 0, workspaces: 0 });
  });

  it('answers malformed JSON, a non-activity and other channels with 400 and a reason', async () => {
    const auth = { authorization: `Bearer ${token()}` };
    const malformed = await post('{"type": "message",', auth);
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toMatch(/not valid JSON/);
    const notAnObject = await post('[1,2]', auth);
    expect(notAnObject.status).toBe(400);
    expect(await errorOf(notAnObject)).toMatch(/JSON object/);
    const webchat = await post({ ...botAdded, channelId: 'webchat' }, auth);
    expect(webchat.status).toBe(400);
    expect(await errorOf(webchat)).toMatch(/Microsoft Teams only/);
    const noServiceUrl = await post({ ...botAdded, serviceUrl: undefined }, auth);
    expect(noServiceUrl.status).toBe(400);
    expect(await stored()).toEqual({ references: 0, workspaces: 0 });
  });

  it('answers anything but POST with 405', async () => {
    const response = await fetch(`${server.url}/api/messages`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('Teams endpoint configuration', () => {
  it('refuses an empty app id, which would turn authentication off', () => {
    const deps = {
      appId: ' ',
      appType: 'MultiTenant' as const,
      service: {} as never,
      store: {} as never,
      conversations: {} as never,
      delivered: {} as never,
      clock: { now: () => new Date(0) },
      logger: silent,
    };
    expect(() => createTeamsRoute(deps)).toThrow(/MICROSOFT_APP_ID is empty/);
    expect(() => createTeamsRoute({ ...deps, appId: APP_ID, appType: 'SingleTenant' })).toThrow(
      /MICROSOFT_APP_TENANT_ID/,
    );
  });
});
