import { randomBytes } from 'node:crypto';
import nock from 'nock';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/slack-app.js';
import { startHttpServer, type RunningServer } from '../../src/http/http-server.js';
import { Keyring } from '../../src/store/keyring.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { eventCallback, postSlack, SIGNING_SECRET, signSlack } from '../support/slack-requests.js';
import { testSlackAdapter } from '../support/slack-adapter.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { waitFor } from '../support/wait-for.js';

const TEAM = 'T0ACME';
const CHANNEL = 'C0CHECKOUT';
const workspace = { platform: 'slack' as const, externalId: TEAM, name: 'Acme' };
const oauth = {
  clientId: '1111.2222',
  clientSecret: 'abcdef0123456789abcdef0123456789',
  stateSecret: 'a-long-random-state-secret',
};
// The sprint plan's stand-up is 09:00 Los Angeles (17:00 UTC) on weekdays; it starts Monday Dec 7 2026.
const MON = '2026-12-07T16:00:00Z';
const standup = (day: number) => new Date(Date.UTC(2026, 11, day, 17, 0, 0));

/**
 * Bolt acks an event before its handler runs, so a test waits for the handler's own log line (it
 * logs every outcome, "nothing to do" included) before looking at what it changed.
 */
function handledLog() {
  const lines: string[] = [];
  const count = () => lines.filter((line) => /"component":"slack-uninstall"/.test(line)).length;
  return {
    logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }),
    async handled(post: () => Promise<{ status: number; text: string }>) {
      const before = count();
      const response = await post();
      if (response.status === 200)
        await waitFor(() => count() > before, { timeoutMs: 20_000, what: 'the event handled' });
      return response;
    },
  };
}

let events = 0;
/** Signed as Slack signs (SIGNING_SECRET is what the adapters here are configured with). */
const signedEvent = (event: Record<string, unknown>, team = TEAM) =>
  signSlack(eventCallback({ team, eventId: `Ev0UNINSTALL${(events += 1)}`, event }), 'json');

