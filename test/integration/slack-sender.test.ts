import { WebAPIRequestError } from '@slack/web-api';
import nock from 'nock';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toSlackMessage } from '../../src/adapters/slack/block-kit.js';
import { classifySlackError } from '../../src/adapters/slack/slack-errors.js';
import { SlackSender } from '../../src/adapters/slack/slack-sender.js';
import { VegaChartRenderer } from '../../src/charts/vega-chart-renderer.js';
import { PlanCharts } from '../../src/service/plan-charts.js';
import { createApp, type App } from '../../src/main.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import type { Clock } from '../../src/service/ports/clock.js';
import { message, type Message } from '../../src/service/messages/message.js';
import type { OutgoingMessage, SendFailure } from '../../src/service/ports/sender.js';
import { claimDeliverableOutbox } from '../../src/store/outbox-repository.js';
import { PrismaSlackDmChannels } from '../../src/store/prisma-slack-dm-channels.js';
import { queueSlackMessages } from '../e2e/fault/fault-helpers.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

const API = 'https://slack.com';
const TOKEN = 'xoxb-acme-test-token';

type Body = Record<string, unknown>;
interface ApiCall {
  method: string;
  body: Body;
  authorization: string | undefined;
}
type Reply = [status: number, body: Body, headers?: Record<string, string>];

/**
 * The far side of the network: every Web API call is recorded, and answered from a queue per
 * method (the last answer repeats). A method with no answers gets an error a test would notice.
 */
class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  private readonly replies = new Map<string, (Reply | ((body: Body) => Reply))[]>();

  on(method: string, ...replies: (Reply | ((body: Body) => Reply))[]): this {
    this.replies.set(method, [...(this.replies.get(method) ?? []), ...replies]);
    return this;
  }

  callsTo(method: string): Body[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.body);
  }

  install(): void {
    const answer = (method: string, body: Body, authorization: string | undefined): Reply => {
      this.calls.push({ method, body, authorization });
      const queue = this.replies.get(method) ?? [];
      const next = queue.length > 1 ? queue.shift() : queue[0];
      if (!next) return [200, { ok: false, error: `test_has_no_reply_for_${method}` }];
      return typeof next === 'function' ? next(body) : next;
    };
    nock(API)
      .persist()
      .post(/^\/api\/[a-zA-Z.]+$/)
      .reply(function (uri, raw) {
        return answer(uri.replace('/api/', ''), parseBody(raw), this.req.headers.authorization);
      });
  }
}

/** web-api sends form-encoded bodies with nested values (blocks, metadata) as JSON strings. */
function parseBody(raw: unknown): Body {
  if (typeof raw !== 'string') return (raw ?? {}) as Body;
  const body: Body = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return body;
}

const ok = (extra: Body = {}): Reply => [200, { ok: true, ...extra }];

/**
 * Slack's answer to chat.postMessage with `channel` set to a user id (shape from the method's
 * documented response): the post lands in the app's DM with that person, and `channel` is the
 * DM's id, not the user id that was sent.
 */
const dmPosted = (body: Body, ts: string): Reply => {
  const user = String(body.channel);
  const dm = user === 'U0SAM' ? 'D0SAM' : `D${user.slice(1)}`;
  return ok({
    channel: dm,
    ts,
    message: {
      user: 'U0PLANBOT',
      type: 'message',
      ts,
      bot_id: 'B0PLANBOT',
      app_id: 'A0PLANBOT',
      text: body.text,
      team: 'T0ACME',
      blocks: body.blocks,
      metadata: body.metadata,
    },
  });
};
const slackError = (error: string): Reply => [200, { ok: false, error }];

const standup: Message = message('standup_prompt', 'Stand-up for Monday: *Sam* kickoff', [
  { type: 'header', text: 'Stand-up — Monday' },
  { type: 'section', text: 'What did you do, what will you do, anything blocking?' },
  { type: 'actions', actions: [{ id: 'standup_update', label: 'Post update', value: 'occ-1', style: 'primary' }] },
]);

function outgoing(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    id: '01900000-0000-7000-8000-000000000001',
    idempotencyKey: 'occurrence:r1:2026-12-07T17:00:00.000Z',
    platform: 'slack',
    workspace: 'T0ACME',
    target: 'C0PLAN',
    payload: standup as unknown as OutgoingMessage['payload'],
    attempt: 1,
    ...overrides,
  };
}

