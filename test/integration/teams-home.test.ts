import nock from 'nock';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTeamsRoute } from '../../src/adapters/teams/teams-route.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { PrismaConversationReferences } from '../../src/store/prisma-conversation-references.js';
import { PrismaDeliveredMessages } from '../../src/store/prisma-delivered-messages.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import {
  createBotFrameworkKeys,
  nockBotFrameworkOpenId,
  nockBotTokenEndpoint,
  signBotToken,
  startHttpServer,
} from '../support/teams-auth.js';
import { cardOf, fakeConnector, type ConnectorCall } from '../support/teams-connector.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-databases.js';

const APP_ID = '00000000-0000-4000-8000-0000000000c3';
const BOT = { id: `28:${APP_ID}`, name: 'planbot' };
const CONNECTOR = 'https://smba.trafficmanager.net';
const SERVICE_URL = `${CONNECTOR}/amer/`;
const TENANT = 'cccccccc-0000-4000-8000-00000000000c';
const CHECKOUT_CHANNEL = '19:checkout@thread.tacv2';
const SEARCH_CHANNEL = '19:search@thread.tacv2';
const contoso: WorkspaceRef = { platform: 'teams', externalId: TENANT, name: 'Contoso' };
const silent = pino({ level: process.env.TEST_LOG ?? 'silent' });

const onTeams = sprintPlanYaml.replace(/slackId: U0(\w+)/g, (_, name: string) => `teamsId: aad-${name.toLowerCase()}`);
// A second plan in the same tenant with Luis on it too: in his 1:1 chat no channel says which plan he means.
const searchPlan = onTeams.replace('name: Checkout sprint', 'name: Search revamp');
const LUIS = { id: '29:luis', aadObjectId: 'aad-luis' };
const LUIS_DM = { id: 'a:1dm-luis', conversationType: 'personal' as const };

type CardJson = { body: { type: string; actions?: { title: string; data: { actionId: string; value: string } }[] }[] };
const buttonsOf = (card: CardJson) =>
  card.body.flatMap((element) => element.actions ?? []).map((a) => ({ title: a.title, ...a.data }));

// One key set per file: botbuilder caches the published keys per process.
const keys = createBotFrameworkKeys();

