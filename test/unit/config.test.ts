import { describe, expect, it } from 'vitest';
import { describeDatabase, parseConfig } from '../../src/config.js';

const cwd = '/srv/planbot';
const parse = (env: Record<string, string | undefined>) => parseConfig(env, cwd);
const problems = (env: Record<string, string | undefined>): readonly string[] => {
  try {
    parse(env);
  } catch (error) {
    return (error as { details: { problems: string[] } }).details.problems;
  }
  throw new Error('expected the configuration to be refused');
};

// Three fixed 32-byte keys in base64, as `openssl rand -base64 32` prints them.
const ENCRYPTION_KEY = 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=';
const OLD_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const OLDER_KEY = '//79/Pv6+fj39vX08/Lx8O/u7ezr6uno5+bl5OPi4eA=';

const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' };

describe('configuration', () => {
  it('defaults to the embedded database in ./var/data with no chat platform', () => {
    const config = parse({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/planbot/var/data' });
    expect(config).toMatchObject({ logLevel: 'info', port: 3000, outboxLeaseMs: 60_000 });
    expect(config.slack).toBeUndefined();
    expect(config.teams).toBeUndefined();
  });

  it('uses PostgreSQL for postgres:// and postgresql:// URLs', () => {
    expect(parse({ DATABASE_URL: 'postgres://u:p@db:5432/planbot' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/planbot',
    });
    expect(parse({ DATABASE_URL: 'postgresql://db/planbot' }).database.kind).toBe('postgres');
  });

  it('refuses any other database URL, naming the variable and the expected form', () => {
    expect(() => parse({ DATABASE_URL: 'mysql://db/planbot' })).toThrowError(
      expect.objectContaining({
        code: 'config_invalid',
        message: expect.stringMatching(/DATABASE_URL: expected a PostgreSQL URL like postgresql:\/\//),
      }),
    );
  });

  it('never replaces a set-but-wrong value with a default', () => {
    expect(problems({ PORT: 'eighty' })).toEqual(['PORT: expected a whole number']);
    expect(problems({ PORT: '70000' })).toEqual(['PORT: expected a port from 0 to 65535']);
    expect(problems({ LOG_LEVEL: 'verbose' })[0]).toMatch(/^LOG_LEVEL: /);
    expect(problems({ MICROSOFT_APP_TYPE: 'Single' })[0]).toMatch(/^MICROSOFT_APP_TYPE: /);
  });

  it('treats an empty variable as unset', () => {
    expect(parse({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, database: { kind: 'pglite' } });
  });

  it('resolves a relative data folder against the working directory and keeps an absolute one', () => {
    expect(parse({ PLANBOT_DATA_DIR: 'data' }).database).toEqual({ kind: 'pglite', dataDir: '/srv/planbot/data' });
    expect(parse({ PLANBOT_DATA_DIR: '/var/lib/planbot' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/var/lib/planbot',
    });
  });

  it('configures Slack only with both the bot token and the signing secret', () => {
    expect(parse(slack).slack).toEqual({
      botToken: slack.SLACK_BOT_TOKEN,
      signingSecret: slack.SLACK_SIGNING_SECRET,
      apiUrl: 'https://slack.com/api/',
    });
    expect(problems({ SLACK_BOT_TOKEN: slack.SLACK_BOT_TOKEN })).toEqual([
      'SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN',
    ]);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: slack.SLACK_SIGNING_SECRET })).toEqual([
      'SLACK_BOT_TOKEN: expected a bot token starting with xoxb-',
    ]);
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      'SLACK_APP_TOKEN: Socket Mode also needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET',
    ]);
    expect(problems({ SLACK_SIGNING_SECRET: slack.SLACK_SIGNING_SECRET })).toEqual([
      'SLACK_BOT_TOKEN: required with SLACK_SIGNING_SECRET (or SLACK_CLIENT_ID/SECRET for OAuth install)',
    ]);
  });

  it('takes the outbox lease in seconds, within what a send and its lookup need', () => {
    expect(parse({ OUTBOX_LEASE_SECONDS: '120' }).outboxLeaseMs).toBe(120_000);
    expect(problems({ OUTBOX_LEASE_SECONDS: '5' })).toEqual([
      'OUTBOX_LEASE_SECONDS: expected at least 30 seconds (a send and its history lookup must fit in the lease)',
    ]);
    expect(problems({ OUTBOX_LEASE_SECONDS: '1.5' })).toEqual([
      'OUTBOX_LEASE_SECONDS: expected a whole number of seconds',
    ]);
  });

  it('takes the catch-up window in minutes, 30 unless set', () => {
    expect(parse({}).catchUpWindowMs).toBe(30 * 60_000);
    expect(parse({ CATCH_UP_MINUTES: '180' }).catchUpWindowMs).toBe(180 * 60_000);
    expect(parse({ CATCH_UP_MINUTES: '0' }).catchUpWindowMs).toBe(0);
    expect(problems({ CATCH_UP_MINUTES: '2000' })).toEqual([
      'CATCH_UP_MINUTES: expected at most 1440 minutes (a day-old stand-up prompt misleads more than it helps)',
    ]);
    expect(problems({ CATCH_UP_MINUTES: '-5' })[0]).toMatch(/^CATCH_UP_MINUTES: expected 0/);
  });

  it('rehearses from PLANBOT_CLOCK_START at PLANBOT_CLOCK_SPEED, and refuses a speed without a start', () => {
    expect(parse({}).rehearsal).toBeUndefined();
    expect(parse({ PLANBOT_CLOCK_START: '2027-03-13T23:50:00-08:00', PLANBOT_CLOCK_SPEED: '300' }).rehearsal).toEqual({
      start: new Date('2027-03-14T07:50:00Z'),
      speed: 300,
    });
    expect(parse({ PLANBOT_CLOCK_START: '2027-03-14T07:50:00Z' }).rehearsal).toEqual({
      start: new Date('2027-03-14T07:50:00Z'),
      speed: 1,
    });
    expect(problems({ PLANBOT_CLOCK_START: '2027-03-14 07:50' })[0]).toMatch(
      /^PLANBOT_CLOCK_START: expected an ISO instant with a zone/,
    );
    expect(problems({ PLANBOT_CLOCK_SPEED: '10' })).toEqual([
      'PLANBOT_CLOCK_SPEED: set PLANBOT_CLOCK_START too (the instant the rehearsal starts from)',
    ]);
    expect(problems({ PLANBOT_CLOCK_START: '2027-03-14T07:50:00Z', PLANBOT_CLOCK_SPEED: '0.5' })[0]).toMatch(
      /^PLANBOT_CLOCK_SPEED: expected a number from 1 to 100000/,
    );
  });

  it('configures a multi-workspace Slack app installed through OAuth', () => {
    const oauth = {
      SLACK_CLIENT_ID: '1234567890.987654321',
      SLACK_CLIENT_SECRET: 'abcdef0123456789abcdef0123456789',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
      PLANBOT_ENCRYPTION_KEY: ENCRYPTION_KEY,
    };
    expect(
      parse({ ...oauth, SLACK_SIGNING_SECRET: slack.SLACK_SIGNING_SECRET, SLACK_API_URL: 'http://127.0.0.1:9999/api' })
        .slack,
    ).toEqual({
      signingSecret: slack.SLACK_SIGNING_SECRET,
      apiUrl: 'http://127.0.0.1:9999/api/',
      oauth: {
        clientId: oauth.SLACK_CLIENT_ID,
        clientSecret: oauth.SLACK_CLIENT_SECRET,
        stateSecret: oauth.SLACK_STATE_SECRET,
      },
    });
    expect(problems({ ...oauth })).toEqual(['SLACK_SIGNING_SECRET: required with SLACK_CLIENT_ID']);
    expect(
      problems({ SLACK_CLIENT_ID: oauth.SLACK_CLIENT_ID, SLACK_SIGNING_SECRET: slack.SLACK_SIGNING_SECRET }),
    ).toEqual([
      'SLACK_CLIENT_SECRET: required with SLACK_CLIENT_ID',
      'SLACK_STATE_SECRET: required with SLACK_CLIENT_ID',
    ]);
    expect(problems({ ...oauth, ...slack })).toEqual([
      'SLACK_BOT_TOKEN: set either a bot token (one workspace) or SLACK_CLIENT_ID/SECRET (OAuth install), not both',
    ]);
  });

  it('refuses OAuth install without an encryption key for the stored tokens, saying how to make one', () => {
    const oauth = {
      SLACK_CLIENT_ID: '1234567890.987654321',
      SLACK_CLIENT_SECRET: 'abcdef0123456789abcdef0123456789',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
      SLACK_SIGNING_SECRET: slack.SLACK_SIGNING_SECRET,
    };
    expect(problems(oauth)).toEqual([
      "PLANBOT_ENCRYPTION_KEY: required with SLACK_CLIENT_ID (it encrypts the installed workspaces' tokens in the database); generate one with `openssl rand -base64 32`",
    ]);
    expect(parse({ ...oauth, PLANBOT_ENCRYPTION_KEY: ENCRYPTION_KEY }).encryption).toEqual({
      key: ENCRYPTION_KEY,
      previous: [],
    });
  });

  it('reads the encryption key and the earlier keys kept for rotation, and refuses malformed ones', () => {
    expect(
      parse({ PLANBOT_ENCRYPTION_KEY: ENCRYPTION_KEY, PLANBOT_ENCRYPTION_KEY_PREVIOUS: ` ${OLD_KEY} , ${OLDER_KEY}` })
        .encryption,
    ).toEqual({ key: ENCRYPTION_KEY, previous: [OLD_KEY, OLDER_KEY] });
    expect(problems({ PLANBOT_ENCRYPTION_KEY: 'hunter2' })).toEqual([
      'PLANBOT_ENCRYPTION_KEY: expected 32 random bytes in base64 (44 characters); generate one with `openssl rand -base64 32`',
    ]);
    // 16 bytes is an AES-128 key: refused rather than stretched.
    expect(problems({ PLANBOT_ENCRYPTION_KEY: 'AAECAwQFBgcICQoLDA0ODw==' })[0]).toMatch(
      /^PLANBOT_ENCRYPTION_KEY: expected 32/,
    );
    expect(
      problems({ PLANBOT_ENCRYPTION_KEY: ENCRYPTION_KEY, PLANBOT_ENCRYPTION_KEY_PREVIOUS: `${OLD_KEY},nope` }),
    ).toEqual([
      'PLANBOT_ENCRYPTION_KEY_PREVIOUS: expected a comma-separated list of earlier keys, each 32 random bytes in base64 (44 characters); generate one with `openssl rand -base64 32`',
    ]);
    expect(problems({ PLANBOT_ENCRYPTION_KEY_PREVIOUS: OLD_KEY })).toEqual([
      'PLANBOT_ENCRYPTION_KEY_PREVIOUS: set PLANBOT_ENCRYPTION_KEY too (the key that encrypts from now on)',
    ]);
  });

  it('never echoes an encryption key it refuses', () => {
    const almost = ENCRYPTION_KEY.slice(0, 40);
    let message = '';
    try {
      parse({ PLANBOT_ENCRYPTION_KEY: almost });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PLANBOT_ENCRYPTION_KEY/);
    expect(message).not.toContain(almost);
  });

  it('configures Teams with an app id and password, and a tenant for single-tenant bots', () => {
    const teams = { MICROSOFT_APP_ID: '6f1c7d3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f', MICROSOFT_APP_PASSWORD: 'pw' };
    expect(parse(teams).teams).toEqual({
      appId: teams.MICROSOFT_APP_ID,
      appPassword: 'pw',
      appType: 'MultiTenant',
      loginUrl: 'https://login.microsoftonline.com',
    });
    expect(parse({ ...teams, MICROSOFT_LOGIN_URL: 'https://127.0.0.1:4100/' }).teams?.loginUrl).toBe(
      'https://127.0.0.1:4100',
    );
    expect(problems({ ...teams, MICROSOFT_LOGIN_URL: 'http://127.0.0.1:4100' })).toEqual([
      'MICROSOFT_LOGIN_URL: expected an https URL such as https://login.microsoftonline.com',
    ]);
    expect(problems({ MICROSOFT_APP_ID: teams.MICROSOFT_APP_ID })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_PASSWORD: required/),
    ]);
    expect(problems({ ...teams, MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: required/),
    ]);
    expect(problems({ MICROSOFT_APP_ID: 'planbot' })[0]).toMatch(/^MICROSOFT_APP_ID: expected .* GUID/);
  });

  it('reports every problem at once, without echoing secret values', () => {
    let message = '';
    try {
      parse({ DATABASE_URL: 'sqlite://x', SLACK_BOT_TOKEN: 'xoxp-secret-value', PORT: '-1' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/SLACK_BOT_TOKEN/);
    expect(message).toMatch(/PORT/);
    expect(message).not.toContain('xoxp-secret-value');
  });

  it('serves plan calendars with PLANBOT_PUBLIC_URL and PLANBOT_CALENDAR_SECRET together, and refuses one alone or a short secret', () => {
    const secret = 'Zm9yIGNhbGVuZGFyIGZlZWRzIG9ubHksIDMyIGJ5dGVz';
    expect(parse({}).calendar).toBeUndefined();
    expect(
      parse({ PLANBOT_PUBLIC_URL: 'https://planbot.example.com/', PLANBOT_CALENDAR_SECRET: secret }).calendar,
    ).toEqual({
      publicUrl: 'https://planbot.example.com',
      secret,
    });
    expect(problems({ PLANBOT_PUBLIC_URL: 'https://planbot.example.com' })).toEqual([
      'PLANBOT_CALENDAR_SECRET: required with PLANBOT_PUBLIC_URL',
    ]);
    expect(problems({ PLANBOT_PUBLIC_URL: 'planbot.example.com', PLANBOT_CALENDAR_SECRET: secret })[0]).toMatch(
      /^PLANBOT_PUBLIC_URL: expected the http\(s\) URL/,
    );
    const short = problems({ PLANBOT_PUBLIC_URL: 'https://planbot.example.com', PLANBOT_CALENDAR_SECRET: 'hunter2' });
    expect(short[0]).toMatch(/^PLANBOT_CALENDAR_SECRET: expected at least 32 random characters/);
    expect(short.join('\n')).not.toContain('hunter2');
  });

  it('describes a PostgreSQL location without its password', () => {
    expect(describeDatabase({ kind: 'postgres', url: 'postgresql://planbot:hunter2@db:5432/planbot' })).toBe(
      'PostgreSQL at postgresql://planbot:***@db:5432/planbot',
    );
  });
});