let slack: FakeSlackApi;

beforeAll(() => {
  nock.disableNetConnect();
});
afterAll(() => {
  nock.enableNetConnect();
});
beforeEach(() => {
  slack = new FakeSlackApi();
  slack.install();
});
afterEach(() => {
  nock.cleanAll();
});

const senderFor = (options: { timeoutMs?: number; clock?: Clock } = {}) =>
  new SlackSender({
    apiUrl: `${API}/api/`,
    tokenFor: async (workspace) => (workspace === 'T0ACME' ? TOKEN : undefined),
    clock: new ManualClock('2026-12-07T17:00:00Z'),
    ...options,
  });

describe('SlackSender', () => {
  it('posts the rendered blocks and text with the outbox id in metadata, threaded under the parent', async () => {
    slack.on('chat.postMessage', ok({ channel: 'C0PLAN', ts: '1765126800.000200' }));
    const result = await senderFor().send(outgoing({ parentRef: '1765126700.000100' }));

    expect(result).toEqual({ ok: true, ref: '1765126800.000200' });
    const rendered = toSlackMessage(standup);
    const [post] = slack.calls;
    expect(post?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post?.body).toMatchObject({
      channel: 'C0PLAN',
      text: rendered.text,
      blocks: JSON.parse(JSON.stringify(rendered.blocks)),
      thread_ts: '1765126700.000100',
      metadata: { event_type: 'planbot_outbox', event_payload: { outbox_id: '01900000-0000-7000-8000-000000000001' } },
    });
  });

  it('posts a top-level message without thread_ts', async () => {
    slack.on('chat.postMessage', ok({ channel: 'C0PLAN', ts: '1.1' }));
    await senderFor().send(outgoing());
    expect(slack.callsTo('chat.postMessage')[0]).not.toHaveProperty('thread_ts');
  });

  it("posts a DM to the person's user id in one call and returns the DM channel Slack put it in", async () => {
    slack.on(
      'chat.postMessage',
      (body) => dmPosted(body, '1765126800.000300'),
      (body) => dmPosted(body, '1765126801.000400'),
    );
    const sender = senderFor();

    expect(await sender.send(outgoing({ target: 'U0SAM' }))).toEqual({
      ok: true,
      ref: '1765126800.000300',
      channel: 'D0SAM',
    });
    expect(await sender.send(outgoing({ target: 'U0SAM', id: 'second' }))).toEqual({
      ok: true,
      ref: '1765126801.000400',
      channel: 'D0SAM',
    });
    // No conversations.open (Tier 3, ~50 a minute): one Web API call per DM.
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage']);
    expect(slack.callsTo('chat.postMessage').map((b) => b.channel)).toEqual(['U0SAM', 'U0SAM']);
  });

  it('returns no separate channel for a post to a channel id', async () => {
    slack.on('chat.postMessage', ok({ channel: 'C0PLAN', ts: '1.1' }));
    expect(await senderFor().send(outgoing())).toEqual({ ok: true, ref: '1.1' });
  });

  describe("chat.postMessage's two limits", () => {
    const limited = (seconds: number): Reply => [
      429,
      { ok: false, error: 'ratelimited' },
      { 'Retry-After': String(seconds) },
    ];

    it("takes a 429 on a DM as the workspace's limit and holds every post there until Retry-After, without calling Slack", async () => {
      const clock = new ManualClock('2026-12-07T17:00:00Z');
      const sender = senderFor({ clock });
      slack.on('chat.postMessage', limited(5), (body) => dmPosted(body, '9.1'));

      expect(await sender.send(outgoing({ target: 'U0ANA' }))).toMatchObject({
        ok: false,
        kind: 'rate_limited',
        retryAfterMs: 5_000,
      });
      clock.advance(1_000);
      // Another person's DM, and the plan's channel: the workspace is still limited, so no call.
      expect(await sender.send(outgoing({ target: 'U0BEN', id: 'ben' }))).toEqual({
        ok: false,
        kind: 'rate_limited',
        retryAfterMs: 4_000,
        reason:
          'ratelimited: Slack asked planbot to slow down posting in workspace T0ACME; this post waits 4 s more (not sent)',
      });
      clock.advance(3_999);
      expect(await sender.send(outgoing({ id: 'standup' }))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1 });
      expect(slack.callsTo('chat.postMessage')).toHaveLength(1);

      clock.advance(1);
      expect(await sender.send(outgoing({ target: 'U0BEN', id: 'ben' }))).toEqual({
        ok: true,
        ref: '9.1',
        channel: 'D0BEN',
      });
      expect(slack.callsTo('chat.postMessage').map((b) => b.channel)).toEqual(['U0ANA', 'U0BEN']);
    });

    it("takes a 429 right after a post in the same channel as that channel's limit, and keeps posting elsewhere", async () => {
      const clock = new ManualClock('2026-12-07T17:00:00Z');
      const sender = senderFor({ clock });
      slack.on('chat.postMessage', ok({ channel: 'C0PLAN', ts: '1.1' }), limited(1), (body) => dmPosted(body, '1.3'));

      expect(await sender.send(outgoing())).toMatchObject({ ok: true });
      clock.advance(300);
      expect(await sender.send(outgoing({ id: 'second' }))).toMatchObject({ ok: false, kind: 'rate_limited' });
      expect(await sender.send(outgoing({ target: 'U0ANA', id: 'dm' }))).toMatchObject({ ok: true, ref: '1.3' });
      expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    });
  });

  it('refuses, without calling Slack, a message for a workspace planbot is not installed in', async () => {
    const result = await senderFor().send(outgoing({ workspace: 'T0OTHER' }));
    expect(result).toEqual({
      ok: false,
      kind: 'permanent',
      reason: expect.stringContaining('Slack workspace T0OTHER is not installed'),
    });
    expect(slack.calls).toEqual([]);
  });

  const cases: { name: string; reply: Reply; kind: SendFailure['kind']; reason: RegExp; retryAfterMs?: number }[] = [
    {
      name: 'channel_not_found',
      reply: slackError('channel_not_found'),
      kind: 'permanent',
      reason:
        /^channel_not_found: planbot cannot see channel C0PLAN: invite it with \/invite @planbot, or check the plan's channel$/,
    },
    {
      name: 'not_in_channel',
      reply: slackError('not_in_channel'),
      kind: 'permanent',
      reason: /^not_in_channel: planbot is not a member of channel C0PLAN: invite it with \/invite @planbot$/,
    },
    {
      name: 'is_archived',
      reply: slackError('is_archived'),
      kind: 'permanent',
      reason: /^is_archived: channel C0PLAN is archived: unarchive it/,
    },
    {
      name: 'account_inactive',
      reply: slackError('account_inactive'),
      kind: 'permanent',
      reason: /^account_inactive: .*reinstall planbot in Slack workspace T0ACME/,
    },
    {
      name: 'invalid_auth',
      reply: slackError('invalid_auth'),
      kind: 'permanent',
      reason:
        /^invalid_auth: Slack rejected planbot's token: reinstall planbot in Slack workspace T0ACME \(OAuth installs\) or check SLACK_BOT_TOKEN$/,
    },
    {
      name: 'token_revoked',
      reply: slackError('token_revoked'),
      kind: 'permanent',
      reason: /^token_revoked: .*check SLACK_BOT_TOKEN$/,
    },
    {
      name: 'not_authed',
      reply: slackError('not_authed'),
      kind: 'permanent',
      reason: /^not_authed: .*check SLACK_BOT_TOKEN$/,
    },
    {
      name: 'invalid_blocks',
      reply: slackError('invalid_blocks'),
      kind: 'permanent',
      reason: /^invalid_blocks: Slack refused the message layout/,
    },
    {
      name: 'msg_too_long',
      reply: slackError('msg_too_long'),
      kind: 'permanent',
      reason: /^msg_too_long: the message is longer than Slack allows/,
    },
    {
      name: 'an unknown code',
      reply: slackError('brand_new_error'),
      kind: 'permanent',
      reason:
        /^brand_new_error: Slack refused chat.postMessage to C0PLAN; see https:\/\/api.slack.com\/methods\/chat.postMessage#errors$/,
    },
    {
      name: 'internal_error',
      reply: slackError('internal_error'),
      kind: 'transient',
      reason: /^internal_error: Slack had a problem with chat.postMessage to C0PLAN; planbot will retry$/,
    },
    { name: 'fatal_error', reply: slackError('fatal_error'), kind: 'transient', reason: /^fatal_error: / },
    {
      name: 'service_unavailable',
      reply: slackError('service_unavailable'),
      kind: 'transient',
      reason: /^service_unavailable: /,
    },
    {
      name: 'HTTP 503',
      reply: [503, { ok: false }],
      kind: 'transient',
      reason: /^HTTP 503: Slack was unavailable for chat.postMessage to C0PLAN; planbot will retry$/,
    },
    { name: 'HTTP 500', reply: [500, {}], kind: 'transient', reason: /^HTTP 500: / },
    {
      name: 'HTTP 404 (wrong API URL)',
      reply: [404, {}],
      kind: 'permanent',
      reason: /^HTTP 404: .*check SLACK_API_URL/,
    },
    {
      name: 'HTTP 429 with Retry-After',
      reply: [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '30' }],
      kind: 'rate_limited',
      // Nothing was just posted in C0PLAN, so this is the workspace's limit, not the channel's.
      reason:
        /^ratelimited: Slack asked planbot to slow down on chat.postMessage to C0PLAN; the limit is the workspace's, so every post there waits$/,
      retryAfterMs: 30_000,
    },
    {
      name: 'HTTP 429 without Retry-After',
      reply: [429, { ok: false, error: 'ratelimited' }],
      kind: 'rate_limited',
      reason: /^ratelimited: /,
    },
    {
      name: 'message_limit_exceeded',
      reply: slackError('message_limit_exceeded'),
      kind: 'rate_limited',
      reason: /^message_limit_exceeded: /,
    },
  ];

  it.each(cases)('classifies $name', async ({ reply, kind, reason, retryAfterMs }) => {
    slack.on('chat.postMessage', reply);
    const result = await senderFor().send(outgoing());
    expect(result).toMatchObject({ ok: false, kind });
    const failure = result as SendFailure;
    expect(failure.reason).toMatch(reason);
    expect(failure.retryAfterMs).toBe(retryAfterMs);
    // No retries inside the SDK: the outbox owns them.
    expect(slack.calls).toHaveLength(1);
  });

  it('classifies a reset connection as transient', async () => {
    nock.cleanAll();
    nock(API)
      .post('/api/chat.postMessage')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const result = await senderFor().send(outgoing());
    expect(result).toEqual({
      ok: false,
      kind: 'transient',
      reason: 'ECONNRESET: could not reach Slack for chat.postMessage to C0PLAN; planbot will retry',
    });
  });

  it('classifies a request Slack does not answer in time as transient', async () => {
    nock.cleanAll();
    nock(API).post('/api/chat.postMessage').delay(2_000).reply(200, { ok: true, ts: '9.9' });
    const result = await senderFor({ timeoutMs: 20 }).send(outgoing());
    expect(result).toEqual({
      ok: false,
      kind: 'transient',
      reason: 'timeout: Slack did not answer chat.postMessage to C0PLAN in time; planbot will retry',
    });
  });

  it('finds the socket error fetch wraps in its cause', () => {
    const reset = new WebAPIRequestError(
      new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }),
    );
    expect(classifySlackError(reset, { method: 'chat.postMessage', target: 'C0PLAN' })).toEqual({
      ok: false,
      kind: 'transient',
      reason: 'ECONNRESET: could not reach Slack for chat.postMessage to C0PLAN; planbot will retry',
    });
  });

  it('says which person cannot get a DM when Slack has no DM for their user id', async () => {
    // chat.postMessage to a user id it cannot DM answers channel_not_found, like an unknown channel.
    slack.on('chat.postMessage', slackError('channel_not_found'));
    const result = await senderFor().send(outgoing({ target: 'U0GONE' }));
    expect(result).toEqual({
      ok: false,
      kind: 'permanent',
      reason:
        'channel_not_found: planbot cannot reach Slack user U0GONE by direct message (not in this workspace, or not allowed to message apps): relink the member with /plan link',
    });
  });
});

