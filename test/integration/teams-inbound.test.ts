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
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

const APP_ID = '00000000-0000-4000-8000-0000000000b2';
const BOT = { id: `28:${APP_ID}`, name: 'planbot' };
const CONNECTOR = 'https://smba.trafficmanager.net';
const SERVICE_URL = `${CONNECTOR}/amer/`;
const TENANT_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const CHANNEL_A = '19:launch-a@thread.tacv2';
const CHANNEL_B = '19:launch-b@thread.tacv2';
const contosoA: WorkspaceRef = { platform: 'teams', externalId: TENANT_A, name: 'Contoso' };
const fabrikamB: WorkspaceRef = { platform: 'teams', externalId: TENANT_B, name: 'Fabrikam' };
const silent = pino({ level: process.env.TEST_LOG ?? 'silent' });

// Tenant A: the sprint plan on Teams, Priya known only by her work email (linked on first contact).
const planA = sprintPlanYaml
  .replace(/slackId: U0PRIYA/, 'email: priya.mehta@contoso.example')
  .replace(/slackId: U0(\w+)/g, (_, name: string) => `teamsId: aad-${name.toLowerCase()}`);
// Tenant B: the same plan, other people (other object ids).
const planB = sprintPlanYaml.replace(/slackId: U0(\w+)/g, (_, name: string) => `teamsId: aad-b-${name.toLowerCase()}`);

// One key set per file: botbuilder caches the published keys per process, so a second store
// kind's run must be signed by the keys the first run published.
const keys = createBotFrameworkKeys();

