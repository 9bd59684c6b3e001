import { request } from 'node:http';
import nock from 'nock';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import {
  blockAction,
  interactivePayload,
  messageEvent,
  postSlack,
  signSlack,
  slashCommand,
  viewSubmission,
} from '../support/slack-requests.js';
import { eventually, expectSlackCallsMade, startSlackHttpApp, type SlackHttpApp } from '../support/slack-http-app.js';
import { storeKinds, type TestDatabase } from '../support/test-databases.js';

const TEAM = 'T0ACME';
const CHANNEL = 'C0CHECKOUT';
const workspace = { platform: 'slack' as const, externalId: TEAM, name: 'Acme' };
const SLACK = 'https://slack.com';
const command = (user: string, text: string, team = TEAM) =>
  signSlack(slashCommand({ team, channel: CHANNEL, user, text }), 'form');

/** The Web API client sends form fields; nested ones (blocks, metadata) arrive as JSON strings. */
/** A "plan import" message with an uploaded file, as Slack's Events API sends it. */
function fileShare(f: {
  user: string;
  eventId: string;
  ts: string;
  fileId: string;
  name: string;
  size: number;
}): string {
  const url = `https://files.slack.com/files-pri/T0ACME-${f.fileId}/${f.name}`;
  return JSON.stringify({
    token: 'x',
    team_id: TEAM,
    api_app_id: 'A0PLANBOT',
    type: 'event_callback',
    event_id: f.eventId,
    event_time: 1700000000,
    event: {
      type: 'message',
      subtype: 'file_share',
      channel: CHANNEL,
      user: f.user,
      text: 'plan import',
      ts: f.ts,
      files: [{ id: f.fileId, name: f.name, size: f.size, url_private_download: url }],
    },
  });
}

function decoded<T>(body: Record<string, unknown>): T {
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, typeof v === 'string' && /^[[{]/.test(v) ? JSON.parse(v) : v]),
  ) as T;
}

interface Posted {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks: { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] }[];
  metadata?: { event_type: string; event_payload: { outbox_id: string } };
}

/** POSTs with the path exactly as written (fetch would normalise "/./" and "/../" away). */
function rawPost(url: string, signed: { body: string; headers: Record<string, string> }): Promise<number> {
  const target = new URL(url);
  const path = url.slice(target.origin.length);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path, method: 'POST', headers: signed.headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(signed.body);
  });
}