describe('SlackSender.findDelivered', () => {
  const queuedAt = new Date('2026-12-07T17:00:00.000Z');
  const retry = (overrides: Partial<OutgoingMessage> = {}) =>
    outgoing({ attempt: 2, createdAt: queuedAt, ...overrides });
  const mine = (ts: string, id = '01900000-0000-7000-8000-000000000001') => ({
    type: 'message',
    ts,
    metadata: { event_type: 'planbot_outbox', event_payload: { outbox_id: id } },
  });

  it('pages back through the channel until it finds the outbox id', async () => {
    slack.on(
      'conversations.history',
      ok({
        messages: [mine('5.0', 'other-row'), { type: 'message', ts: '4.0' }],
        has_more: true,
        response_metadata: { next_cursor: 'page-2' },
      }),
      ok({ messages: [mine('3.0')], has_more: false }),
    );
    expect(await senderFor().findDelivered(retry())).toBe('3.0');
    const pages = slack.callsTo('conversations.history');
    expect(pages.map((p) => p.cursor)).toEqual([undefined, 'page-2']);
    expect(pages[0]).toMatchObject({
      channel: 'C0PLAN',
      include_all_metadata: 'true',
      oldest: String(queuedAt.getTime() / 1000 - 300) + '.000000',
    });
  });

  it('looks for a thread reply among the replies of its parent', async () => {
    slack.on('conversations.replies', ok({ messages: [{ type: 'message', ts: '1.0' }, mine('1.5')] }));
    expect(await senderFor().findDelivered(retry({ parentRef: '1.0' }))).toBe('1.5');
    expect(slack.callsTo('conversations.replies')).toEqual([
      expect.objectContaining({ channel: 'C0PLAN', ts: '1.0', include_all_metadata: 'true' }),
    ]);
    expect(slack.callsTo('conversations.history')).toEqual([]);
  });

  it('looks for a direct message in the DM an earlier post to that person landed in, without conversations.open', async () => {
    slack.on('chat.postMessage', (body) => dmPosted(body, '6.0'));
    slack.on('conversations.history', ok({ messages: [mine('7.0')] }));
    const sender = senderFor();
    await sender.send(outgoing({ target: 'U0SAM', id: 'earlier' }));

    expect(await sender.findDelivered(retry({ target: 'U0SAM' }))).toBe('7.0');
    expect(slack.callsTo('conversations.history')[0]).toMatchObject({ channel: 'D0SAM' });
    expect(slack.callsTo('conversations.open')).toEqual([]);
  });

  it('after a restart, finds the DM channel recorded with an earlier delivery instead of opening the DM', async () => {
    slack.on('conversations.history', ok({ messages: [mine('7.0')] }));
    const asked: string[] = [];
    const sender = new SlackSender({
      apiUrl: `${API}/api/`,
      tokenFor: async () => TOKEN,
      clock: new ManualClock('2026-12-07T17:00:00Z'),
      dmChannels: {
        dmChannelOf: async (user, workspace) => {
          asked.push(`${user}@${workspace}`);
          return user === 'U0SAM' ? 'D0SAM' : undefined;
        },
      },
    });
    expect(await sender.findDelivered(retry({ target: 'U0SAM' }))).toBe('7.0');
    expect(asked).toEqual(['U0SAM@T0ACME']);
    expect(slack.callsTo('conversations.history')[0]).toMatchObject({ channel: 'D0SAM' });
    expect(slack.callsTo('conversations.open')).toEqual([]);
  });

  it('opens the DM only to check on someone planbot never reached', async () => {
    slack.on('conversations.open', ok({ channel: { id: 'D0NEW' } }));
    slack.on('conversations.history', ok({ messages: [] }));
    expect(await senderFor().findDelivered(retry({ target: 'U0NEW' }))).toBeUndefined();
    expect(slack.callsTo('conversations.open')).toEqual([{ users: 'U0NEW' }]);
    expect(slack.callsTo('conversations.history')[0]).toMatchObject({ channel: 'D0NEW' });
  });

  it('finds the id of a channel the plan names, since history takes only ids', async () => {
    slack.on(
      'conversations.list',
      ok({
        channels: [
          { id: 'C0OTHER', name: 'random' },
          { id: 'C0ROOM', name: 'plan-room' },
        ],
      }),
    );
    slack.on('conversations.history', ok({ messages: [] }));
    expect(await senderFor().findDelivered(retry({ target: '#plan-room' }))).toBeUndefined();
    expect(slack.callsTo('conversations.history')[0]).toMatchObject({ channel: 'C0ROOM' });
  });

  it('answers "not found" when planbot cannot read the channel, so the send itself reports why', async () => {
    slack.on('conversations.history', slackError('not_in_channel'));
    expect(await senderFor().findDelivered(retry())).toBeUndefined();
  });

  it('throws when Slack cannot answer now, so the dispatcher retries instead of posting blind', async () => {
    slack.on('conversations.history', [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '5' }]);
    await expect(senderFor().findDelivered(retry())).rejects.toThrow(
      /^could not check whether an earlier try was delivered: ratelimited: /,
    );
  });
});

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T0ACME', name: 'Acme' };
// Monday Dec 7 2026, 09:00 PST: the sprint plan's first stand-up is due.
const STANDUP_AT = '2026-12-07T17:00:00.000Z';

