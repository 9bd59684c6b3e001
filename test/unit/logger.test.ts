import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('writes JSON lines and never writes a token, secret, password or authorization header', () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-111-222-SuperSecretToken',
      SLACK_SIGNING_SECRET: 'feedfacefeedfacefeedfacefeedface',
      MICROSOFT_APP_ID: '6f1c7d3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f',
      MICROSOFT_APP_PASSWORD: 'TeamsClientSecret~42',
      DATABASE_URL: 'postgresql://planbot:DbPassword99@db/planbot',
    };
    const config = parseConfig(env, '/srv');
    const { lines, stream } = capture();
    const log = createLogger({ logLevel: 'debug' }, stream);

    log.info({ config }, 'started');
    log.info({ slack: config.slack, teams: config.teams, database: config.database }, 'platforms');
    log.warn(
      {
        req: {
          method: 'POST',
          url: '/api/messages',
          headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig' },
        },
      },
      'unauthorized',
    );
    log.debug({ token: 'xoxb-111-222-SuperSecretToken', password: 'DbPassword99' }, 'direct fields');

    const output = lines.join('');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'started', name: 'planbot' });
    for (const secret of [
      'SuperSecretToken',
      'feedfacefeedface',
      'TeamsClientSecret',
      'DbPassword99',
      'eyJhbGciOiJSUzI1NiJ9',
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
    // Not everything is blanked: what helps an operator stays readable.
    expect(output).toContain('6f1c7d3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f');
    expect(output).toContain('/api/messages');
  });

  it('scrubs configured secrets and token-shaped strings by value from free text and error details', () => {
    const env = {
      LOG_LEVEL: 'debug',
      SLACK_SIGNING_SECRET: 'feedfacefeedfacefeedfacefeedface',
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'c0ffee00c0ffee00c0ffee00c0ffee00',
      SLACK_STATE_SECRET: 'state-secret-that-signs-oauth',
      PLANBOT_ENCRYPTION_KEY: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=',
      PLANBOT_ENCRYPTION_KEY_PREVIOUS: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
      MICROSOFT_APP_ID: '6f1c7d3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f',
      MICROSOFT_APP_PASSWORD: 'Teams"Client\\Secret~42',
      PAGERDUTY_ROUTING_KEY: 'R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY42',
      DATABASE_URL: 'postgresql://planbot:DbPassword99@db/planbot',
    };
    const config = parseConfig(env, '/srv');
    const { lines, stream } = capture();
    const log = createLogger(config, stream);

    // What Slack's Web API client and Bolt write at debug level, as the Bolt logger bridge forwards it.
    log.debug(
      `http request body: {"client_id":"1111.2222","client_secret":"${env.SLACK_CLIENT_SECRET}","code":"4242.abc"}`,
    );
    log.debug(`http request body: client_id=1111.2222&client_secret=someOtherSecret123&code=x`);
    log.debug('http request headers: {"Authorization":"Bearer xoxb-1-2-rotatedTokenNotInConfig"}');
    log.debug('Authorization: Basic dXNlcjpwYXNzd29yZA==');
    log.debug('tokens xoxp-1-userToken xapp-1-A0-appLevelToken xoxe.xoxp-1-rotatingToken xoxe-1-refreshToken');
    log.debug(
      'Generated authorize URL: https://slack.com/oauth/v2/authorize?state=eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln',
    );
    log.info(`signing with ${env.SLACK_SIGNING_SECRET} and ${env.SLACK_STATE_SECRET}`);
    log.warn({ detail: `key ${env.PAGERDUTY_ROUTING_KEY}` }, 'pagerduty said no');
    log.error({ err: new Error(`login failed for password ${env.MICROSOFT_APP_PASSWORD}`) }, 'teams');
    const error = Object.assign(new Error('Unhandled HTTP request (GET) made to /slack/x'), {
      req: { method: 'GET', headers: { authorization: 'Bearer opaque-probe-credential', cookie: 'sid=probe-cookie' } },
    });
    log.error({ err: error, path: '/slack/x' }, 'request failed');
    log.info('connecting to postgresql://planbot:DbPassword99@db/planbot');
    log.warn(`keys ${env.PLANBOT_ENCRYPTION_KEY} ${env.PLANBOT_ENCRYPTION_KEY_PREVIOUS}`);

    const output = lines.join('');
    expect(lines).toHaveLength(12);
    for (const secret of [
      env.SLACK_SIGNING_SECRET,
      env.SLACK_CLIENT_SECRET,
      env.SLACK_STATE_SECRET,
      'Client\\\\Secret~42',
      'Client\\Secret~42',
      env.PAGERDUTY_ROUTING_KEY,
      env.PLANBOT_ENCRYPTION_KEY,
      env.PLANBOT_ENCRYPTION_KEY_PREVIOUS,
      'DbPassword99',
      'someOtherSecret123',
      'rotatedTokenNotInConfig',
      'dXNlcjpwYXNzd29yZA',
      'userToken',
      'appLevelToken',
      'rotatingToken',
      'refreshToken',
      'eyJhbGciOiJIUzI1NiJ9',
      'opaque-probe-credential',
      'probe-cookie',
    ]) {
      expect(output).not.toContain(secret);
    }
    // What an operator needs stays: which call, which client, which path.
    expect(output).toContain('http request body');
    expect(output).toContain('1111.2222');
    expect(output).toContain('/slack/x');
    expect(output).toContain('Unhandled HTTP request');
  });
});
