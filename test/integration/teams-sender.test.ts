import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import nock from 'nock';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TeamsSender } from '../../src/adapters/teams/teams-sender.js';
import { VegaChartRenderer } from '../../src/charts/vega-chart-renderer.js';
import type { ChartRef } from '../../src/service/messages/message.js';
import { PlanCharts } from '../../src/service/plan-charts.js';
import type { ChartImages } from '../../src/service/ports/chart-renderer.js';
import { createApp, type App } from '../../src/main.js';
import { parseCommandText } from '../../src/service/commands/parse-command.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { PrismaConversationReferences } from '../../src/store/prisma-conversation-references.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';

const APP_ID = '6f1c2a7e-1111-4c3b-9f00-0000000000a1';
const TENANT = '72f988bf-0000-41af-91ab-2d7cd011db47';
const CONNECTOR = 'https://smba.trafficmanager.net';
const SERVICE_URL = `${CONNECTOR}/amer/`;
const CHANNEL = '19:abc@thread.tacv2';
const contoso: WorkspaceRef = { platform: 'teams', externalId: TENANT, name: 'Contoso' };
const SECOND = 1_000;
const HOUR = 3_600_000;

// The sprint plan with every member on Teams (AAD object ids) instead of Slack.
const teamsPlanYaml = sprintPlanYaml.replace(
  /slackId: U0(\w+)/g,
  (_, name: string) => `teamsId: aad-${name.toLowerCase()}`,
);

interface ConnectorPost {
  conversationId: string;
  body: {
    type: string;
    summary?: string;
    attachments?: { contentType: string; content: { type: string; body: unknown[] } }[];
  };
  authorization: string | undefined;
}

/** A fake Bot Connector at SERVICE_URL: records posts and 1:1 chat creations, answers with activity ids. */
function fakeConnector() {
  const posts: ConnectorPost[] = [];
  const created: {
    members: { id: string }[];
    tenantId: string;
    isGroup: boolean;
    channelData: unknown;
    bot: { id: string };
  }[] = [];
  nock(CONNECTOR)
    .persist()
    .post(/^\/amer\/v3\/conversations\/[^/]+\/activities$/)
    .reply(function (uri, body) {
      const conversationId = decodeURIComponent(uri.split('/')[4] ?? '');
      posts.push({
        conversationId,
        body: body as ConnectorPost['body'],
        authorization: this.req.headers.authorization,
      });
      return [201, { id: `activity-${posts.length}` }];
    })
    .post('/amer/v3/conversations')
    .reply((_uri, body) => {
      created.push(body as (typeof created)[number]);
      return [201, { id: `a:1dm-${created.length}` }];
    });
  return { posts, created };
}

/** Microsoft login's client-credentials endpoint, which botbuilder (MSAL) calls for the bot's token. */
function nockBotTokenEndpoint() {
  nock('https://login.microsoftonline.com')
    .persist()
    .post('/botframework.com/oauth2/v2.0/token')
    .query(true)
    .reply(200, { access_token: 'bot-token-for-tests', expires_in: 3600, ext_expires_in: 3600, token_type: 'Bearer' });
}

function cardText(post: ConnectorPost): string {
  return JSON.stringify(post.body.attachments?.[0]?.content ?? {});
}

async function storeChannel(db: TestDatabase, conversationId = CHANNEL) {
  await new PrismaConversationReferences(db.prisma).save({
    tenantId: TENANT,
    tenantName: 'Contoso',
    conversationId,
    kind: 'channel',
    reference: {
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      bot: { id: `28:${APP_ID}`, name: 'planbot' },
      conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    },
  });
}