describe.each(storeKinds())('Teams commands and card actions over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let connector: ConnectorCall[];
  let seq = 0;

  function activity(
    tenantId: string,
    conversation: { id: string; conversationType: 'channel' | 'personal' | 'groupChat' },
    user: { id: string; aadObjectId?: string },
    extra: Record<string, unknown>,
  ) {
    seq += 1;
    return {
      id: `incoming-${seq}`,
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      timestamp: '2026-12-08T17:30:00.000Z',
      from: { name: 'Someone', ...user },
      recipient: BOT,
      conversation: { ...conversation, tenantId, isGroup: conversation.conversationType !== 'personal' },
      channelData: {
        tenant: { id: tenantId },
        ...(conversation.conversationType === 'channel' ? { channel: { id: conversation.id } } : {}),
      },
      ...extra,
    };
  }

  /** A channel message that @mentions planbot, as Teams sends it. */
  const mention = (tenantId: string, channel: string, user: { id: string; aadObjectId?: string }, words: string) =>
    activity(tenantId, { id: `${channel};messageid=${seq + 1000}`, conversationType: 'channel' }, user, {
      type: 'message',
      text: `<at>planbot</at> ${words}`,
      entities: [{ type: 'mention', text: '<at>planbot</at>', mentioned: BOT }],
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

  async function openBlocker(workspace: WorkspaceRef, channel: string, userId: string, text: string) {
    await app.service.handle(
      { workspace, channel, actor: { platform: 'teams', userId } },
      { name: 'block', args: { taskKey: 'd3', text } },
    );
    await app.step();
    return db.prisma.blocker.findFirstOrThrow({ where: { summary: text } });
  }

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    db = await openTestDatabase(kind);
    // Imported Tuesday Dec 8 before the 09:00 PT stand-up, which then posts; at 09:30 d3 (Luis)
    // is upcoming, so a blocker on it matters.
    app = createTestApp(db, '2026-12-08T16:30:00Z');
    await importYaml(app, contosoA, planA, CHANNEL_A);
    await importYaml(app, fabrikamB, planB, CHANNEL_B);
    app.clock.set('2026-12-08T17:30:00Z');
    await app.step();
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
    });
    server = await startHttpServer(route.handle);
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
    connector = fakeConnector(CONNECTOR, {
      '29:priya': {
        id: '29:priya',
        aadObjectId: 'aad-priya',
        name: 'Priya Mehta',
        email: 'Priya.Mehta@contoso.example',
        userPrincipalName: 'priya.mehta@contoso.example',
      },
      '29:nia': { id: '29:nia', aadObjectId: 'aad-nia', name: 'Nia Okafor', userPrincipalName: 'nia@fabrikam.example' },
      '29:sam': {
        id: '29:sam',
        aadObjectId: 'aad-sam',
        name: 'Sam Jackson',
        email: 'sam@contoso.example',
        userPrincipalName: 'sam@contoso.example',
      },
    });
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it('answers `plan blockers` from a lead with an Adaptive Card in the thread, naming the blocker', async () => {
    const blocker = await openBlocker(contosoA, CHANNEL_A, 'aad-luis', 'Warehouse credentials expired');
    const incoming = mention(TENANT_A, CHANNEL_A, { id: '29:sam', aadObjectId: 'aad-sam' }, 'plan blockers');
    const response = await post(incoming);
    expect(response.status).toBe(200);
    const replies = connector.filter((c) => c.method === 'POST');
    expect(replies).toHaveLength(1);
    // A reply to the message that asked: the thread, not a new post in the channel.
    expect(replies[0]).toMatchObject({ conversationId: incoming.conversation.id, activityId: incoming.id });
    expect(replies[0]!.body.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardOf(replies[0])).toContain('Warehouse credentials expired');
    expect(cardOf(replies[0])).toContain(`"value":"${blocker.id}"`);
  });

  it('reads `blockers` in the 1:1 chat, and answers unknown words with what went wrong and the usage', async () => {
    const dm = { id: 'a:1dm-sam', conversationType: 'personal' as const };
    await post(activity(TENANT_A, dm, { id: '29:sam', aadObjectId: 'aad-sam' }, { type: 'message', text: 'blockers' }));
    const stored = await db.prisma.conversationReference.findFirstOrThrow({ where: { conversationId: 'a:1dm-sam' } });
    await post(
      activity(
        TENANT_A,
        dm,
        { id: '29:sam', aadObjectId: 'aad-sam' },
        { type: 'message', text: 'frobnicate the roadmap' },
      ),
    );
    // The same reference again is not rewritten: a message costs no conversation write.
    expect(
      (await db.prisma.conversationReference.findFirstOrThrow({ where: { conversationId: 'a:1dm-sam' } })).updatedAt,
    ).toEqual(stored.updatedAt);
    const [list, unknown] = connector.filter((c) => c.method === 'POST');
    expect(cardOf(list)).toContain('Warehouse credentials expired');
    expect(cardOf(unknown)).toContain('frobnicate');
    expect(cardOf(unknown)).toMatch(/blockers/);
    // Every personal message keeps the 1:1 reference fresh for DMs.
    expect(await new PrismaConversationReferences(db.prisma).personalChatOf('aad-sam')).toMatchObject({
      conversationId: 'a:1dm-sam',
      kind: 'personal',
      tenantId: TENANT_A,
    });
  });

  it('acknowledges a blocker from the escalation card (Action.Execute) and answers with the settled card', async () => {
    const blocker = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'Warehouse credentials expired' } });
    // Tier 1 (Sam, no delay) was DMed when the blocker opened; the sender recorded its activity id.
    const escalation = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { platform: 'teams', target: 'aad-sam', idempotencyKey: { contains: blocker.id } },
    });
    expect(escalation.platformRef).toBeTruthy();
    const click = activity(
      TENANT_A,
      { id: 'a:1dm-sam', conversationType: 'personal' },
      { id: '29:sam', aadObjectId: 'aad-sam' },
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: escalation.platformRef,
        value: {
          action: { type: 'Action.Execute', verb: 'blocker_ack', data: { actionId: 'blocker_ack', value: blocker.id } },
          trigger: 'manual',
        },
      },
    );
    const response = await post(click);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: { type: 'AdaptiveCard' },
    });
    const card = JSON.stringify((response.body as { value: unknown }).value);
    expect(card).toContain('acknowledged by Sam Jackson');
    expect(card).not.toContain('"verb":"blocker_ack"');
    expect(await db.prisma.blocker.findUniqueOrThrow({ where: { id: blocker.id } })).toMatchObject({
      status: 'acknowledged',
      nextEscalationAt: null,
    });
    // The message itself is edited too, so nobody else clicks Acknowledge again.
    const edits = connector.filter((c) => c.method === 'PUT');
    expect(edits).toMatchObject([{ conversationId: 'a:1dm-sam', activityId: escalation.platformRef }]);
    expect(cardOf(edits[0])).toContain('acknowledged by Sam Jackson');
  });

  it('says why when a click cannot be done, and changes nothing', async () => {
    const blocker = await openBlocker(contosoA, CHANNEL_A, 'aad-luis', 'Staging cluster down');
    const click = activity(
      TENANT_A,
      { id: 'a:1dm-luis', conversationType: 'personal' },
      { id: '29:luis', aadObjectId: 'aad-luis' },
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'blocker_resolve',
            data: { actionId: 'blocker_resolve', value: 'no-such-blocker' },
          },
        },
      },
    );
    const response = await post(click);
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toMatch(/couldn't find that blocker/i);
    expect((await db.prisma.blocker.findUniqueOrThrow({ where: { id: blocker.id } })).status).toBe('open');
  });

  it('resolves a blocker from an Action.Submit click (older clients) with a reply in the chat', async () => {
    const blocker = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'Staging cluster down' } });
    const submit = activity(
      TENANT_A,
      { id: 'a:1dm-sam', conversationType: 'personal' },
      { id: '29:sam', aadObjectId: 'aad-sam' },
      {
        type: 'message',
        value: { actionId: 'blocker_resolve', value: blocker.id },
      },
    );
    expect((await post(submit)).status).toBe(200);
    expect((await db.prisma.blocker.findUniqueOrThrow({ where: { id: blocker.id } })).status).toBe('resolved');
    expect(cardOf(connector.find((c) => c.method === 'POST'))).toContain('resolved');
  });

  it('opens the stand-up form from the prompt and takes the answer with a status per task', async () => {
    const prompt = await db.prisma.outboxMessage.findFirstOrThrow({
      where: { platform: 'teams', target: CHANNEL_A, idempotencyKey: { startsWith: 'occurrence:' } },
    });
    const inThread = { id: `${CHANNEL_A};messageid=${prompt.platformRef}`, conversationType: 'channel' as const };
    const sam = { id: '29:sam', aadObjectId: 'aad-sam' };
    const invoke = (data: Record<string, string>) =>
      activity(TENANT_A, inThread, sam, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: prompt.platformRef,
        value: { action: { type: 'Action.Execute', verb: data.actionId, data } },
      });

    const form = await post(invoke({ actionId: 'standup_update', value: 'prompt-ref' }));
    const formCard = JSON.stringify((form.body as { value: unknown }).value);
    // Sam's overdue kickoff (day 1) is on the form with a status choice.
    expect(formCard).toContain('"id":"task:d1"');
    expect(formCard).toContain('overdue');
    expect(formCard).toContain('"verb":"standup_submit"');

    const answer = await post(
      invoke({
        actionId: 'standup_submit',
        value: 'prompt-ref',
        did: 'Kickoff notes out',
        doing: 'Reviews',
        blockers: '',
        'task:d1': 'done',
      }),
    );
    expect(JSON.stringify((answer.body as { value: unknown }).value)).toMatch(/stand-up is in/);
    const d1 = await db.prisma.task.findFirstOrThrow({
      where: { key: 'd1', plan: { workspace: { externalId: TENANT_A } } },
    });
    expect(d1.status).toBe('done');
    expect(
      await db.prisma.standupReply.count({
        where: { member: { key: 'sam', plan: { workspace: { externalId: TENANT_A } } } },
      }),
    ).toBe(1);
    // A personal answer is not written onto the channel's prompt for everyone.
    expect(connector.filter((c) => c.method === 'PUT')).toEqual([]);
  });

  it('links a member by the email on their Teams profile the first time they write', async () => {
    const response = await post(
      activity(
        TENANT_A,
        { id: 'a:1dm-priya', conversationType: 'personal' },
        { id: '29:priya', aadObjectId: 'aad-priya' },
        { type: 'message', text: 'today' },
      ),
    );
    expect(response.status).toBe(200);
    const priya = await db.prisma.member.findFirstOrThrow({
      where: { key: 'priya', plan: { workspace: { externalId: TENANT_A } } },
      include: { identities: true },
    });
    expect(priya.identities).toMatchObject([{ platform: 'teams', externalId: 'aad-priya' }]);
    // …so her first command already knows her (not "you're not linked").
    const reply = cardOf(connector.find((c) => c.method === 'POST'));
    expect(reply).not.toMatch(/not linked/i);
  });

  it('stores the conversation when planbot is installed in a personal chat', async () => {
    const install = activity(
      TENANT_B,
      { id: 'a:1dm-b-alex', conversationType: 'personal' },
      { id: '29:b-alex', aadObjectId: 'aad-b-alex' },
      { type: 'installationUpdate', action: 'add' },
    );
    expect((await post(install)).status).toBe(200);
    expect(await new PrismaConversationReferences(db.prisma).personalChatOf('aad-b-alex')).toMatchObject({
      conversationId: 'a:1dm-b-alex',
      tenantId: TENANT_B,
      reference: { serviceUrl: SERVICE_URL, bot: BOT, user: { aadObjectId: 'aad-b-alex' } },
    });
  });

  it('forgets the conversation when planbot is uninstalled', async () => {
    const remove = activity(
      TENANT_B,
      { id: 'a:1dm-b-alex', conversationType: 'personal' },
      { id: '29:b-alex', aadObjectId: 'aad-b-alex' },
      { type: 'installationUpdate', action: 'remove' },
    );
    expect((await post(remove)).status).toBe(200);
    expect(await new PrismaConversationReferences(db.prisma).personalChatOf('aad-b-alex')).toBeNull();
  });

  it('lets a lead link someone else by @mentioning them', async () => {
    const incoming = activity(
      TENANT_B,
      { id: `${CHANNEL_B};messageid=77`, conversationType: 'channel' },
      { id: '29:b-sam', aadObjectId: 'aad-b-sam' },
      {
        type: 'message',
        text: '<at>planbot</at> plan link <at>Nia</at> "Priya Mehta"',
        entities: [
          { type: 'mention', text: '<at>planbot</at>', mentioned: BOT },
          { type: 'mention', text: '<at>Nia</at>', mentioned: { id: '29:nia', name: 'Nia' } },
        ],
      },
    );
    expect((await post(incoming)).status).toBe(200);
    const priya = await db.prisma.member.findFirstOrThrow({
      where: { key: 'priya', plan: { workspace: { externalId: TENANT_B } } },
      include: { identities: true },
    });
    expect(priya.identities).toMatchObject([{ platform: 'teams', externalId: 'aad-nia' }]);
    expect(cardOf(connector.find((c) => c.method === 'POST'))).toContain('Linked Priya Mehta');
  });

  it('takes an edited stand-up answer in place of the first and says what it now reads as; other edits do nothing', async () => {
    const dm = { id: 'a:1dm-luis', conversationType: 'personal' as const };
    const luis = { id: '29:luis', aadObjectId: 'aad-luis' };
    const said = 'did: ingestion rerun doing: quality checks blockers: none';
    await post(activity(TENANT_A, dm, luis, { type: 'message', id: 'msg-luis-1', text: said }));
    const replyOf = () =>
      db.prisma.standupReply.findFirstOrThrow({
        where: { member: { key: 'luis', plan: { workspace: { externalId: TENANT_A } } } },
      });
    expect(await replyOf()).toMatchObject({ doing: 'quality checks', editedAt: null });

    app.clock.set('2026-12-08T17:40:00Z');
    const edit = (text: string) => ({
      ...activity(TENANT_A, dm, luis, { type: 'messageUpdate', text }),
      id: 'msg-luis-1',
      channelData: { tenant: { id: TENANT_A }, eventType: 'editMessage' },
    });
    expect(
      (await post(edit('did: ingestion rerun doing: schema diff, then quality checks blockers: none'))).status,
    ).toBe(200);
    const [first, edited] = connector.filter((c) => c.method === 'POST');
    expect(cardOf(first)).toContain('stand-up is in');
    expect(cardOf(edited)).toContain('It now reads:');
    expect(cardOf(edited)).toContain('Doing: schema diff, then quality checks');
    expect(await replyOf()).toMatchObject({
      doing: 'schema diff, then quality checks',
      editedAt: new Date('2026-12-08T17:40:00Z'),
    });

    // Editing a command is not running it again.
    const blockers = await db.prisma.blocker.count();
    await post(edit('block d3 the warehouse is down again'));
    expect(await db.prisma.blocker.count()).toBe(blockers);
    expect(connector.filter((c) => c.method === 'POST')).toHaveLength(2);
  });

  it('lets a lead set the time off of someone they @mention with `plan away`', async () => {
    const say = (text: string) =>
      activity(
        TENANT_B,
        { id: `${CHANNEL_B};messageid=78`, conversationType: 'channel' },
        { id: '29:b-sam', aadObjectId: 'aad-b-sam' },
        {
          type: 'message',
          text: `<at>planbot</at> ${text}`,
          entities: [
            { type: 'mention', text: '<at>planbot</at>', mentioned: BOT },
            { type: 'mention', text: '<at>Nia</at>', mentioned: { id: '29:nia', name: 'Nia' } },
          ],
        },
      );
    expect((await post(say('plan link <at>Nia</at> "Priya Mehta"'))).status).toBe(200);
    expect((await post(say('plan away <at>Nia</at> 2026-12-10 2026-12-11'))).status).toBe(200);
    const priya = await db.prisma.member.findFirstOrThrow({
      where: { key: 'priya', plan: { workspace: { externalId: TENANT_B } } },
    });
    expect(priya.timeOff).toEqual([{ from: '2026-12-10', to: '2026-12-11' }]);
    expect(cardOf(connector.filter((c) => c.method === 'POST').at(-1))).toContain('Priya Mehta is away');
  });

  it("never shows one tenant's plan to a member of another", async () => {
    await openBlocker(fabrikamB, CHANNEL_B, 'aad-b-luis', 'Fabrikam payroll export is broken');
    // Sam leads tenant A's plan. In tenant B's channel he is nobody…
    await post(mention(TENANT_B, CHANNEL_B, { id: '29:sam', aadObjectId: 'aad-sam' }, 'plan blockers'));
    // …and naming B's channel from tenant A reaches A's plan only.
    await post(mention(TENANT_A, CHANNEL_B, { id: '29:sam', aadObjectId: 'aad-sam' }, 'plan blockers'));
    const [inB, fromA] = connector.filter((c) => c.method === 'POST');
    expect(cardOf(inB)).toMatch(/can't do that|leads and sponsors/i);
    expect(cardOf(inB)).not.toContain('Fabrikam payroll');
    expect(cardOf(fromA)).not.toContain('Fabrikam payroll');
    expect(cardOf(fromA)).toContain('Warehouse credentials expired');
    // An activity naming two tenants is not trusted to pick one: no answer at all.
    const confused = mention(TENANT_A, CHANNEL_A, { id: '29:sam', aadObjectId: 'aad-sam' }, 'plan blockers');
    expect((await post({ ...confused, conversation: { ...confused.conversation, tenantId: TENANT_B } })).status).toBe(
      200,
    );
    expect(connector.filter((c) => c.method === 'POST')).toHaveLength(2);
    // Sam was not linked to anyone in B by writing there.
    expect(
      await db.prisma.chatIdentity.count({
        where: { externalId: 'aad-sam', member: { plan: { workspace: { externalId: TENANT_B } } } },
      }),
    ).toBe(0);
  });
});