describe.each(storeKinds())('Slack over signed HTTP against the real Bolt receiver (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let clock: ManualClock;
  let harness: SlackHttpApp;
  let base: string;
  let prompt: Posted & { ts: string };
  /** What the Slack adapter logged, to see when it has dealt with a request it answers nothing to. */
  const adapterLog: string[] = [];

  beforeAll(async () => {
    harness = await startSlackHttpApp({
      kind,
      instanceId: 'slack-http',
      workspace,
      plans: [{ yaml: sprintPlanYaml, channel: CHANNEL }],
      adapterLogger: pino({ level: 'info' }, { write: (line: string) => void adapterLog.push(line) }),
    });
    ({ db, app, clock, base } = harness);
  });
  afterEach(expectSlackCallsMade);
  afterAll(async () => {
    await harness?.close();
  });

  it('answers /plan status with an ephemeral Block Kit reply within the request', async () => {
    const response = await postSlack(base, command('U0SAM', 'status'));
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text) as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/Checkout sprint/);
    expect(body.blocks.length).toBeGreaterThan(0);
  });

  it('refuses a lead command to a member, and explains an unknown subcommand with usage, both privately', async () => {
    const refused = JSON.parse((await postSlack(base, command('U0LUIS', 'blockers'))).text) as {
      response_type: string;
      text: string;
      blocks: unknown[];
    };
    expect(refused.response_type).toBe('ephemeral');
    expect(JSON.stringify(refused.blocks)).toMatch(/for the plan's leads and sponsors/);
    const unknown = JSON.parse((await postSlack(base, command('U0LUIS', 'fly to the moon'))).text) as {
      response_type: string;
      blocks: unknown[];
    };
    expect(unknown.response_type).toBe('ephemeral');
    expect(JSON.stringify(unknown.blocks)).toMatch(/I don't know \\"fly\\"/);
  });

  it('gives a user of another workspace nothing of this one', async () => {
    const reply = JSON.parse((await postSlack(base, command('U0SAM', 'status', 'T0OTHER'))).text) as {
      text: string;
      blocks: unknown[];
    };
    expect(JSON.stringify(reply)).toMatch(/No plan has been imported in this workspace/);
    expect(JSON.stringify(reply)).not.toMatch(/Checkout sprint|Data ingestion/);
  });

  it('posts the due stand-up with chat.postMessage, blocks and outbox metadata, and records its ts', async () => {
    let posted: Posted | undefined;
    nock(SLACK)
      .post('/api/chat.postMessage', (body: Record<string, unknown>) => (posted = decoded<Posted>(body)) !== undefined)
      .reply(200, { ok: true, channel: CHANNEL, ts: '1765296000.000100' });
    clock.set('2026-12-09T17:00:00Z');
    await app.step();
    expect(posted?.channel).toBe(CHANNEL);
    expect(posted?.text).toMatch(/stand-up/i);
    const buttons = posted!.blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(buttons).toContain('standup_update');
    expect(posted?.metadata?.event_type).toBe('planbot_outbox');
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({
      where: { id: posted!.metadata!.event_payload.outbox_id },
    });
    expect(row).toMatchObject({ status: 'sent', platformRef: '1765296000.000100' });
    prompt = { ...posted!, ts: '1765296000.000100' };
  });

  it('opens the stand-up modal from the button, and its submission updates the plan and answers in the thread', async () => {
    let opened:
      | { trigger_id: string; view: { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] } }
      | undefined;
    nock(SLACK)
      .post(
        '/api/views.open',
        (body: Record<string, unknown>) => (opened = decoded<NonNullable<typeof opened>>(body)) !== undefined,
      )
      .reply(200, { ok: true, view: { id: 'V0VIEW' } });
    const update = prompt.blocks.find((b) => b.elements?.some((e) => e.action_id === 'standup_update'))!;
    const click = blockAction({
      team: TEAM,
      channel: CHANNEL,
      user: 'U0LUIS',
      actionId: 'standup_update',
      value: update.elements![0]!.value!,
      blockId: update.block_id!,
      message: prompt,
    });
    expect((await postSlack(base, signSlack(interactivePayload(click), 'form'))).status).toBe(200);
    await eventually(() => opened, 'views.open');
    expect(opened!.trigger_id).toBe('1337.42.trigger');
    expect(opened!.view.callback_id).toBe('standup_update');
    expect(opened!.view.blocks.map((b) => b.block_id)).toContain('task:d3');

    let threaded: Posted | undefined;
    nock(SLACK)
      .post(
        '/api/chat.postMessage',
        (body: Record<string, unknown>) => (threaded = decoded<Posted>(body)) !== undefined,
      )
      .reply(200, { ok: true, channel: CHANNEL, ts: '1765296100.000200' });
    const values = {
      did: { text: { type: 'plain_text_input', value: 'Finished the ingestion job' } },
      doing: { text: { type: 'plain_text_input', value: 'Data quality checks' } },
      blockers: { text: { type: 'plain_text_input', value: '' } },
      'task:d3': {
        status: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'Done' }, value: 'done' },
        },
      },
    };
    const submit = viewSubmission({
      team: TEAM,
      user: 'U0LUIS',
      callbackId: 'standup_update',
      privateMetadata: opened!.view.private_metadata,
      values,
    });
    const response = await postSlack(base, signSlack(interactivePayload(submit), 'form'));
    expect(response.status).toBe(200);
    await eventually(() => threaded, 'thread reply');
    expect(threaded).toMatchObject({ channel: CHANNEL, thread_ts: prompt.ts });
    expect(threaded!.text).toMatch(/<@U0LUIS> posted their update/);
    const task = await db.prisma.task.findFirstOrThrow({ where: { key: 'd3' } });
    expect(task.status).toBe('done');
    const reply = await db.prisma.standupReply.findFirstOrThrow({ where: { member: { key: 'luis' } } });
    expect(reply.did).toBe('Finished the ingestion job');
  });

  it('reads a free-text answer in the prompt thread as a stand-up update and confirms with a reaction', async () => {
    let reacted: { name: string; timestamp: string } | undefined;
    nock(SLACK)
      .post(
        '/api/reactions.add',
        (body: Record<string, unknown>) => (reacted = decoded<NonNullable<typeof reacted>>(body)) !== undefined,
      )
      .reply(200, { ok: true });
    const event = messageEvent({
      team: TEAM,
      channel: CHANNEL,
      user: 'U0PRIYA',
      text: 'did: crawl report doing: blueprint draft blockers: none',
      ts: '1765296200.000300',
      threadTs: prompt.ts,
    });
    expect((await postSlack(base, signSlack(event, 'json'))).status).toBe(200);
    await eventually(() => reacted, 'reactions.add');
    expect(reacted).toMatchObject({ name: 'white_check_mark', timestamp: '1765296200.000300' });
    const reply = await db.prisma.standupReply.findFirstOrThrow({ where: { member: { key: 'priya' } } });
    expect(reply).toMatchObject({ did: 'crawl report', doing: 'blueprint draft' });
  });

  it('reads answers Slack sends with a subtype: "also send to channel", with a file, and an edit that replaces the answer', async () => {
    const reactions: string[] = [];
    let told: { user: string; text: string; thread_ts?: string } | undefined;
    nock(SLACK)
      .post('/api/reactions.add', (body: Record<string, string>) => reactions.push(body.timestamp!) > 0)
      .times(2)
      .reply(200, { ok: true })
      .post('/api/chat.postEphemeral', (body: Record<string, unknown>) => (told = decoded(body)) !== undefined)
      .reply(200, { ok: true, message_ts: '1765296500.000900' });
    const envelope = (eventId: string, event: object) =>
      JSON.stringify({
        token: 'x',
        team_id: TEAM,
        api_app_id: 'A0PLANBOT',
        type: 'event_callback',
        event_id: eventId,
        event_time: 1765296300,
        event,
      });
    // "Also send to #channel": Slack's thread_broadcast, with the thread's root attached.
    const broadcast = envelope('EvBROADCAST', {
      type: 'message',
      subtype: 'thread_broadcast',
      user: 'U0LUIS',
      text: 'did: ingestion rerun doing: quality checks blockers: none',
      ts: '1765296300.000400',
      thread_ts: prompt.ts,
      root: { type: 'message', user: 'U0PLANBOT', text: prompt.text, ts: prompt.ts, thread_ts: prompt.ts },
      channel: CHANNEL,
      channel_type: 'channel',
      event_ts: '1765296300.000400',
    });
    // A reply with a screenshot: file_share, the words in `text`.
    const withFile = envelope('EvWITHFILE', {
      type: 'message',
      subtype: 'file_share',
      user: 'U0ALEX',
      text: 'did: budget review doing: vendor call blockers: waiting on procurement sign-off',
      ts: '1765296310.000410',
      thread_ts: prompt.ts,
      upload: false,
      files: [{ id: 'F0SHOT', name: 'screenshot.png', mimetype: 'image/png', size: 48213 }],
      channel: CHANNEL,
      channel_type: 'channel',
      event_ts: '1765296310.000410',
    });
    for (const body of [broadcast, withFile]) expect((await postSlack(base, signSlack(body, 'json'))).status).toBe(200);
    await eventually(() => reactions.length === 2 || undefined, 'both answers confirmed');
    expect(reactions.sort()).toEqual(['1765296300.000400', '1765296310.000410']);
    const replyOf = (key: string) => db.prisma.standupReply.findFirstOrThrow({ where: { member: { key } } });
    expect(await replyOf('luis')).toMatchObject({ did: 'ingestion rerun', doing: 'quality checks', blockers: null });
    expect(await replyOf('alex')).toMatchObject({ blockers: 'waiting on procurement sign-off' });
    const opened = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'waiting on procurement sign-off' } });

    // Alex edits the answer: message_changed has no top-level user; the new words replace the answer and its blocker.
    const edit = envelope('EvEDIT', {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: CHANNEL,
      channel_type: 'channel',
      ts: '1765296400.000500',
      event_ts: '1765296400.000500',
      message: {
        type: 'message',
        user: 'U0ALEX',
        text: 'did: budget review doing: vendor call blockers: waiting on legal, not procurement',
        ts: '1765296310.000410',
        thread_ts: prompt.ts,
        edited: { user: 'U0ALEX', ts: '1765296400.000000' },
      },
      previous_message: {
        type: 'message',
        user: 'U0ALEX',
        text: 'did: budget review doing: vendor call blockers: waiting on procurement sign-off',
        ts: '1765296310.000410',
        thread_ts: prompt.ts,
      },
    });
    expect((await postSlack(base, signSlack(edit, 'json'))).status).toBe(200);
    await eventually(() => told, 'the edit acknowledged');
    expect(told).toMatchObject({ user: 'U0ALEX', thread_ts: prompt.ts });
    expect(told!.text).toMatch(/You edited your answer, so it replaces the one before/);
    expect(told!.text).toMatch(
      /It now reads:\nDid: budget review\nDoing: vendor call\nBlockers: waiting on legal, not procurement/,
    );
    // Recorded as edited, so the digest marks it.
    expect(await replyOf('alex')).toMatchObject({
      blockers: 'waiting on legal, not procurement',
      editedAt: expect.any(Date) as Date,
    });
    expect(await db.prisma.blocker.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({
      summary: 'waiting on legal, not procurement',
      status: 'open',
    });
    expect(await db.prisma.blocker.count({ where: { summary: { contains: 'legal' } } })).toBe(1);
  });

  it("ignores stand-up-shaped text outside planbot's prompts: another thread, or a DM nobody was prompted in", async () => {
    const before = await db.prisma.standupReply.findFirstOrThrow({ where: { member: { key: 'priya' } } });
    const blockers = await db.prisma.blocker.count();
    const elsewhere = messageEvent({
      team: TEAM,
      channel: CHANNEL,
      user: 'U0PRIYA',
      text: 'Blocker: legal has not signed off, PR #42 is done though',
      ts: '1765296230.000330',
      threadTs: '1765290000.000001',
    });
    const dm = messageEvent({
      team: TEAM,
      channel: 'D0SAM',
      user: 'U0SAM',
      text: 'did: kickoff notes doing: scope review blockers: none',
      ts: '1765296240.000340',
      channelType: 'im',
    });
    expect((await postSlack(base, signSlack(elsewhere, 'json'))).status).toBe(200);
    expect((await postSlack(base, signSlack(dm, 'json'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await db.prisma.standupReply.findFirstOrThrow({ where: { member: { key: 'priya' } } })).toEqual(before);
    expect(await db.prisma.standupReply.count({ where: { member: { key: 'sam' } } })).toBe(0);
    expect(await db.prisma.blocker.count()).toBe(blockers);
  });

  it('reads an answer written in the DM of someone planbot prompted by DM', async () => {
    // As the dispatcher records a DM prompt: keyed by the stand-up occurrence, sent to the user.
    const ritual = await db.prisma.ritual.findFirstOrThrow({ where: { kind: 'standup' } });
    await db.prisma.outboxMessage.create({
      data: {
        idempotencyKey: `occurrence:${ritual.id}:2026-12-09T17:00:00.000Z:dm-sam`,
        platform: 'slack',
        target: 'U0SAM',
        payload: {},
        status: 'sent',
        nextAttemptAt: clock.now(),
        sentAt: clock.now(),
        platformRef: '1765296000.000900',
      },
    });
    let reacted: { channel: string; timestamp: string } | undefined;
    nock(SLACK)
      .post(
        '/api/reactions.add',
        (body: Record<string, unknown>) => (reacted = decoded<NonNullable<typeof reacted>>(body)) !== undefined,
      )
      .reply(200, { ok: true });
    const answer = messageEvent({
      team: TEAM,
      channel: 'D0SAM',
      user: 'U0SAM',
      text: 'did: kickoff notes doing: scope review blockers: none',
      ts: '1765296260.000360',
      channelType: 'im',
    });
    expect((await postSlack(base, signSlack(answer, 'json'))).status).toBe(200);
    await eventually(() => reacted, 'reactions.add');
    expect(reacted).toMatchObject({ channel: 'D0SAM', timestamp: '1765296260.000360' });
    expect(await db.prisma.standupReply.count({ where: { member: { key: 'sam' } } })).toBe(1);
  });

  it('acknowledging from the triage thread updates that message in place and stops the ladder', async () => {
    nock(SLACK).post('/api/chat.postMessage').times(3).reply(200, { ok: true, ts: '1765310000.000500' });
    await app.service.handle(
      { workspace, channel: CHANNEL, actor: { platform: 'slack', userId: 'U0PRIYA' } },
      { name: 'block', args: { taskKey: 'd5', text: 'waiting for the design review' } },
    );
    await app.step();
    nock.cleanAll();
    let triage: Posted | undefined;
    nock(SLACK)
      .post('/api/chat.postMessage', (body: Record<string, unknown>) =>
        (triage = decoded<Posted>(body)).text.includes('triage'),
      )
      .reply(200, { ok: true, channel: CHANNEL, ts: '1765317600.000600' });
    clock.set('2026-12-09T22:00:00Z');
    await app.step();
    const row = triage!.blocks.find((b) => b.elements?.some((e) => e.action_id === 'blocker_ack'))!;
    const ackButton = row.elements!.find((e) => e.action_id === 'blocker_ack')!;

    let updated: { channel: string; ts: string; blocks: { block_id?: string; type: string }[] } | undefined;
    nock(SLACK)
      .post(
        '/api/chat.update',
        (body: Record<string, unknown>) => (updated = decoded<NonNullable<typeof updated>>(body)) !== undefined,
      )
      .reply(200, { ok: true });
    const click = blockAction({
      team: TEAM,
      channel: CHANNEL,
      user: 'U0SAM',
      actionId: 'blocker_ack',
      value: ackButton.value!,
      blockId: row.block_id!,
      message: { ...triage!, ts: '1765317600.000600' },
    });
    expect((await postSlack(base, signSlack(interactivePayload(click), 'form'))).status).toBe(200);
    await eventually(() => updated, 'chat.update');
    expect(updated).toMatchObject({ channel: CHANNEL, ts: '1765317600.000600' });
    expect(updated!.blocks.map((b) => b.block_id)).not.toContain(row.block_id);
    expect(JSON.stringify(updated!.blocks)).toMatch(/<@U0SAM>/);
    expect(updated!.blocks).toHaveLength(triage!.blocks.length);
    const blocker = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'waiting for the design review' } });
    expect(blocker.status).toBe('acknowledged');
    expect(blocker.nextEscalationAt).toBeNull();
  });

  it('escalating from the triage thread answers privately and leaves the message, with its Acknowledge, as it was', async () => {
    nock(SLACK).post('/api/chat.postMessage').times(3).reply(200, { ok: true, ts: '1765310000.000800' });
    await app.service.handle(
      { workspace, channel: CHANNEL, actor: { platform: 'slack', userId: 'U0LUIS' } },
      { name: 'block', args: { taskKey: 'd8', text: 'model licence pending' } },
    );
    await app.step();
    nock.cleanAll();
    const blocker = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'model licence pending' } });
    const message = {
      ts: '1765317600.000900',
      text: 'Blocker triage',
      blocks: [
        {
          type: 'actions',
          block_id: 'pb-3',
          elements: [{ type: 'button', action_id: 'blocker_escalate', value: blocker.id }],
        },
      ],
    };
    let responded: { replace_original?: boolean; response_type?: string; text?: string } | undefined;
    nock('https://hooks.slack.com')
      .post('/actions/T0/1/xyz', (body: NonNullable<typeof responded>) => (responded = body) !== undefined)
      .reply(200, 'ok');
    const click = blockAction({
      team: TEAM,
      channel: CHANNEL,
      user: 'U0SAM',
      actionId: 'blocker_escalate',
      value: blocker.id,
      blockId: 'pb-3',
      message,
    });
    expect((await postSlack(base, signSlack(interactivePayload(click), 'form'))).status).toBe(200);
    await eventually(() => responded, 'response_url');
    expect(responded).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(responded!.text).toMatch(/escalated by Sam Jackson to tier 2/);
    expect(await db.prisma.escalationStep.count({ where: { blockerId: blocker.id } })).toBe(2);
  });

  it('links a member to the Slack user a lead mentions, and refuses a bare name it cannot resolve', async () => {
    const linked = JSON.parse(
      (await postSlack(base, command('U0SAM', 'link <@U0NEWPRIYA|priya> "Priya Mehta"'))).text,
    ) as { text: string };
    expect(linked.text).toMatch(/Linked Priya Mehta/);
    const identity = await db.prisma.chatIdentity.findFirstOrThrow({
      where: { member: { key: 'priya' }, platform: 'slack' },
    });
    expect(identity.externalId).toBe('U0NEWPRIYA');
    const bare = JSON.parse((await postSlack(base, command('U0SAM', 'link @priya "Priya Mehta"'))).text) as {
      blocks: unknown[];
    };
    expect(JSON.stringify(bare.blocks)).toMatch(/Mention the person so Slack fills in their account/);
  });

  it('a lead sets the time off of the Slack user they mention with /plan away', async () => {
    const reply = JSON.parse((await postSlack(base, command('U0SAM', 'away <@U0LUIS|luis> 2026-12-10'))).text) as {
      text: string;
    };
    expect(reply.text).toContain('Luis Romero is away Thu 10 Dec.');
    const luis = await db.prisma.member.findFirstOrThrow({ where: { key: 'luis' } });
    expect(luis.timeOff).toEqual([{ from: '2026-12-10', to: '2026-12-10' }]);
  });

  it('imports a plan file uploaded with "plan import": downloads it with the bot token and previews it privately', async () => {
    const yaml = sprintPlanYaml.replace('name: Checkout sprint', 'name: Uploaded sprint');
    let preview: (Posted & { user?: string }) | undefined;
    nock('https://files.slack.com', { reqheaders: { authorization: 'Bearer xoxb-test-token' } })
      .get('/files-pri/T0ACME-F0PLAN/plan.yaml')
      .reply(200, yaml);
    nock(SLACK)
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'U0ADMIN', is_admin: true, profile: {} } })
      .post(
        '/api/chat.postEphemeral',
        (body: Record<string, unknown>) => (preview = decoded<NonNullable<typeof preview>>(body)) !== undefined,
      )
      .reply(200, { ok: true });
    const upload = fileShare({
      user: 'U0ADMIN',
      eventId: 'EvUPLOAD',
      ts: '1765320000.000700',
      fileId: 'F0PLAN',
      name: 'plan.yaml',
      size: yaml.length,
    });
    expect((await postSlack(base, signSlack(upload, 'json'))).status).toBe(200);
    await eventually(() => preview, 'chat.postEphemeral');
    expect(preview).toMatchObject({ channel: CHANNEL, user: 'U0ADMIN' });
    expect(JSON.stringify(preview!.blocks)).toMatch(/Import Uploaded sprint\?/);
    expect(
      preview!.blocks
        .flatMap((b) => b.elements ?? [])
        .map((e) => e.action_id)
        .filter(Boolean),
    ).toEqual(['plan_import_confirm', 'plan_import_cancel']);
    expect(await db.prisma.plan.count({ where: { name: 'Uploaded sprint' } })).toBe(0);
  });

  it('handles an event Slack retries (re-signed, X-Slack-Retry-Num) once: one download, one preview', async () => {
    const yaml = sprintPlanYaml.replace('name: Checkout sprint', 'name: Retried sprint');
    let downloads = 0;
    const previews: Posted[] = [];
    nock('https://files.slack.com')
      .get('/files-pri/T0ACME-F0RETRY/plan.yaml')
      .times(2)
      .reply(200, () => {
        downloads += 1;
        return yaml;
      });
    nock(SLACK)
      .post('/api/users.info')
      .times(2)
      .reply(200, { ok: true, user: { id: 'U0ADMIN', is_admin: true, profile: {} } })
      .post('/api/chat.postEphemeral', (body: Record<string, unknown>) => previews.push(decoded<Posted>(body)) > 0)
      .times(2)
      .reply(200, { ok: true });
    const upload = fileShare({
      user: 'U0ADMIN',
      eventId: 'EvRETRIED',
      ts: '1765320000.000750',
      fileId: 'F0RETRY',
      name: 'plan.yaml',
      size: yaml.length,
    });
    const first = signSlack(upload, 'json');
    expect((await postSlack(base, first)).status).toBe(200);
    await eventually(() => previews.length > 0, 'the first preview');
    // Slack's retry is the same event signed afresh (a new timestamp), so the replay guard passes it.
    const retry = signSlack(upload, 'json', { timestamp: Number(first.headers['x-slack-request-timestamp']) - 1 });
    const retried = await postSlack(base, retry, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retried.status).toBe(200);
    await eventually(
      () =>
        previews.length > 1 || adapterLog.some((line) => line.includes('repeated delivery of Slack event EvRETRIED')),
      'the retry to be handled or set aside',
    );
    expect(downloads).toBe(1);
    expect(previews).toHaveLength(1);
    nock.cleanAll();
  });

  it('refuses a plan upload from a member who leads no plan before downloading or parsing it', async () => {
    let downloaded = false;
    let refusal: (Posted & { user?: string }) | undefined;
    nock('https://files.slack.com')
      .get('/files-pri/T0ACME-F0LUIS/plan.md')
      .reply(200, () => {
        downloaded = true;
        return '# Stolen sprint\n\n- [ ] Take over (T-1d)\n';
      });
    nock(SLACK)
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'U0LUIS', is_admin: false, is_owner: false, profile: {} } })
      .post(
        '/api/chat.postEphemeral',
        (body: Record<string, unknown>) => (refusal = decoded<NonNullable<typeof refusal>>(body)) !== undefined,
      )
      .reply(200, { ok: true });
    const upload = fileShare({
      user: 'U0LUIS',
      eventId: 'EvUPLOADLUIS',
      ts: '1765320000.000800',
      fileId: 'F0LUIS',
      name: 'plan.md',
      size: 40,
    });
    const plansBefore = await db.prisma.plan.count();
    expect((await postSlack(base, signSlack(upload, 'json'))).status).toBe(200);
    await eventually(() => refusal, 'chat.postEphemeral');
    expect(refusal).toMatchObject({ channel: CHANNEL, user: 'U0LUIS' });
    expect(JSON.stringify(refusal)).toMatch(/Only a lead or sponsor of this plan, or a workspace admin, can import it/);
    expect(downloaded).toBe(false);
    expect(await db.prisma.plan.count()).toBe(plansBefore);
    nock.cleanAll();
  });

  it('refuses forged, stale, future, replayed and unsigned requests with 401 and writes nothing', async () => {
    const blockersBefore = await db.prisma.blocker.count();
    const body = slashCommand({ team: TEAM, channel: CHANNEL, user: 'U0LUIS', text: 'block d4 the forged one' });
    const now = Math.floor(Date.now() / 1000);
    expect(
      (await postSlack(base, signSlack(body, 'form', { secret: 'ffffffffffffffffffffffffffffffff' }))).status,
    ).toBe(401);
    expect((await postSlack(base, signSlack(body, 'form', { timestamp: now - 600 }))).status).toBe(401);
    expect((await postSlack(base, signSlack(body, 'form', { timestamp: now + 600 }))).status).toBe(401);
    const signed = signSlack(body, 'form');
    expect((await postSlack(base, signed, { 'x-slack-signature': undefined })).status).toBe(401);
    expect((await postSlack(base, signed, { 'x-slack-request-timestamp': undefined })).status).toBe(401);
    // A signature for another body is a forgery too.
    expect((await postSlack(base, { ...signed, body: body.replace('forged', 'swapped') })).status).toBe(401);
    expect(await db.prisma.blocker.count()).toBe(blockersBefore);

    // The genuine request once; the same bytes again are a replay.
    nock(SLACK).post('/api/chat.postMessage').times(2).reply(200, { ok: true, ts: '1765296300.000400' });
    const first = await postSlack(base, signed);
    expect(first.status).toBe(200);
    expect(await db.prisma.blocker.count()).toBe(blockersBefore + 1);
    expect((await postSlack(base, signed)).status).toBe(401);
    // Variants Bolt would still verify: a suffix after the hex, and a path Bolt normalises.
    expect(
      (await postSlack(base, signed, { 'x-slack-signature': `${signed.headers['x-slack-signature']}=again` })).status,
    ).toBe(401);
    expect(await rawPost(`${base}/slack/x/../events`, signed)).toBe(401);
    expect(await rawPost(`${base}/slack/./events`, signed)).toBe(401);
    expect(await db.prisma.blocker.count()).toBe(blockersBefore + 1);
    nock.cleanAll();
  });

  it('refuses a body far larger than anything Slack sends', async () => {
    const huge = slashCommand({
      team: TEAM,
      channel: CHANNEL,
      user: 'U0LUIS',
      text: `block d4 ${'x'.repeat(400_000)}`,
    });
    expect((await postSlack(base, signSlack(huge, 'form'))).status).toBe(413);
  });
});
