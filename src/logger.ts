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
  // Errors from HTTP libraries carry the request they failed on (Bolt's "unhandled request" holds
  // the IncomingMessage, axios its config): its headers hold Authorization and Cookie.
  'err.req',
  'err.res',
  'err.request',
  'err.response',
  'err.config',
];

const REDACTED = '[redacted]';

/**
 * Secret-shaped text, wherever it sits in a line. Libraries log free text (Slack's Web API client
 * writes request bodies at debug level: oauth.v2.access carries client_secret), where pino's
 * key-based redaction cannot see, so these run over every line as written.
 */
const secretShapes: [RegExp, string][] = [
  // Slack tokens: bot, user, app-level, rotating and refresh (xoxb-, xoxp-, xapp-, xoxe.xoxp-, xoxe-).
  [/\b(?:xox[a-z](?:\.xox[a-z])?|xapp)-[A-Za-z0-9-]+/g, REDACTED],
  // JWTs (Bot Framework tokens, Slack's OAuth state): header.payload.signature in base64url.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // A cookie header runs to the end of its value, across every `name=value;` pair.
  [/(cookie)(\\*["']?\s*[:=]\s*\\*["']?)(?!\[redacted\])[^"\r\n\\]+/gi, `$1$2${REDACTED}`],
  // A named secret in a form body, a query string, a header dump or (escaped) JSON.
  [
    /((?:client|signing|state|app)_?secret|secret|password|passwd|(?:access|refresh|bot|app|id)_?token|token|routing_?key|authorization)(\\*["']?\s*[:=]\s*\\*["']?)(?!\[redacted\])[^\s"'&,;}\]\\]+/gi,
    `$1$2${REDACTED}`,
  ],
  // The password of a database URL.
  [/(postgres(?:ql)?:\/\/[^:/\s@"]+:)[^@\s"]+@/gi, `$1${REDACTED}@`],
];

/** The configured secrets, as values: scrubbed from every line by value, not only by key. */
export function configuredSecrets(
  config: Partial<Pick<Config, 'database' | 'slack' | 'teams' | 'pagerDuty' | 'encryption' | 'calendar'>>,
): string[] {
  const values = [
    config.slack?.signingSecret,
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.oauth?.clientSecret,
    config.slack?.oauth?.stateSecret,
    config.teams?.appPassword,
    config.pagerDuty?.routingKey,
    config.encryption?.key,
    ...(config.encryption?.previous ?? []),
    config.calendar?.secret,
  ];
  if (config.database?.kind === 'postgres') {
    const password = URL.canParse(config.database.url) ? new URL(config.database.url).password : '';
    values.push(password, password && decodeURIComponent(password));
  }
  // Too short a value would blank ordinary words; every real secret here is far longer.
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value.length >= 6))];
}

/** Blanks each secret value (as written, JSON-escaped once or twice, URL-encoded) and every secret-shaped string. */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const escape = (value: string) => JSON.stringify(value).slice(1, -1);
  const forms = [...new Set(secrets.flatMap((s) => [s, escape(s), escape(escape(s)), encodeURIComponent(s)]))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    for (const [shape, replacement] of secretShapes) out = out.replace(shape, replacement);
    return out;
  };
}

export type LoggerConfig = Pick<Config, 'logLevel'> &
  Partial<Pick<Config, 'database' | 'slack' | 'teams' | 'pagerDuty' | 'encryption'>>;

/**
 * planbot's logger: JSON lines, secrets blanked by key (pino's redact) and then, on the way out,
 * by value (the configured secrets) and by shape (tokens, JWTs, credentials in free text).
 */
export function createLogger(config: LoggerConfig, destination?: DestinationStream): Logger {
  const scrub = secretScrubber(configuredSecrets(config));
  const target = destination ?? pino.destination(1);
  return pino(
    {
      name: 'planbot',
      level: config.logLevel,
      redact: { paths: redactPaths, censor: REDACTED },
      base: { pid: process.pid },
    },
    { write: (line: string) => target.write(scrub(line)) },
  );
}