describe('the home card in Teams', () => {
  let db: TestDatabase;
  let app: TestApp;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let connector: ConnectorCall[];
  let checkoutId: string;
  let searchId: string;
  let seq = 0;

  function activity(
    conversation: { id: string; conversationType: 'channel' | 'personal' },
    user: { id: string; aadObjectId?: string },
    extra: Record<string, unknown>,
  ) {
    seq += 1;
    return {
      id: `incoming-${seq}`,
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      timestamp: '2026-12-09T17:30:00.000Z',
      from: { name: 'Someone', ...user },
      recipient: BOT,
      conversation: { ...conversation, tenantId: TENANT, isGroup: conversation.conversationType !== 'personal' },
      channelData: {
        tenant: { id: TENANT },
        ...(conversation.conversationType === 'channel' ? { channel: { id: conversation.id } } : {}),
      },
      ...extra,
    };
  }

  const invoke = (data: Record<string, string>) =>
    activity(LUIS_DM, LUIS, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: data.actionId, data } },
    });

  async function post(body: object): Promise<{ status: number; body: unknown }> {
    const token = signBotToken(keys, { aud: APP_ID, serviceurl: SERVICE_URL });
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  const posted = () => connector.filter((c) => c.method === 'POST');
  const postedCard = (call: ConnectorCall | undefined) => JSON.parse(cardOf(call)) as CardJson;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    db = await openTestDatabase('pglite');
    // Wednesday Dec 9 before the 09:00 PT stand-up, which then posts in both plans' channels.
    app = createTestApp(db, '2026-12-09T16:00:00Z');
    await importYaml(app, contoso, onTeams, CHECKOUT_CHANNEL);
    await importYaml(app, contoso, searchPlan, SEARCH_CHANNEL);
    app.clock.set('2026-12-09T17:30:00Z');
    await app.step();
    checkoutId = (await db.prisma.plan.findFirstOrThrow({ where: { name: 'Checkout sprint' } })).id;
    searchId = (await db.prisma.plan.findFirstOrThrow({ where: { name: 'Search revamp' } })).id;
    await app.service.handle(
      { workspace: contoso, channel: CHECKOUT_CHANNEL, actor: { platform: 'teams', userId: 'aad-luis' } },
      { name: 'block', args: { taskKey: 'd3', text: 'Warehouse credentials expired' } },
    );
    await app.step();
    server = await startHttpServer(
      createTeamsRoute({
        appId: APP_ID,
        appPassword: 'not-a-real-secret',
        appType: 'MultiTenant',
        service: app.service,
        store: app.store,
        conversations: new PrismaConversationReferences(db.prisma),
        delivered: new PrismaDeliveredMessages(db.prisma),
        clock: app.clock,
        logger: silent,
      }).handle,
    );
  });
  afterAll(async () => {
    await server.close();
    await db.destroy();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(() => {
    nockBotFrameworkOpenId(keys);
    nockBotTokenEndpoint();
    connector = fakeConnector(CONNECTOR, {});
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it('answers `home` in the 1:1 chat with a card of both plans, their tasks and working buttons', async () => {
    expect((await post(activity(LUIS_DM, LUIS, { type: 'message', text: 'home' }))).status).toBe(200);
    const [answer] = posted();
    expect(answer).toMatchObject({ conversationId: LUIS_DM.id });
    const card = cardOf(answer);
    expect(card).toContain('Checkout sprint');
    expect(card).toContain('Search revamp');
    expect(card).toContain('**d3** Data ingestion');
    expect(card).toContain('Warehouse credentials expired');
    const blocker = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'Warehouse credentials expired' } });
    expect(buttonsOf(postedCard(answer))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actionId: 'standup_update', value: checkoutId }),
        expect.objectContaining({ actionId: 'standup_update', value: searchId }),
        expect.objectContaining({ actionId: 'blocker_resolve', value: blocker.id }),
      ]),
    );
  });

  it('shows the next stand-up in the zone Luis’s Teams client reports, and says so', async () => {
    const home = activity(LUIS_DM, LUIS, { type: 'message', text: 'home', localTimezone: 'Europe/London' });
    expect((await post(home)).status).toBe(200);
    const card = cardOf(posted()[0]);
    // The plan's 09:00 Los Angeles stand-up is 17:00 in London.
    expect(card).toMatch(/Next stand-up: \w{3} \d+ Dec, 17:00 GMT \(your profile's time zone\)/);
  });

  it('answers `@planbot home` in a channel with the asker’s home in the thread', async () => {
    const inChannel = { id: `${CHECKOUT_CHANNEL};messageid=500`, conversationType: 'channel' as const };
    await post(
      activity(inChannel, LUIS, {
        type: 'message',
        text: '<at>planbot</at> home',
        entities: [{ type: 'mention', text: '<at>planbot</at>', mentioned: BOT }],
      }),
    );
    const [answer] = posted();
    expect(answer).toMatchObject({ conversationId: inChannel.id });
    expect(cardOf(answer)).toContain('Search revamp');
    expect(cardOf(answer)).toContain('**d3** Data ingestion');
  });

  it('sends the home card when planbot is installed in a 1:1 chat, and remembers the chat', async () => {
    const priyaDm = { id: 'a:1dm-priya', conversationType: 'personal' as const };
    const install = activity(
      priyaDm,
      { id: '29:priya', aadObjectId: 'aad-priya' },
      { type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] },
    );
    expect((await post(install)).status).toBe(200);
    const [greeting] = posted();
    expect(greeting).toMatchObject({ conversationId: priyaDm.id });
    expect(cardOf(greeting)).toContain('Checkout sprint');
    expect(cardOf(greeting)).toContain('**d5** Blueprint');
    expect(await new PrismaConversationReferences(db.prisma).personalChatOf('aad-priya')).toMatchObject({
      conversationId: priyaDm.id,
      kind: 'personal',
    });
  });

  it('sends nothing when someone else joins a team planbot is in', async () => {
    const joined = activity(
      { id: CHECKOUT_CHANNEL, conversationType: 'channel' },
      { id: '29:sam', aadObjectId: 'aad-sam' },
      { type: 'conversationUpdate', membersAdded: [{ id: '29:newcomer' }] },
    );
    expect((await post(joined)).status).toBe(200);
    expect(posted()).toEqual([]);
  });

  it('posts the stand-up for the plan whose home button was pressed, though Luis is on two plans', async () => {
    const form = await post(invoke({ actionId: 'standup_update', value: searchId }));
    const formCard = JSON.stringify((form.body as { value: unknown }).value);
    expect(formCard).toContain('Search revamp');
    expect(formCard).toContain('"verb":"standup_submit"');
    const answer = await post(
      invoke({
        actionId: 'standup_submit',
        value: searchId,
        did: 'Ranking notes',
        blockers: '',
        'task:d3': 'in_progress',
      }),
    );
    expect(JSON.stringify(answer.body)).toMatch(/stand-up is in/);
    const d3 = (planId: string) => db.prisma.task.findFirstOrThrow({ where: { key: 'd3', planId } });
    expect((await d3(searchId)).status).toBe('in_progress');
    expect((await d3(checkoutId)).status).not.toBe('in_progress');
  });

  it('resolves a blocker from the home card, with the same rights as anywhere', async () => {
    const blocker = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'Warehouse credentials expired' } });
    // Priya neither reported it nor owns d3: refused, and nothing changes.
    const refused = await post(
      activity(
        { id: 'a:1dm-priya', conversationType: 'personal' },
        { id: '29:priya', aadObjectId: 'aad-priya' },
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'blocker_resolve',
              data: { actionId: 'blocker_resolve', value: blocker.id },
            },
          },
        },
      ),
    );
    expect(JSON.stringify(refused.body)).toMatch(/only/i);
    expect((await db.prisma.blocker.findUniqueOrThrow({ where: { id: blocker.id } })).status).toBe('open');
    // Luis reported it: his press on the home's Resolve closes it.
    const done = await post(invoke({ actionId: 'blocker_resolve', value: blocker.id }));
    expect(JSON.stringify(done.body)).toMatch(/resolved/i);
    expect((await db.prisma.blocker.findUniqueOrThrow({ where: { id: blocker.id } })).status).toBe('resolved');
  });

  it('opens a blocker from the home card: a form of that plan’s open tasks, then the `block` command', async () => {
    const home = await post(activity(LUIS_DM, LUIS, { type: 'message', text: 'home' }));
    expect(home.status).toBe(200);
    expect(buttonsOf(postedCard(posted()[0]))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Report a blocker', actionId: 'blocker_open', value: searchId }),
      ]),
    );
    const form = await post(invoke({ actionId: 'blocker_open', value: searchId }));
    const formCard = JSON.stringify((form.body as { value: unknown }).value);
    expect(formCard).toContain('Report a blocker · Search revamp');
    expect(formCard).toContain('"type":"Input.ChoiceSet"');
    expect(formCard).toContain('"value":"d3"');
    expect(formCard).toContain('"type":"Input.Text"');
    expect(formCard).toContain('"verb":"blocker_submit"');

    // An empty box is refused with a reason, and opens nothing.
    const empty = await post(
      invoke({ actionId: 'blocker_submit', value: searchId, blockedTask: 'd4', blockerText: ' ' }),
    );
    expect(JSON.stringify(empty.body)).toContain('Say what is blocking the task');

    const sent = await post(
      invoke({ actionId: 'blocker_submit', value: searchId, blockedTask: 'd4', blockerText: 'Index rebuild is stuck' }),
    );
    expect(JSON.stringify(sent.body)).toMatch(/#\d+/);
    const blocker = await db.prisma.blocker.findFirstOrThrow({
      where: { summary: 'Index rebuild is stuck' },
      include: { task: true },
    });
    expect(blocker).toMatchObject({ planId: searchId, status: 'open', task: { key: 'd4' } });
    expect(await db.prisma.blocker.count({ where: { summary: ' ' } })).toBe(0);
  });
});
