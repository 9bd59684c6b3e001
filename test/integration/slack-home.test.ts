import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import {
  appHomeOpened,
  homeBlockAction,
  interactivePayload,
  postSlack,
  signSlack,
  slashCommand,
  viewSubmission,
} from '../support/slack-requests.js';
import { eventually, expectSlackCallsMade, startSlackHttpApp, type SlackHttpApp } from '../support/slack-http-app.js';
import { storeKinds, type TestDatabase } from '../support/test-databases.js';

const TEAM = 'T0ACME';
const CHANNEL = 'C0CHECKOUT';
const OPS_CHANNEL = 'C0OPS';
const workspace = { platform: 'slack' as const, externalId: TEAM, name: 'Acme' };
const SLACK = 'https://slack.com';

// A second plan in the same workspace with Luis on it, so "which plan?" has two answers.
const opsPlanYaml = `
name: Ops rota
timezone: America/Los_Angeles
startDate: 2026-12-07
members:
  - { key: olga, name: Olga Berg, roles: [lead], slackId: U0OLGA }
  - { key: luis, name: Luis Romero, roles: [member], slackId: U0LUIS }
rituals:
  - { kind: standup, localTime: "10:30", days: [1, 2, 3, 4, 5] }
tasks:
  - { key: o3, title: Rotate the pager keys, owner: luis, day: 3 }
`;

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; text?: string | { text: string } }[];
}
interface Published {
  user_id: string;
  view: { type: string; blocks: Block[] };
}

/** The Web API client sends form fields; nested ones (view, blocks) arrive as JSON strings. */
function decoded<T>(body: Record<string, unknown>): T {
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, typeof v === 'string' && /^[[{]/.test(v) ? JSON.parse(v) : v]),
  ) as T;
}

const textOf = (published: Published): string => JSON.stringify(published.view.blocks);
const buttons = (published: Published) =>
  published.view.blocks.flatMap((b) => (b.elements ?? []).map((e) => ({ ...e, blockId: b.block_id! })));

