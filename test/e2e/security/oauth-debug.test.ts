import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSlack, signSlack, slashCommand } from '../../support/slack-requests.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../../support/test-databases.js';
import { SECRETS, SLACK_CLIENT_ID, servePlanbot, type ServedPlanbot } from './security-harness.js';

// What Slack hands out during an install: none of it may be logged either.
const INSTALLED_BOT_TOKEN = 'xoxb-7777-8888-installed-bot-token-do-not-leak';
const INSTALLED_REFRESH_TOKEN = 'xoxe-1-installed-refresh-token-do-not-leak';

/**
 * Slack's Web API client logs every request body at debug level, and the body of
 * oauth.v2.access carries the client secret. planbot must scrub it by value on the way to the log.
 */
describe.each(storeKinds())('a planbot installing Slack workspaces through OAuth, at LOG_LEVEL=debug (%s)', (kind) => {
  let db: TestDatabase;
  let served: ServedPlanbot;
  const logText = () => served.log.join('');

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    db = await openTestDatabase(kind);
    served = await servePlanbot(db, { oauth: true });
  });

  afterAll(async () => {
    await served?.stop();
    await db?.destroy();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('installs a workspace and answers it, and the debug log holds no secret, token or state', async () => {
    const install = await fetch(`${served.base}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get('location')!);
    expect(authorize.searchParams.get('client_id')).toBe(SLACK_CLIENT_ID);
    const state = authorize.searchParams.get('state')!;
    const cookie = install.headers.get('set-cookie')!.split(';')[0]!;

    nock('https://slack.com')
      .post('/api/oauth.v2.access', (body: Record<string, string>) => body.client_secret === SECRETS.slackClientSecret)
      .reply(200, {
        ok: true,
        app_id: 'A0PLANBOT',
        authed_user: { id: 'U0ADMIN' },
        scope: 'commands,chat:write',
        token_type: 'bot',
        access_token: INSTALLED_BOT_TOKEN,
        refresh_token: INSTALLED_REFRESH_TOKEN,
        expires_in: 43_200,
        bot_user_id: 'U0BOT',
        team: { id: 'T0NEW', name: 'New Team' },
        enterprise: null,
        is_enterprise_install: false,
      })
      .post('/api/auth.test')
      .reply(200, { ok: true, team_id: 'T0NEW', user_id: 'U0BOT', bot_id: 'B0NEW' });
    const redirect = await fetch(
      `${served.base}/slack/oauth_redirect?code=code-from-slack&state=${encodeURIComponent(state)}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(redirect.status).toBeLessThan(400);
    expect(
      await db.prisma.workspace.count({ where: { platform: 'slack', externalId: 'T0NEW', name: 'New Team' } }),
    ).toBe(1);
    // At rest, the install is sealed: neither token is in the row.
    const row = await db.prisma.workspace.findFirstOrThrow({
      where: { externalId: 'T0NEW' },
      select: { install: true },
    });
    expect(row.install).toMatchObject({ v: 1 });
    for (const token of [INSTALLED_BOT_TOKEN, INSTALLED_REFRESH_TOKEN])
      expect(JSON.stringify(row.install)).not.toContain(token);

    const reply = await postSlack(
      served.base,
      signSlack(slashCommand({ team: 'T0NEW', channel: 'C0NEW', user: 'U0ADMIN', text: 'help' }), 'form'),
    );
    expect(reply.status).toBe(200);

    const log = logText();
    // The line that used to carry the client secret was written (so debug level was exercised) …
    expect(log).toContain('oauth.v2.access');
    expect(log).toContain('http request body');
    // … and nothing secret is in it, whichever form it was written in.
    for (const secret of [
      ...Object.values(SECRETS),
      INSTALLED_BOT_TOKEN,
      INSTALLED_REFRESH_TOKEN,
      state,
      encodeURIComponent(state),
      cookie,
    ])
      expect(log).not.toContain(secret);
    expect(log).not.toMatch(/client_secret\\?"?[:=]\\?"?[0-9a-f]/);
    expect(log).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    expect(log).not.toMatch(/xox[bpe]-\d/);
  });

  it('refuses an OAuth callback with a forged state: stores nothing, logs no secret', async () => {
    const before = await db.prisma.workspace.count();
    const response = await fetch(`${served.base}/slack/oauth_redirect?code=stolen&state=forged`, {
      headers: { cookie: 'slack-app-oauth-state=forged' },
      redirect: 'manual',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await db.prisma.workspace.count()).toBe(before);
    for (const secret of Object.values(SECRETS)) expect(logText()).not.toContain(secret);
  });

  it.each([
    ['PUT', '/slack/install', 'GET'],
    ['POST', '/slack/oauth_redirect', 'GET'],
    ['GET', '/slack/events', 'POST'],
  ])('answers %s %s with 405 (Allow: %s), writing nothing', async (method, path, allow) => {
    const before = await db.prisma.workspace.count();
    const response = await fetch(`${served.base}${path}`, {
      method,
      headers: { authorization: 'Bearer xoxp-5555-oauth-probe-credential', cookie: 'session=oauth-probe-cookie' },
      redirect: 'manual',
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(await db.prisma.workspace.count()).toBe(before);
    expect(logText()).not.toContain('oauth-probe-credential');
    expect(logText()).not.toContain('oauth-probe-cookie');
  });
});
