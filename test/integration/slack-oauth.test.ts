import nock from 'nock';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../src/adapters/slack/slack-app.js';
import { startHttpServer, type RunningServer } from '../../src/http/http-server.js';
import { createApp } from '../../src/main.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import { Keyring } from '../../src/store/keyring.js';
import { postSlack, SIGNING_SECRET, signSlack, slashCommand } from '../support/slack-requests.js';
import { testSlackAdapter } from '../support/slack-adapter.js';
import { openTestDatabase, type TestDatabase } from '../support/test-databases.js';

const oauth = {
  clientId: '1111.2222',
  clientSecret: 'abcdef0123456789abcdef0123456789',
  stateSecret: 'a-long-random-state-secret',
};

const ENCRYPTION_KEY = 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=';

describe('multi-workspace Slack install through OAuth (pglite)', () => {
  let db: TestDatabase;
  let server: RunningServer;
  let adapter: SlackAdapter;
  let base: string;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    db = await openTestDatabase('pglite');
    const clock = new ManualClock('2026-12-07T17:00:00Z');
    const app = createApp({ database: db, clock, senders: {}, keyring: Keyring.fromBase64(ENCRYPTION_KEY) });
    adapter = await testSlackAdapter(app, db, clock, { signingSecret: SIGNING_SECRET, oauth }, false);
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
    await db?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('installs from /slack/install, keeps the bot token on the workspace row, and answers that workspace', async () => {
    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorize.searchParams.get('client_id')).toBe(oauth.clientId);
    expect(authorize.searchParams.get('scope')?.split(',')).toContain('users:read.email');
    const state = authorize.searchParams.get('state')!;
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;

    nock('https://slack.com')
      .post('/api/oauth.v2.access', (body: Record<string, string>) => body.code === 'code-from-slack')
      .reply(200, {
        ok: true,
        app_id: 'A0PLANBOT',
        authed_user: { id: 'U0ADMIN' },
        scope: 'commands,chat:write',
        token_type: 'bot',
        access_token: 'xoxb-installed-token',
        bot_user_id: 'U0BOT',
        team: { id: 'T0NEW', name: 'New Team' },
        enterprise: null,
        is_enterprise_install: false,
      })
      .post('/api/auth.test')
      .reply(200, { ok: true, team_id: 'T0NEW', user_id: 'U0BOT', bot_id: 'B0NEW' });
    const redirect = await fetch(
      `${base}/slack/oauth_redirect?code=code-from-slack&state=${encodeURIComponent(state)}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(redirect.status).toBeLessThan(400);

    const row = await db.prisma.workspace.findUniqueOrThrow({
      where: { platform_externalId: { platform: 'slack', externalId: 'T0NEW' } },
    });
    expect(row.name).toBe('New Team');
    // Sealed at rest: the row names the key, and holds no token a database dump would show.
    expect(row.install).toMatchObject({ v: 1, kid: Keyring.fromBase64(ENCRYPTION_KEY).currentKeyId });
    expect(JSON.stringify(row.install)).not.toContain('xoxb-installed-token');
    expect(await adapter.tokenFor('T0NEW')).toBe('xoxb-installed-token');
    expect(await adapter.tokenFor('T0UNKNOWN')).toBeUndefined();

    // A command from the installed workspace is authorised from the stored install and answered.
    const reply = await postSlack(
      base,
      signSlack(slashCommand({ team: 'T0NEW', channel: 'C0NEW', user: 'U0ADMIN', text: 'help' }), 'form'),
    );
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/planbot/i);
  });

  it('takes an install link once: the same state and cookie again are refused, with no token exchange and no write', async () => {
    const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    const state = new URL(install.headers.get('location')!).searchParams.get('state')!;
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;
    let exchanges = 0;
    const slack = nock('https://slack.com')
      .persist()
      .post('/api/oauth.v2.access', () => ((exchanges += 1), true))
      .reply(200, {
        ok: true,
        app_id: 'A0PLANBOT',
        authed_user: { id: 'U0ADMIN' },
        scope: 'commands,chat:write',
        token_type: 'bot',
        access_token: 'xoxb-replayed-install-token',
        bot_user_id: 'U0BOT',
        team: { id: 'T0REPLAY', name: 'Replay Team' },
        enterprise: null,
        is_enterprise_install: false,
      })
      .post('/api/auth.test')
      .reply(200, { ok: true, team_id: 'T0REPLAY', user_id: 'U0BOT', bot_id: 'B0REPLAY' });
    const callback = () =>
      fetch(`${base}/slack/oauth_redirect?code=code-${exchanges}&state=${encodeURIComponent(state)}`, {
        headers: { cookie },
        redirect: 'manual',
      });
    try {
      expect((await callback()).status).toBeLessThan(400);
      expect(exchanges).toBe(1);
      const installed = await db.prisma.workspace.findFirstOrThrow({ where: { externalId: 'T0REPLAY' } });

      const replayed = await callback();
      expect(replayed.status).toBeGreaterThanOrEqual(400);
      expect(exchanges).toBe(1);
      expect(await db.prisma.workspace.findFirstOrThrow({ where: { externalId: 'T0REPLAY' } })).toEqual(installed);
    } finally {
      slack.persist(false);
      nock.cleanAll();
    }
  });

  it('refuses the OAuth callback without the state it issued, storing nothing', async () => {
    const before = await db.prisma.workspace.count();
    const response = await fetch(`${base}/slack/oauth_redirect?code=stolen&state=forged`, { redirect: 'manual' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await db.prisma.workspace.count()).toBe(before);
  });
});