describe.each(storeKinds())('Teams sender through the Bot Connector on %s', (kind) => {
  let db: TestDatabase;
  let importer: TestApp;
  let app: App;
  let adapter: CloudAdapter;
  let connector: ReturnType<typeof fakeConnector>;

  async function start(isoStart: string, appId = APP_ID, yaml = teamsPlanYaml, charts?: ChartImages) {
    // createTestApp only imports the plan and owns the clock; delivery runs through `app`, wired
    // by createApp like production, with the real CloudAdapter behind the Teams sender.
    importer = createTestApp(db, isoStart);
    await importYaml(importer, contoso, yaml, CHANNEL);
    adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: appId,
        MicrosoftAppPassword: 'test-password',
        MicrosoftAppType: 'MultiTenant',
      }),
    );
    const teams = new TeamsSender({
      adapter,
      appId,
      conversations: new PrismaConversationReferences(db.prisma),
      ...(charts ? { charts } : {}),
    });
    app = createApp({
      database: db,
      clock: importer.clock,
      senders: { teams },
      random: () => 0.5,
      scheduler: { instanceId: `teams-${kind}` },
    });
  }

  async function outbox(keyPart: string) {
    return db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { contains: keyPart } },
      orderBy: { seq: 'asc' },
    });
  }

  beforeEach(async () => {
    nock.disableNetConnect();
    nockBotTokenEndpoint();
    connector = fakeConnector();
    db = await openTestDatabase(kind);
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await db.destroy();
  });

  it('posts a due stand-up into the plan channel as an Adaptive Card naming each owner’s tasks', async () => {
    // Monday Dec 7, 08:00 PST; the stand-up is at 09:00 PT.
    await start('2026-12-07T16:00:00Z');
    await storeChannel(db);
    await app.step();
    expect(connector.posts).toEqual([]);

    importer.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    expect(connector.posts).toHaveLength(1);
    const [post] = connector.posts;
    expect(post!.conversationId).toBe(CHANNEL);
    expect(post!.authorization).toBe('Bearer bot-token-for-tests');
    expect(post!.body.type).toBe('message');
    expect(post!.body.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(post!.body.attachments?.[0]?.content.type).toBe('AdaptiveCard');
    expect(cardText(post!)).toContain('Sam Jackson');
    expect(cardText(post!)).toContain('Kickoff');
    expect(post!.body.summary).toMatch(/stand-?up/i);
    const [row] = await outbox('occurrence:');
    expect(row).toMatchObject({ status: 'sent', platformRef: 'activity-1', attempts: 1 });
  });

  it('posts the weekly memo with its chart as an inline PNG next to the card, drawn at delivery', async () => {
    // Monday Dec 14, 10:00 PST: the memo of the sprint's first week.
    const memoPlan = teamsPlanYaml.replace(
      'rituals:\n',
      'rituals:\n  - { kind: weekly_memo, localTime: "10:00", days: [1] }\n',
    );
    const asked: ChartRef[] = [];
    const renderer = new VegaChartRenderer();
    await start('2026-12-14T17:30:00Z', APP_ID, memoPlan, {
      png: (ref, size) => {
        asked.push(ref);
        return new PlanCharts(importer.store, renderer, importer.clock).png(ref, size);
      },
    });
    await storeChannel(db);
    importer.clock.set('2026-12-14T18:00:00Z');
    await app.step();

    const memo = connector.posts.find((post) => cardText(post).includes('Weekly memo'));
    expect(memo).toBeDefined();
    expect(asked).toEqual([{ planId: expect.any(String), from: '2026-12-07', to: '2026-12-13' }]);
    const attachments = memo!.body.attachments as unknown as {
      contentType: string;
      contentUrl?: string;
      name?: string;
    }[];
    expect(attachments.map((a) => a.contentType)).toEqual(['application/vnd.microsoft.card.adaptive', 'image/png']);
    expect(attachments[1]).toMatchObject({ name: 'plan-chart-2026-12-07.png' });
    const [, base64] = /^data:image\/png;base64,(.+)$/.exec(attachments[1]!.contentUrl ?? '') ?? [];
    const image = PNG.sync.read(Buffer.from(base64 ?? '', 'base64'));
    expect([image.width, image.height]).toEqual([800, 480]);
    // Other posts carry no picture.
    expect(connector.posts.filter((post) => (post.body.attachments?.length ?? 0) > 1)).toHaveLength(1);
  }, 120_000);

  it('posts the memo without its chart when Teams refuses the message with it as too large', async () => {
    const memoPlan = teamsPlanYaml.replace(
      'rituals:\n',
      'rituals:\n  - { kind: weekly_memo, localTime: "10:00", days: [1] }\n',
    );
    const png = PNG.sync.write(new PNG({ width: 8, height: 8 }));
    await start('2026-12-14T17:30:00Z', APP_ID, memoPlan, { png: async () => png });
    await storeChannel(db);
    // Registered ahead of the fake connector: the first post that carries a picture gets a 413.
    nock.cleanAll();
    nockBotTokenEndpoint();
    const refused: unknown[] = [];
    nock(CONNECTOR)
      .post(
        /^\/amer\/v3\/conversations\/[^/]+\/activities$/,
        (body: ConnectorPost['body']) => (body.attachments?.length ?? 0) > 1,
      )
      .reply((_uri, body) => {
        refused.push(body);
        return [413, { error: { code: 'MessageSizeTooBig', message: 'Message size too big' } }];
      });
    connector = fakeConnector();
    importer.clock.set('2026-12-14T18:00:00Z');
    await app.step();

    expect(refused).toHaveLength(1);
    const memos = connector.posts.filter((post) => cardText(post).includes('Weekly memo'));
    expect(memos).toHaveLength(1);
    expect(memos[0]!.body.attachments).toHaveLength(1);
    const [row] = (await outbox('occurrence:')).filter((r) => (r.payload as { kind?: string }).kind === 'weekly_memo');
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  }, 120_000);

  it('mentions each owner linked on Teams with <at>Name</at> and a msteams entity, so Teams notifies them; others stay plain', async () => {
    // Tuesday Dec 8: Sam's d1 is overdue and Priya's d2 is due. Priya is not linked on Teams.
    const priyaUnlinked = teamsPlanYaml.replace(', teamsId: aad-priya', '');
    expect(priyaUnlinked).not.toBe(teamsPlanYaml);
    await start('2026-12-08T16:00:00Z', APP_ID, priyaUnlinked);
    await storeChannel(db);
    importer.clock.set('2026-12-08T17:00:00Z');
    await app.step();
    expect(connector.posts).toHaveLength(1);
    const card = connector.posts[0]!.body.attachments?.[0]?.content as unknown as {
      body: { type: string; text?: string }[];
      msteams?: { entities: unknown[] };
    };
    const texts = card.body.flatMap((element) => (element.type === 'TextBlock' ? [element.text ?? ''] : []));
    expect(texts.some((text) => text.includes('<at>Sam Jackson</at>'))).toBe(true);
    expect(card.msteams?.entities).toEqual([
      { type: 'mention', text: '<at>Sam Jackson</at>', mentioned: { id: 'aad-sam', name: 'Sam Jackson' } },
    ]);
    // Not linked on Teams: named, not mentioned (no entity points at nobody).
    expect(texts.some((text) => text.includes('@Priya Mehta'))).toBe(true);
    expect(JSON.stringify(card)).not.toContain('<at>Priya Mehta</at>');
    // The notification line names people without markup.
    expect(connector.posts[0]!.body.summary).not.toContain('<at>');
  });

  it('posts the stand-up reminder as a reply in the prompt’s channel thread', async () => {
    // Tuesday: Priya's d2 is due and Sam's d1 is overdue; nobody answers.
    await start('2026-12-08T16:00:00Z');
    await storeChannel(db);
    importer.clock.set('2026-12-08T17:00:00Z');
    await app.step();
    importer.clock.set('2026-12-08T18:00:00Z');
    await app.step();
    importer.clock.set('2026-12-08T19:00:00Z');
    await app.step();
    expect(connector.posts.map((p) => p.conversationId)).toEqual([CHANNEL, `${CHANNEL};messageid=activity-1`]);
    expect(cardText(connector.posts[1]!)).toContain('Priya Mehta');
  });

  it('opens a 1:1 chat with a ladder contact it never talked to, DMs the escalation, and reuses the chat next time', async () => {
    // Wednesday Dec 9, 10:00 PST: Luis reports a blocker; tier 1 is Sam (lead), tier 2 Alex (sponsor) 4 h later.
    await start('2026-12-09T18:00:00Z');
    await storeChannel(db);
    const parsed = parseCommandText('block d3 waiting on GA4 API keys');
    if (!parsed.ok) throw new Error(parsed.error);
    await app.service.handle(
      { workspace: contoso, channel: CHANNEL, actor: { platform: 'teams', userId: 'aad-luis' } },
      parsed.command,
    );
    await app.step();
    const chatWith = (user: string) => connector.created.findIndex((c) => c.members[0]?.id === user);
    const escalationsIn = (conversationId: string) =>
      connector.posts.filter((p) => p.conversationId === conversationId && cardText(p).includes('GA4 API keys'));
    expect(chatWith('aad-sam')).toBeGreaterThanOrEqual(0);
    const samChat = `a:1dm-${chatWith('aad-sam') + 1}`;
    expect(escalationsIn(samChat)).toHaveLength(1);
    const directMessages = () =>
      connector.posts.filter((p) => p.conversationId.startsWith('a:') && cardText(p).includes('GA4 API keys'));
    expect(directMessages().map((p) => p.conversationId)).toEqual([samChat]);

    importer.clock.advance(4 * HOUR);
    await app.step();
    expect(connector.created[chatWith('aad-alex')]).toEqual({
      isGroup: false,
      members: [{ id: 'aad-alex' }],
      tenantId: TENANT,
      channelData: { tenant: { id: TENANT } },
      bot: { id: `28:${APP_ID}`, name: 'planbot' },
    });
    const alexChat = `a:1dm-${chatWith('aad-alex') + 1}`;
    expect(escalationsIn(alexChat)).toHaveLength(1);
    expect(directMessages().map((p) => p.conversationId)).toEqual([samChat, alexChat]);
    expect((await outbox('escalation')).map((r) => [r.target, r.status, r.platformRef === null])).toEqual([
      ['aad-sam', 'sent', false],
      ['aad-alex', 'sent', false],
    ]);

    // Resolution tells both contacts, in the chats already opened: no new chat is created.
    const chats = connector.created.length;
    const resolve = parseCommandText('resolve 1 keys arrived');
    if (!resolve.ok) throw new Error(resolve.error);
    await app.service.handle(
      { workspace: contoso, channel: CHANNEL, actor: { platform: 'teams', userId: 'aad-luis' } },
      resolve.command,
    );
    await app.step();
    expect(connector.created).toHaveLength(chats);
    const resolvedTo = connector.posts.filter((p) => /resolved/i.test(cardText(p))).map((p) => p.conversationId);
    expect(resolvedTo.sort()).toEqual([samChat, alexChat].sort());
  });

  it('waits out Retry-After on a 429 from the connector, then posts exactly once', async () => {
    await start('2026-12-07T16:00:00Z');
    await storeChannel(db);
    nock.cleanAll();
    nockBotTokenEndpoint();
    let calls = 0;
    nock(CONNECTOR)
      .post(`/amer/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`)
      .reply(() => {
        calls += 1;
        return [429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '7' }];
      });
    connector = fakeConnector();

    importer.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    expect(calls).toBe(1);
    expect(connector.posts).toHaveLength(0);
    const [held] = await outbox('occurrence:');
    expect(held).toMatchObject({ status: 'pending', nextAttemptAt: new Date('2026-12-07T17:00:07Z') });
    expect(held!.lastError).toContain('429');

    importer.clock.advance(6 * SECOND);
    await app.step();
    expect(connector.posts).toHaveLength(0);

    importer.clock.advance(1 * SECOND);
    await app.step();
    importer.clock.advance(10 * SECOND);
    await app.step();
    expect(calls).toBe(1);
    expect(connector.posts).toHaveLength(1);
    expect(await outbox('occurrence:')).toMatchObject([{ status: 'sent', platformRef: 'activity-1' }]);
  });

  it('parks a post the connector refuses with 403 and says to add the app back to the team', async () => {
    await start('2026-12-07T16:00:00Z');
    await storeChannel(db);
    // The inbound bot answers users from onTurnError; a proactive failure must not vanish into it.
    adapter.onTurnError = async () => {};
    nock.cleanAll();
    nockBotTokenEndpoint();
    nock(CONNECTOR)
      .persist()
      .post(/\/activities$/)
      .reply(403, {
        error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
      });

    importer.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    importer.clock.advance(HOUR);
    await app.step();
    const [row] = await outbox('occurrence:');
    expect(row).toMatchObject({ status: 'parked', attempts: 1 });
    expect(row!.lastError).toMatch(/^bot_not_in_conversation \(HTTP 403: BotNotInConversationRoster/);
    expect(row!.lastError).toContain('add the app to the team again');
    expect(row!.lastError).not.toContain('bot-token-for-tests');
  });

  it('retries a 502 from the connector with backoff instead of giving up', async () => {
    await start('2026-12-07T16:00:00Z');
    await storeChannel(db);
    nock.cleanAll();
    nockBotTokenEndpoint();
    nock(CONNECTOR)
      .post(/\/activities$/)
      .reply(502, { error: { code: 'BadGateway', message: 'upstream' } });
    connector = fakeConnector();

    importer.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    const [row] = await outbox('occurrence:');
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toContain('HTTP 502');
    importer.clock.advance(HOUR);
    await app.step();
    expect(connector.posts[0]?.conversationId).toBe(CHANNEL);
    expect((await outbox('occurrence:'))[0]).toMatchObject({ status: 'sent', attempts: 2, platformRef: 'activity-1' });
  });

  it('parks a channel post when planbot was never added to that team, saying so', async () => {
    await start('2026-12-07T16:00:00Z');
    importer.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    const [row] = await outbox('occurrence:');
    expect(row).toMatchObject({ status: 'parked' });
    expect(row!.lastError).toMatch(
      /^not_installed: planbot has not been added to the Teams conversation 19:abc@thread\.tacv2 yet/,
    );
    expect(row!.lastError).toContain('add the app to the team');
    expect(connector.posts).toHaveLength(0);
  });

  it('parks with a credentials reason when Microsoft login refuses the bot’s secret', async () => {
    // Its own app id: botbuilder caches a bot's token per app id for the whole process.
    await start('2026-12-07T16:00:00Z', '6f1c2a7e-2222-4c3b-9f00-0000000000b2');
    await storeChannel(db);
    nock.cleanAll();
    nock('https://login.microsoftonline.com')
      .persist()
      .post('/botframework.com/oauth2/v2.0/token')
      .query(true)
      .reply(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
    connector = fakeConnector();

    importer.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    const [row] = await outbox('occurrence:');
    expect(row).toMatchObject({ status: 'parked' });
    expect(row!.lastError).toMatch(/^bot_credentials_refused \(invalid_client\)/);
    expect(row!.lastError).toContain('MicrosoftAppPassword');
    expect(connector.posts).toHaveLength(0);
  });

  it('classifies what the connector answers: server errors are retried, refusals parked with what to do', async () => {
    await start('2026-12-07T16:00:00Z');
    await storeChannel(db);
    const sender = new TeamsSender({
      adapter,
      appId: APP_ID,
      conversations: new PrismaConversationReferences(db.prisma),
    });
    const cases: [number, { kind: string; reason: RegExp }][] = [
      [500, { kind: 'transient', reason: /^HTTP 500 from the Bot Connector/ }],
      [503, { kind: 'transient', reason: /^HTTP 503 from the Bot Connector/ }],
      [
        400,
        { kind: 'permanent', reason: /^rejected \(HTTP 400: BadArgument.*\): Teams refused the message as invalid/ },
      ],
      [401, { kind: 'permanent', reason: /^unauthorized \(HTTP 401.*check MicrosoftAppId/ }],
      [404, { kind: 'permanent', reason: /^conversation_not_found \(HTTP 404.*change the plan's channel/ }],
    ];
    for (const [status, expected] of cases) {
      nock.cleanAll();
      nockBotTokenEndpoint();
      nock(CONNECTOR)
        .post(/\/activities$/)
        .reply(status, { error: { code: 'BadArgument', message: `answered ${status}` } });
      const result = await sender.send({
        id: `m-${status}`,
        idempotencyKey: `k-${status}`,
        platform: 'teams',
        target: CHANNEL,
        payload: { kind: 'reply', text: 'hi', blocks: [{ type: 'section', text: 'hi' }] },
        attempt: 1,
      });
      expect(result, `HTTP ${status}`).toMatchObject({
        ok: false,
        kind: expected.kind,
        reason: expect.stringMatching(expected.reason),
      });
    }
  });
});
