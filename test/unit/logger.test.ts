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
});