describe.each(storeKinds())('Slack delivery through the outbox on %s', (kind) => {
  let db: TestDatabase;
  let test: TestApp;
  let app: App;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    test = createTestApp(db, '2026-12-07T16:59:00Z');
    await importYaml(test, acme, sprintPlanYaml, 'C0PLAN');
    // The production wiring with the real Slack sender; the test app only imported the plan.
    app = createApp({
      database: db,
      clock: test.clock,
      senders: { slack: senderFor({ clock: test.clock }) },
      random: () => 0.5,
      scheduler: { instanceId: 'slack-test' },
    });
    test.clock.set(STANDUP_AT);
  });
  afterEach(async () => {
    await db.destroy();
  });

  const standupRow = () =>
    db.prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: { startsWith: 'occurrence:' } } });
  const mineIn = (ts: string, outboxId: string) => ({
    type: 'message',
    ts,
    text: 'Blocker #1 still open',
    metadata: { event_type: 'planbot_outbox', event_payload: { outbox_id: outboxId } },
  });
  const slackTs = (iso: string, micros = 100) => `${Date.parse(iso) / 1000}.${String(micros).padStart(6, '0')}`;

  it('posts a due stand-up to the plan channel with blocks and the outbox id in metadata', async () => {
    slack.on('chat.postMessage', ok({ channel: 'C0PLAN', ts: slackTs(STANDUP_AT) }));
    await app.step();

    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    const row = await standupRow();
    expect(posts[0]).toMatchObject({
      channel: 'C0PLAN',
      metadata: { event_type: 'planbot_outbox', event_payload: { outbox_id: row.id } },
    });
    expect(posts[0]?.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'actions' })]));
    expect(row).toMatchObject({ status: 'sent', platformRef: slackTs(STANDUP_AT) });
    // A first try has nothing to reconcile: no history read.
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it('holds a stand-up Slack rate-limits, then delivers it exactly once after Retry-After', async () => {
    slack.on(
      'chat.postMessage',
      [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '30' }],
      ok({ channel: 'C0PLAN', ts: slackTs(STANDUP_AT, 200) }),
    );
    await app.step();

    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    const held = await standupRow();
    expect(held).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(Date.parse(STANDUP_AT) + 30_000),
      platformRef: null,
    });
    expect(held.lastError).toMatch(/^rate limited by the platform \(ratelimited: Slack asked planbot to slow down/);

    test.clock.advance(29_999);
    await app.step();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);

    test.clock.advance(1);
    await app.step();
    test.clock.advance(60_000);
    await app.step();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(await standupRow()).toMatchObject({
      status: 'sent',
      platformRef: slackTs(STANDUP_AT, 200),
      lastError: null,
    });
  });

  /** The scheduler queued the stand-up and a dispatcher claimed it, then died; its lease runs out. */
  async function crashAfterClaim() {
    await app.scheduler.tick();
    const [claimed] = await claimDeliverableOutbox(db.prisma, {
      now: test.clock.now(),
      limit: 10,
      leaseMs: 60_000,
      platforms: ['slack'],
    });
    expect(claimed).toBeDefined();
    test.clock.advance(60_000);
    return claimed!;
  }

  it('after a crash between posting and recording, finds the posted stand-up by its metadata and does not post it again', async () => {
    const claimed = await crashAfterClaim();
    slack.on(
      'conversations.history',
      ok({
        messages: [
          { type: 'message', ts: slackTs(STANDUP_AT, 900), text: 'someone chatting' },
          {
            type: 'message',
            ts: slackTs(STANDUP_AT, 500),
            text: 'Stand-up',
            metadata: { event_type: 'planbot_outbox', event_payload: { outbox_id: claimed.id } },
          },
          {
            type: 'message',
            ts: slackTs(STANDUP_AT, 300),
            text: 'older',
            metadata: { event_type: 'planbot_outbox', event_payload: { outbox_id: 'another-row' } },
          },
        ],
        has_more: false,
      }),
    );
    slack.on('chat.postMessage', ok({ channel: 'C0PLAN', ts: 'should-not-happen' }));

    await app.step();

    expect(slack.callsTo('chat.postMessage')).toEqual([]);
    const [history] = slack.callsTo('conversations.history');
    expect(history).toMatchObject({ channel: 'C0PLAN', include_all_metadata: 'true' });
    // The search starts shortly before the row was queued, not at the beginning of the channel.
    expect(Number(history?.oldest)).toBeLessThanOrEqual(claimed.createdAt.getTime() / 1000);
    expect(Number(history?.oldest)).toBeGreaterThan(claimed.createdAt.getTime() / 1000 - 3600);
    expect(await standupRow()).toMatchObject({ status: 'sent', platformRef: slackTs(STANDUP_AT, 500), attempts: 2 });
  });

  it('records the DM channel Slack answers with, so a new process checks that DM without conversations.open', async () => {
    const at = test.clock.now();
    const queueDm = async (key: string, text: string) => {
      await queueSlackMessages(db.prisma, [{ key, target: 'U0SAM', text }], at);
      const workspace = await db.prisma.workspace.findFirstOrThrow({ where: { externalId: 'T0ACME' } });
      await db.prisma.outboxMessage.update({ where: { idempotencyKey: key }, data: { workspaceId: workspace.id } });
    };
    await queueDm('dm:1', 'Blocker #1 needs you');
    slack.on('chat.postMessage', (body) => dmPosted(body, slackTs(STANDUP_AT, 300)));
    await app.dispatcher.dispatchOnce();
    const first = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'dm:1' } });
    expect(first).toMatchObject({
      status: 'sent',
      target: 'U0SAM',
      platformRef: slackTs(STANDUP_AT, 300),
      platformChannel: 'D0SAM',
    });

    // A second DM is claimed and its dispatcher dies; a new process (a new sender, nothing in
    // memory) must learn whether Slack already has it before posting again.
    await queueDm('dm:2', 'Blocker #1 still open');
    const [claimed] = await claimDeliverableOutbox(db.prisma, {
      now: test.clock.now(),
      limit: 10,
      leaseMs: 60_000,
      platforms: ['slack'],
    });
    expect(claimed?.target).toBe('U0SAM');
    test.clock.advance(60_000);
    slack.on('conversations.history', ok({ messages: [mineIn(slackTs(STANDUP_AT, 700), claimed!.id)] }));
    const restarted = createApp({
      database: db,
      clock: test.clock,
      senders: {
        slack: new SlackSender({
          apiUrl: `${API}/api/`,
          tokenFor: async () => TOKEN,
          clock: test.clock,
          dmChannels: new PrismaSlackDmChannels(db.prisma),
        }),
      },
      random: () => 0.5,
      scheduler: { instanceId: 'slack-test-2' },
    });
    await restarted.dispatcher.dispatchOnce();

    expect(slack.callsTo('conversations.open')).toEqual([]);
    expect(slack.callsTo('conversations.history')).toEqual([expect.objectContaining({ channel: 'D0SAM' })]);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'dm:2' } })).toMatchObject({
      status: 'sent',
      platformRef: slackTs(STANDUP_AT, 700),
    });
  });

  it('after a crash before the post reached Slack, posts the stand-up once', async () => {
    await crashAfterClaim();
    slack.on(
      'conversations.history',
      ok({ messages: [{ type: 'message', ts: slackTs(STANDUP_AT, 900), text: 'someone chatting' }], has_more: false }),
    );
    slack.on('chat.postMessage', ok({ channel: 'C0PLAN', ts: slackTs(STANDUP_AT, 950) }));

    await app.step();
    test.clock.advance(60_000);
    await app.step();

    expect(slack.callsTo('conversations.history')).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await standupRow()).toMatchObject({ status: 'sent', platformRef: slackTs(STANDUP_AT, 950) });
  });
});

