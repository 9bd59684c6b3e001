import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger } from 'pino';

const secretKeys = [
  'token',
  'botToken',
  'appToken',
  'accessToken',
  'refreshToken',
  'password',
  'appPassword',
  'secret',
  'signingSecret',
  'clientSecret',
  'routingKey',
  'authorization',
  'Authorization',
  'cookie',
  'connectionString',
];

/**
 * Paths pino blanks out. pino matches paths, not key names anywhere, so each secret key is
 * listed at the depths planbot logs objects (a field, a nested config or request, its headers).
 */
export const redactPaths = [
  ...secretKeys,
  ...secretKeys.map((key) => `*.${key}`),
  ...secretKeys.map((key) => `*.*.${key}`),
  // A database URL carries its password; request URLs stay readable.
  'database.url',
  '*.database.url',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
  'headers["x-slack-signature"]',
];

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      name: 'planbot',
      level: config.logLevel,
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: { pid: process.pid },
    },
    destination,
  );
}