/** Starts the server's real OAuth install for TEAM, with Slack's token exchange mocked. */
async function installThroughOAuth(base: string, token: string): Promise<void> {
  const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const state = new URL(install.headers.get('location')!).searchParams.get('state')!;
  const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
  nock('https://slack.com')
    .post('/api/oauth.v2.access')
    .reply(200, {
      ok: true,
      app_id: 'A0PLANBOT',
      authed_user: { id: 'U0SAM' },
      scope: 'commands,chat:write',
      token_type: 'bot',
      access_token: token,
      bot_user_id: 'U0BOT',
      team: { id: TEAM, name: 'Acme' },
      enterprise: null,
      is_enterprise_install: false,
    })
    .post('/api/auth.test')
    .reply(200, { ok: true, team_id: TEAM, user_id: 'U0BOT', bot_id: 'B0ACME' });
  const redirect = await fetch(`${base}/slack/oauth_redirect?code=code&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  expect(redirect.status).toBeLessThan(400);
}

describe.each(storeKinds())('planbot uninstalled from a Slack workspace installed through OAuth (%s)', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  let adapter: SlackAdapter;
  let server: RunningServer;
  let base: string;
  let planId: string;

  const row = () =>
    db.prisma.workspace.findUniqueOrThrow({
      where: { platform_externalId: { platform: 'slack', externalId: TEAM } },
    });
  const outboxOfPlan = () =>
    db.prisma.outboxMessage.findMany({ where: { workspace: { externalId: TEAM } }, orderBy: { seq: 'asc' } });

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    db = await openTestDatabase(kind);
    app = createTestApp(db, MON, { keyring: new Keyring(randomBytes(32)) });
    adapter = await testSlackAdapter(app, db, app.clock, { signingSecret: SIGNING_SECRET, oauth }, false, log.logger);
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: [adapter.route!],
      ready: async () => true,
      logger: pino({ level: 'silent' }),
    });
    base = `http://127.0.0.1:${server.port}`;
    ({ planId } = await importYaml(app, workspace, sprintPlanYaml, CHANNEL));
    await installThroughOAuth(base, 'xoxb-acme-first-install');
  });
  afterAll(async () => {
    await server?.close();
    await db?.destroy();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const log = handledLog();
  const post = (event: Record<string, unknown>, team = TEAM) =>
    log.handled(() => postSlack(base, signedEvent(event, team)));

  it('refuses a forged app_uninstalled: 401, and the workspace stays installed with its queue', async () => {
    app.clock.set(standup(7));
    await app.scheduler.tick();
    const queued = await outboxOfPlan();
    expect(queued.length).toBeGreaterThan(0);
    const before = await row();

    const forged = signSlack(
      eventCallback({ team: TEAM, eventId: 'Ev0FORGED', event: { type: 'app_uninstalled' } }),
      'json',
      {
        secret: 'f'.repeat(32),
      },
    );
    expect((await postSlack(base, forged)).status).toBe(401);
    expect(await row()).toEqual(before);
    expect(await outboxOfPlan()).toEqual(queued);
  });

  it('on app_uninstalled: forgets the install, marks the workspace, parks its queue with the reason; nothing is sent', async () => {
    const pending = (await outboxOfPlan()).filter((m) => m.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);

    const response = await post({ type: 'app_uninstalled' });
    expect(response.status).toBe(200);

    const after = await row();
    expect(after.install).toBeNull();
    expect(after.uninstalledAt).toEqual(app.clock.now());
    expect(await adapter.tokenFor(TEAM)).toBeUndefined();
    const parked = await outboxOfPlan();
    expect(parked.map((m) => m.status)).toEqual(pending.map(() => 'parked'));
    for (const message of parked)
      expect(message.lastError).toBe(
        "workspace_uninstalled: planbot was uninstalled from this Slack workspace (or its bot token was revoked); reinstall planbot there to resume the workspace's plans",
      );
    await app.step();
    expect(app.slack.calls).toEqual([]);
  });

  it('fires nothing for the paused plans; a message queued for the workspace after all is parked when claimed, unsent', async () => {
    const occurrences = await db.prisma.occurrence.count();
    const messages = await db.prisma.outboxMessage.count();
    app.clock.set(standup(8));
    const report = await app.step();
    expect(report).toMatchObject({ posted: 0, skipped: 0, escalations: 0, reminders: 0, slips: 0 });
    expect(await db.prisma.occurrence.count()).toBe(occurrences);
    expect(await db.prisma.outboxMessage.count()).toBe(messages);

    // A transaction that read the plan before the uninstall committed and queued after it.
    const state = await app.store.loadPlanState(planId);
    await app.store.apply([
      {
        type: 'outbox',
        draft: {
          idempotencyKey: 'late:after-uninstall',
          platform: 'slack',
          target: CHANNEL,
          message: { kind: 'reply', text: 'late', blocks: [] },
          notBefore: app.clock.now(),
          workspaceId: state.plan.workspace.id,
        },
      },
    ]);
    await app.step();
    expect(app.slack.calls).toEqual([]);
    const late = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'late:after-uninstall' } });
    expect(late).toMatchObject({ status: 'parked', lastError: expect.stringMatching(/^workspace_uninstalled: /) });
  });

  it('a reinstall through OAuth clears the mark and the plans resume: the next stand-up is posted', async () => {
    await installThroughOAuth(base, 'xoxb-acme-second-install');
    const after = await row();
    expect(after.uninstalledAt).toBeNull();
    expect(await adapter.tokenFor(TEAM)).toBe('xoxb-acme-second-install');

    app.clock.set(standup(9));
    const report = await app.step();
    // Tuesday's missed stand-up is past the catch-up window: recorded as skipped; Wednesday's is posted.
    expect(report.posted).toBeGreaterThanOrEqual(1);
    expect(app.slack.sent.some((s) => s.message.target === CHANNEL)).toBe(true);
  });

  it('on tokens_revoked: only a revoked bot token pauses the workspace (user tokens are not planbot’s)', async () => {
    expect((await post({ type: 'tokens_revoked', tokens: { oauth: ['U0SAM'] } })).status).toBe(200);
    expect((await row()).uninstalledAt).toBeNull();
    expect(await adapter.tokenFor(TEAM)).toBe('xoxb-acme-second-install');

    expect((await post({ type: 'tokens_revoked', tokens: { oauth: [], bot: ['U0BOT'] } })).status).toBe(200);
    const after = await row();
    expect(after.uninstalledAt).toEqual(app.clock.now());
    expect(after.install).toBeNull();
  });

  it('an uninstall from a team planbot never had plans in changes nothing', async () => {
    const before = await db.prisma.workspace.findMany({ orderBy: { id: 'asc' } });
    expect((await post({ type: 'app_uninstalled' }, 'T0STRANGER')).status).toBe(200);
    expect(await db.prisma.workspace.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });
});

describe.each(storeKinds())('planbot uninstalled from its one workspace (bot token) (%s)', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  let server: RunningServer;
  let base: string;

  const row = () =>
    db.prisma.workspace.findUniqueOrThrow({
      where: { platform_externalId: { platform: 'slack', externalId: TEAM } },
    });
  const log = handledLog();

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    db = await openTestDatabase(kind);
    app = createTestApp(db, MON);
    await importYaml(app, workspace, sprintPlanYaml, CHANNEL);
    const adapter = await testSlackAdapter(
      app,
      db,
      app.clock,
      { signingSecret: SIGNING_SECRET, botToken: 'xoxb-one-workspace' },
      true,
      log.logger,
    );
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: [adapter.route!],
      ready: async () => true,
      logger: pino({ level: 'silent' }),
    });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await db?.destroy();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('marks the workspace uninstalled on app_uninstalled, and a start with a working token resumes it', async () => {
    expect((await log.handled(() => postSlack(base, signedEvent({ type: 'app_uninstalled' })))).status).toBe(200);
    expect((await row()).uninstalledAt).toEqual(app.clock.now());
    app.clock.set(standup(7));
    expect((await app.step()).posted).toBe(0);

    // Reinstalled in Slack, planbot restarts with the token: Slack accepts it, so the plans run again.
    nock('https://slack.com')
      .post('/api/auth.test')
      .times(2)
      .reply(200, { ok: true, team_id: TEAM, user_id: 'U0BOT', bot_id: 'B0ACME' });
    await testSlackAdapter(
      app,
      db,
      app.clock,
      { signingSecret: SIGNING_SECRET, botToken: 'xoxb-one-workspace' },
      false,
    );
    expect((await row()).uninstalledAt).toBeNull();
    expect((await app.step()).posted).toBe(1);
  });
});