/**
 * The PNG inside the multipart body web-api posts to an upload URL. nock hands over a body that is
 * not UTF-8 as hex; the file runs from the PNG signature to the end of its IEND chunk.
 */
function pngPart(body: string): Buffer {
  const raw = Buffer.from(body, 'hex');
  const start = raw.indexOf(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const end = raw.indexOf('IEND', start) + 8;
  return raw.subarray(start, end);
}

describe('the weekly memo chart in Slack', () => {
  // Monday Dec 14 2026, 10:00 PST: the memo of the sprint's first week is due.
  const MEMO_AT = '2026-12-14T18:00:00.000Z';
  const memoPlan = sprintPlanYaml.replace(
    'rituals:\n',
    'rituals:\n  - { kind: weekly_memo, localTime: "10:00", days: [1] }\n',
  );
  const UPLOAD_URL = 'https://files.slack.com/upload/v1/CwABAAAAXgoAAZn';
  let db: TestDatabase;
  let app: App;
  let uploads: Buffer[];

  beforeEach(async () => {
    db = await openTestDatabase('pglite');
    const test = createTestApp(db, '2026-12-07T19:00:00Z');
    await importYaml(test, acme, memoPlan, 'C0PLAN');
    await test.run(acme, 'U0SAM', 'd1 done');
    test.clock.set(MEMO_AT);
    app = createApp({
      database: db,
      clock: test.clock,
      senders: {
        slack: new SlackSender({
          apiUrl: `${API}/api/`,
          tokenFor: async () => TOKEN,
          clock: test.clock,
          charts: new PlanCharts(test.store, new VegaChartRenderer(), test.clock),
        }),
      },
      random: () => 0.5,
      scheduler: { instanceId: 'slack-memo-test' },
    });
    uploads = [];
    // files.uploadV2's second step: the bytes go to the URL Slack handed out, not to the Web API.
    nock('https://files.slack.com')
      .post('/upload/v1/CwABAAAAXgoAAZn')
      .reply((_uri, body) => {
        uploads.push(pngPart(body as string));
        return [200, 'OK - 1234'];
      });
    slack.on('chat.postMessage', (body) =>
      ok({
        channel: 'C0PLAN',
        ts: String(body.text).startsWith('Weekly memo') ? '1765735200.000100' : '1765735100.000900',
      }),
    );
  });
  afterEach(async () => {
    await db.destroy();
  });

  const memoRow = () =>
    db.prisma.outboxMessage.findMany({ where: { payload: { path: ['kind'], equals: 'weekly_memo' } } });

  it('uploads the chart PNG into the memo thread with files.uploadV2 once the memo is posted', async () => {
    slack.on('files.getUploadURLExternal', ok({ upload_url: UPLOAD_URL, file_id: 'F0CHART' }));
    slack.on('files.completeUploadExternal', ok({ files: [{ id: 'F0CHART', title: 'Plan chart' }] }));
    await app.step();

    const memos = slack.callsTo('chat.postMessage').filter((b) => String(b.text).startsWith('Weekly memo'));
    expect(memos).toHaveLength(1);
    const methods = slack.calls.map((c) => c.method);
    expect(methods.indexOf('files.getUploadURLExternal')).toBeGreaterThan(
      slack.calls.findIndex((c) => String(c.body.text).startsWith('Weekly memo')),
    );
    const [asked] = slack.callsTo('files.getUploadURLExternal');
    expect(asked).toMatchObject({ filename: 'plan-chart-2026-12-07.png' });
    expect(uploads).toHaveLength(1);
    expect(Number(asked?.length)).toBe(uploads[0]!.length);
    const image = PNG.sync.read(uploads[0]!);
    expect([image.width, image.height]).toEqual([1000, 600]);
    expect(slack.callsTo('files.completeUploadExternal')).toEqual([
      expect.objectContaining({
        channel_id: 'C0PLAN',
        thread_ts: '1765735200.000100',
        files: [{ id: 'F0CHART', title: 'Plan chart, 2026-12-07 to 2026-12-13' }],
      }),
    ]);
    // The outbox kept a reference to the chart, not the picture.
    const [row] = await memoRow();
    expect(row).toMatchObject({ status: 'sent', platformRef: '1765735200.000100' });
    expect((row!.payload as { chart?: unknown }).chart).toEqual({
      planId: expect.any(String),
      from: '2026-12-07',
      to: '2026-12-13',
    });
  }, 120_000);

  it('still delivers the memo, once, when the upload is refused (no files:write scope)', async () => {
    slack.on('files.getUploadURLExternal', slackError('missing_scope'));
    await app.step();

    expect(slack.callsTo('chat.postMessage').filter((b) => String(b.text).startsWith('Weekly memo'))).toHaveLength(1);
    expect(slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
    const [row] = await memoRow();
    expect(row).toMatchObject({ status: 'sent', platformRef: '1765735200.000100' });
  }, 120_000);
});