describe.each(storeKinds())("Slack App Home: a member's day, published on opening it (%s)", (kind) => {
  let db: TestDatabase;
  let app: App;
  let clock: ManualClock;
  let harness: SlackHttpApp;
  let base: string;
  let events = 0;

  /** Expects the next views.publish and returns what it published. */
  function expectPublish(): () => Published | undefined {
    let published: Published | undefined;
    nock(SLACK)
      .post(
        '/api/views.publish',
        (body: Record<string, unknown>) => (published = decoded<Published>(body)) !== undefined,
      )
      .reply(200, { ok: true, view: { id: 'V0HOME' } });
    return () => published;
  }

  async function openHome(user: string, team = TEAM): Promise<Published> {
    const published = expectPublish();
    events += 1;
    const event = appHomeOpened({ team, user, eventId: `Ev0HOME${events}` });
    expect((await postSlack(base, signSlack(event, 'json'))).status).toBe(200);
    return eventually(published, 'views.publish');
  }

  async function press(user: string, button: { action_id?: string; value?: string; blockId: string }) {
    const click = homeBlockAction({
      team: TEAM,
      user,
      actionId: button.action_id!,
      value: button.value!,
      blockId: button.blockId,
    });
    expect((await postSlack(base, signSlack(interactivePayload(click), 'form'))).status).toBe(200);
  }

  beforeAll(async () => {
    harness = await startSlackHttpApp({
      kind,
      instanceId: 'slack-home',
      workspace,
      plans: [
        { yaml: sprintPlanYaml, channel: CHANNEL },
        { yaml: opsPlanYaml, channel: OPS_CHANNEL },
      ],
    });
    ({ db, app, clock, base } = harness);
  });
  afterEach(expectSlackCallsMade);
  afterAll(async () => {
    await harness?.close();
  });

  it("shows a member each of their plans: today's tasks and the next stand-up in their zone", async () => {
    const home = await openHome('U0LUIS');
    expect(home.user_id).toBe('U0LUIS');
    expect(home.view.type).toBe('home');
    const text = textOf(home);
    expect(text).toMatch(/Checkout sprint/);
    expect(text).toMatch(/Ops rota/);
    expect(text).toMatch(/\*d3\* Data ingestion · to do/);
    expect(text).toMatch(/\*o3\* Rotate the pager keys · to do/);
    expect(text).toMatch(/Next stand-up: Wed 9 Dec, 09:00 PST/);
    expect(text).toMatch(/day 3 of 8/);
    // Nothing has been posted yet, so there is no stand-up to answer.
    expect(buttons(home).map((b) => b.action_id)).not.toContain('standup_update');
  });

  it('after the stand-up is posted, says it is unanswered; "Post update" opens the form for that plan and the answer refreshes the home', async () => {
    nock(SLACK).post('/api/chat.postMessage').reply(200, { ok: true, channel: CHANNEL, ts: '1765299600.000100' });
    clock.set('2026-12-09T17:00:00Z');
    await app.step();
    nock.cleanAll();
    clock.set('2026-12-09T17:20:00Z');

    const before = await openHome('U0LUIS');
    expect(textOf(before)).toMatch(/Today's stand-up \(09:00 PST\): \*you have not answered yet\*/);
    const sprintId = (await db.prisma.plan.findFirstOrThrow({ where: { name: 'Checkout sprint' } })).id;
    const post = buttons(before).find((b) => b.action_id === 'standup_update' && b.value === sprintId)!;
    expect(post).toBeDefined();

    let opened:
      { trigger_id: string; view: { callback_id: string; private_metadata: string; blocks: Block[] } } | undefined;
    nock(SLACK)
      .post(
        '/api/views.open',
        (body: Record<string, unknown>) => (opened = decoded<NonNullable<typeof opened>>(body)) !== undefined,
      )
      .reply(200, { ok: true, view: { id: 'V0MODAL' } });
    await press('U0LUIS', post);
    await eventually(() => opened, 'views.open');
    expect(opened!.trigger_id).toBe('1337.42.home');
    // The Checkout sprint's form: Luis's d3, not the Ops rota's o3, though he is on both plans.
    const taskBlocks = opened!.view.blocks.map((b) => b.block_id);
    expect(taskBlocks).toContain('task:d3');
    expect(taskBlocks).not.toContain('task:o3');

    const after = expectPublish();
    const submit = viewSubmission({
      team: TEAM,
      user: 'U0LUIS',
      callbackId: 'standup_update',
      privateMetadata: opened!.view.private_metadata,
      values: {
        did: { text: { type: 'plain_text_input', value: 'Schema for the ingestion job' } },
        doing: { text: { type: 'plain_text_input', value: 'Loading the first batch' } },
        blockers: { text: { type: 'plain_text_input', value: '' } },
        'task:d3': {
          status: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'In progress' }, value: 'in_progress' },
          },
        },
      },
    });
    expect((await postSlack(base, signSlack(interactivePayload(submit), 'form'))).status).toBe(200);
    const refreshed = textOf(await eventually(after, 'views.publish after the answer'));
    expect(refreshed).toMatch(/Thanks Luis Romero, your stand-up is in/);
    expect(refreshed).toMatch(/Today's stand-up \(09:00 PST\): your answer is in/);
    expect(refreshed).toMatch(/\*d3\* Data ingestion · in progress/);
    const reply = await db.prisma.standupReply.findFirstOrThrow({ where: { member: { key: 'luis' } } });
    expect(reply.did).toBe('Schema for the ingestion job');
    expect((await db.prisma.task.findFirstOrThrow({ where: { key: 'd3' } })).status).toBe('in_progress');
  });

  it('shows a lead the open blockers with their buttons, and acknowledging from the home stops the ladder and refreshes it', async () => {
    nock(SLACK).post('/api/chat.postMessage').times(3).reply(200, { ok: true, ts: '1765310000.000500' });
    await app.service.handle(
      { workspace, channel: CHANNEL, actor: { platform: 'slack', userId: 'U0PRIYA' } },
      { name: 'block', args: { taskKey: 'd5', text: 'waiting for the design review' } },
    );
    await app.step();
    nock.cleanAll();

    // Priya sees her own blocker, with Resolve but no Acknowledge (her own ack would not stop the ladder).
    const priya = await openHome('U0PRIYA');
    expect(textOf(priya)).toMatch(/Your open blockers/);
    expect(textOf(priya)).toMatch(
      /#1 waiting for the design review \(d5\) · reached tier 1 \(Primary\): Sam Jackson · next tier /,
    );
    expect(buttons(priya).map((b) => b.action_id)).toEqual(expect.arrayContaining(['blocker_resolve']));
    expect(buttons(priya).map((b) => b.action_id)).not.toContain('blocker_ack');

    const sam = await openHome('U0SAM');
    expect(textOf(sam)).toMatch(/Open blockers\* \(1\)/);
    const blocker = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'waiting for the design review' } });
    const ack = buttons(sam).find((b) => b.action_id === 'blocker_ack')!;
    expect(ack.value).toBe(blocker.id);

    const after = expectPublish();
    await press('U0SAM', ack);
    const refreshed = await eventually(after, 'views.publish after the ack');
    expect(refreshed.user_id).toBe('U0SAM');
    expect(textOf(refreshed)).toMatch(/:white_check_mark: .*#1/);
    expect(textOf(refreshed)).toMatch(/acknowledged by Sam Jackson/);
    expect(buttons(refreshed).map((b) => b.action_id)).not.toContain('blocker_ack');
    const stored = await db.prisma.blocker.findUniqueOrThrow({ where: { id: blocker.id } });
    expect(stored.status).toBe('acknowledged');
    expect(stored.nextEscalationAt).toBeNull();
  });

  it("refuses a member's button on a blocker that is not theirs, says why on the home, and changes nothing", async () => {
    nock(SLACK).post('/api/chat.postMessage').times(3).reply(200, { ok: true, ts: '1765310000.000600' });
    await app.service.handle(
      { workspace, channel: CHANNEL, actor: { platform: 'slack', userId: 'U0SAM' } },
      { name: 'block', args: { taskKey: 'd1', text: 'kickoff room double-booked' } },
    );
    await app.step();
    nock.cleanAll();
    const blocker = await db.prisma.blocker.findFirstOrThrow({ where: { summary: 'kickoff room double-booked' } });
    const after = expectPublish();
    // A forged press: Luis never had this button, but a payload can name any id.
    await press('U0LUIS', { action_id: 'blocker_resolve', value: blocker.id, blockId: 'pb-9' });
    const refreshed = textOf(await eventually(after, 'views.publish after the refusal'));
    expect(refreshed).toMatch(/:warning: /);
    expect(refreshed).toMatch(/Only the reporter, the task's owner, whoever the ladder reached, or a lead/);
    expect((await db.prisma.blocker.findUniqueOrThrow({ where: { id: blocker.id } })).status).toBe('open');
  });

  it('leaves the Messages tab alone: opening it publishes no home', async () => {
    const publishedFor: string[] = [];
    nock(SLACK)
      .post(
        '/api/views.publish',
        (body: Record<string, unknown>) => publishedFor.push(decoded<Published>(body).user_id) > 0,
      )
      .reply(200, { ok: true, view: { id: 'V0HOME' } });
    const messagesTab = appHomeOpened({ team: TEAM, user: 'U0PRIYA', eventId: 'Ev0MESSAGES', tab: 'messages' });
    expect((await postSlack(base, signSlack(messagesTab, 'json'))).status).toBe(200);
    // Sam opens his home after; his is published after database reads, Priya's tab would need none.
    const samHome = appHomeOpened({ team: TEAM, user: 'U0SAM', eventId: 'Ev0HOMESAM' });
    expect((await postSlack(base, signSlack(samHome, 'json'))).status).toBe(200);
    await eventually(() => (publishedFor.length > 0 ? publishedFor : undefined), 'views.publish');
    expect(publishedFor).toEqual(['U0SAM']);
  });

  it('tells someone on no plan which plans run here and how to link, and another workspace nothing of this one', async () => {
    nock(SLACK)
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'U0NEW', name: 'newbie', profile: { real_name: 'New Person' } } });
    const stranger = textOf(await openHome('U0NEW'));
    expect(stranger).toMatch(/You are not on any plan in this workspace yet/);
    expect(stranger).toMatch(/\*Checkout sprint\*, \*Ops rota\*/);
    expect(stranger).toMatch(/\/plan link/);
    expect(stranger).not.toMatch(/Data ingestion|design review/);

    nock(SLACK)
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'U0LUIS', name: 'luis' } });
    const elsewhere = textOf(await openHome('U0LUIS', 'T0OTHER'));
    expect(elsewhere).toMatch(/No plan has been imported in this workspace yet/);
    expect(elsewhere).not.toMatch(/Checkout sprint|Ops rota|Data ingestion/);
  });

  it('"Report a blocker" opens a modal of that plan\'s open tasks; submitting it opens the blocker and refreshes the home', async () => {
    const opsId = (await db.prisma.plan.findFirstOrThrow({ where: { name: 'Ops rota' } })).id;
    const home = await openHome('U0LUIS');
    const report = buttons(home).find((b) => b.action_id === 'blocker_open' && b.value === opsId)!;
    expect(report).toBeDefined();

    let opened:
      | {
          view: {
            callback_id: string;
            private_metadata: string;
            blocks: { block_id?: string; element?: { options?: { value: string }[] } }[];
          };
        }
      | undefined;
    nock(SLACK)
      .post(
        '/api/views.open',
        (body: Record<string, unknown>) => (opened = decoded<NonNullable<typeof opened>>(body)) !== undefined,
      )
      .reply(200, { ok: true, view: { id: 'V0MODAL' } });
    await press('U0LUIS', report);
    await eventually(() => opened, 'views.open');
    expect(opened!.view.callback_id).toBe('blocker_report');
    // The Ops rota's tasks only: Luis's o3, not the Checkout sprint's d3.
    const options = opened!.view.blocks.find((b) => b.block_id === 'task')!.element!.options!.map((o) => o.value);
    expect(options).toEqual(['o3']);

    const after = expectPublish();
    const submit = viewSubmission({
      team: TEAM,
      user: 'U0LUIS',
      callbackId: 'blocker_report',
      privateMetadata: opened!.view.private_metadata,
      values: {
        task: {
          task: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'o3' }, value: 'o3' } },
        },
        text: { text: { type: 'plain_text_input', value: 'The pager vendor locked our account' } },
      },
    });
    expect((await postSlack(base, signSlack(interactivePayload(submit), 'form'))).status).toBe(200);
    const refreshed = textOf(await eventually(after, 'views.publish after the report'));
    expect(refreshed).toMatch(/The pager vendor locked our account \(o3\)/);
    const blocker = await db.prisma.blocker.findFirstOrThrow({
      where: { summary: 'The pager vendor locked our account' },
      include: { task: true },
    });
    expect(blocker).toMatchObject({ planId: opsId, status: 'open', task: { key: 'o3' } });
  });

  it("`/plan home` refreshes the Home tab, in the zone of the asker's Slack profile, and answers privately with where to find it", async () => {
    const published = expectPublish();
    // Luis's Slack profile is in Madrid; the plans give him no zone, so the home uses his profile's.
    nock(SLACK)
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'U0LUIS', name: 'luis', tz: 'Europe/Madrid' } });
    const response = await postSlack(
      base,
      signSlack(slashCommand({ team: TEAM, channel: CHANNEL, user: 'U0LUIS', text: 'home' }), 'form'),
    );
    expect(response.status).toBe(200);
    const home = textOf(await eventually(published, 'views.publish'));
    expect(home).toMatch(/Ops rota/);
    expect(home).toMatch(/Next stand-up: Thu 10 Dec, 18:00 GMT\+1 \(your profile's time zone\)/);
    expect(response.text).toMatch(/ephemeral.*Home\* tab/);
  });
});
