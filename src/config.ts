import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { PlanError } from './domain/plan-error.js';
import { decodeKey } from './store/keyring.js';

export type DatabaseConfig = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface Config {
  database: DatabaseConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  port: number;
  /** How long a dispatcher holds a message it is sending; after a crash, others take it over then. */
  outboxLeaseMs: number;
  /** A ritual firing missed by downtime still posts when it is at most this late; older ones are recorded as skipped. */
  catchUpWindowMs: number;
  /** Rehearsal: the plan's time starts at `start` and runs `speed` times faster (a staging run, or the fault suite). */
  rehearsal?: { start: Date; speed: number };
  slack?: SlackConfig;
  teams?: TeamsConfig;
  pagerDuty?: { routingKey: string; eventsUrl: string };
  /** Seals Slack installs (their tokens) in the database: the current key, then older ones still read (rotation). Base64. */
  encryption?: { key: string; previous: string[] };
  /** Subscribable plan calendars: the URL people reach planbot at (no trailing "/"), and the secret that signs feed URLs. */
  calendar?: { publicUrl: string; secret: string };
}

export interface SlackConfig {
  signingSecret: string;
  /** Single-workspace install. Without it, workspaces install through OAuth (`oauth`). */
  botToken?: string;
  /** Socket Mode instead of the public HTTP endpoint. */
  appToken?: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  /** Web API base URL, ending in "/"; a local fake in fault tests. */
  apiUrl: string;
}

export interface TeamsConfig {
  appId: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Where planbot gets its Bot Framework token (Microsoft login; a local fake in fault tests). */
  loginUrl: string;
}

const KEY_FORMAT = '32 random bytes in base64 (44 characters); generate one with `openssl rand -base64 32`';

/** Every variable planbot reads, with what it expects; `.env.example` and the README mirror this. */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/\S+$/,
      'expected a PostgreSQL URL like postgresql://user:password@host:5432/planbot, or leave it unset for the embedded database',
    )
    .optional(),
  PLANBOT_DATA_DIR: z.string().default('./var/data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(0, 'expected a port from 0 to 65535')
    .max(65535, 'expected a port from 0 to 65535')
    .default(3000),
  // Above the slowest send (10 s per Web API call, a history lookup of a few pages), below "the team noticed".
  OUTBOX_LEASE_SECONDS: z.coerce
    .number({ error: 'expected a whole number of seconds' })
    .int('expected a whole number of seconds')
    .min(30, 'expected at least 30 seconds (a send and its history lookup must fit in the lease)')
    .max(3600, 'expected at most 3600 seconds (after a crash, messages wait this long)')
    .default(60),
  CATCH_UP_MINUTES: z.coerce
    .number({ error: 'expected a whole number of minutes' })
    .int('expected a whole number of minutes')
    .min(0, 'expected 0 (never post late) or more minutes')
    .max(1440, 'expected at most 1440 minutes (a day-old stand-up prompt misleads more than it helps)')
    .default(30),
  PLANBOT_CLOCK_START: z.iso
    .datetime({
      offset: true,
      error: 'expected an ISO instant with a zone, like 2027-03-13T23:50:00-08:00 (a rehearsal start)',
    })
    .optional(),
  PLANBOT_CLOCK_SPEED: z.coerce
    .number({ error: 'expected a number' })
    .min(1, 'expected a number from 1 to 100000')
    .max(100_000, 'expected a number from 1 to 100000')
    .optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(
      /^[0-9a-f]{32}$/i,
      "expected the 32-character hex signing secret from the Slack app's Basic Information page",
    )
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', 'expected an app-level token starting with xapp- (Socket Mode)')
    .optional(),
  SLACK_CLIENT_ID: z
    .string()
    .regex(
      /^\d+\.\d+$/,
      "expected the Client ID from the Slack app's Basic Information page, like 1234567890.1234567890",
    )
    .optional(),
  SLACK_CLIENT_SECRET: z
    .string()
    .regex(/^[0-9a-f]{32}$/i, "expected the 32-character hex Client Secret from the Slack app's Basic Information page")
    .optional(),
  SLACK_STATE_SECRET: z
    .string()
    .min(16, 'expected at least 16 random characters (it signs the OAuth state)')
    .optional(),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://slack.com/api/' })
    .default('https://slack.com/api/'),
  MICROSOFT_APP_ID: z.uuid("expected the bot's Microsoft App ID, a GUID").optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  // https only: Microsoft's login library (MSAL) refuses any other authority.
  MICROSOFT_LOGIN_URL: z
    .url({ protocol: /^https$/, error: 'expected an https URL such as https://login.microsoftonline.com' })
    .default('https://login.microsoftonline.com'),
  PLANBOT_ENCRYPTION_KEY: z
    .string()
    .refine((value) => decodeKey(value) !== undefined, { error: `expected ${KEY_FORMAT}` })
    .optional(),
  PLANBOT_ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .refine((value) => keyList(value).every((key) => decodeKey(key) !== undefined), {
      error: `expected a comma-separated list of earlier keys, each ${KEY_FORMAT}`,
    })
    .optional(),
  PAGERDUTY_ROUTING_KEY: z
    .string()
    .regex(/^[0-9a-zA-Z]{32}$/, 'expected a 32-character Events API v2 integration (routing) key')
    .optional(),
  PAGERDUTY_EVENTS_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://events.pagerduty.com/v2/enqueue' })
    .default('https://events.pagerduty.com/v2/enqueue'),
  PLANBOT_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'expected the http(s) URL people reach planbot at, such as https://planbot.example.com',
    })
    .optional(),
  // Anyone with it can mint a feed URL for any plan: as long and random as an encryption key.
  PLANBOT_CALENDAR_SECRET: z
    .string()
    .min(32, 'expected at least 32 random characters; generate one with `openssl rand -base64 32`')
    .optional(),
});

type Env = Record<string, string | undefined>;

/**
 * Parses the environment once, at start-up. A variable that is set but wrong stops planbot
 * with a message naming it; it is never quietly replaced by a default. An empty value counts
 * as unset, as orchestrators often render unset variables as "".
 */
export function parseConfig(env: Env, cwd: string): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw configError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  requireTogether(problems, e, ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET']);
  const slackOAuth = Boolean(e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET);
  if (e.SLACK_BOT_TOKEN && slackOAuth)
    problems.push(
      'SLACK_BOT_TOKEN: set either a bot token (one workspace) or SLACK_CLIENT_ID/SECRET (OAuth install), not both',
    );
  if ((e.SLACK_BOT_TOKEN || slackOAuth) && !e.SLACK_SIGNING_SECRET)
    problems.push(`SLACK_SIGNING_SECRET: required with ${e.SLACK_BOT_TOKEN ? 'SLACK_BOT_TOKEN' : 'SLACK_CLIENT_ID'}`);
  if (e.SLACK_SIGNING_SECRET && !e.SLACK_BOT_TOKEN && !e.SLACK_CLIENT_ID)
    problems.push('SLACK_BOT_TOKEN: required with SLACK_SIGNING_SECRET (or SLACK_CLIENT_ID/SECRET for OAuth install)');
  if (e.SLACK_APP_TOKEN && !e.SLACK_BOT_TOKEN)
    problems.push('SLACK_APP_TOKEN: Socket Mode also needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
  if (e.MICROSOFT_APP_PASSWORD && !e.MICROSOFT_APP_ID)
    problems.push('MICROSOFT_APP_PASSWORD: set MICROSOFT_APP_ID too');
  if (e.MICROSOFT_APP_ID && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) {
    problems.push('MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (the client secret of the bot registration)');
  }
  if (e.MICROSOFT_APP_ID && e.MICROSOFT_APP_TYPE === 'SingleTenant' && !e.MICROSOFT_APP_TENANT_ID) {
    problems.push('MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE is SingleTenant');
  }
  // Installs hold every workspace's bot token: never store them readable by whoever reads the database or a backup.
  if (slackOAuth && !e.PLANBOT_ENCRYPTION_KEY)
    problems.push(
      "PLANBOT_ENCRYPTION_KEY: required with SLACK_CLIENT_ID (it encrypts the installed workspaces' tokens in the database); generate one with `openssl rand -base64 32`",
    );
  if (e.PLANBOT_ENCRYPTION_KEY_PREVIOUS && !e.PLANBOT_ENCRYPTION_KEY)
    problems.push(
      'PLANBOT_ENCRYPTION_KEY_PREVIOUS: set PLANBOT_ENCRYPTION_KEY too (the key that encrypts from now on)',
    );
  requireTogether(problems, e, ['PLANBOT_PUBLIC_URL', 'PLANBOT_CALENDAR_SECRET']);
  if (e.PLANBOT_CLOCK_SPEED !== undefined && !e.PLANBOT_CLOCK_START)
    problems.push('PLANBOT_CLOCK_SPEED: set PLANBOT_CLOCK_START too (the instant the rehearsal starts from)');
  if (problems.length > 0) throw configError(problems);

  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: absolute(e.PLANBOT_DATA_DIR, cwd) },
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    outboxLeaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
    catchUpWindowMs: e.CATCH_UP_MINUTES * 60_000,
    ...(e.PLANBOT_CLOCK_START
      ? { rehearsal: { start: new Date(e.PLANBOT_CLOCK_START), speed: e.PLANBOT_CLOCK_SPEED ?? 1 } }
      : {}),
    ...(e.SLACK_SIGNING_SECRET
      ? {
          slack: {
            signingSecret: e.SLACK_SIGNING_SECRET,
            apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
            ...(e.SLACK_BOT_TOKEN ? { botToken: e.SLACK_BOT_TOKEN } : {}),
            ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
            ...(e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
              ? {
                  oauth: {
                    clientId: e.SLACK_CLIENT_ID,
                    clientSecret: e.SLACK_CLIENT_SECRET,
                    stateSecret: e.SLACK_STATE_SECRET,
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(e.MICROSOFT_APP_ID
      ? {
          teams: {
            appId: e.MICROSOFT_APP_ID,
            appType: e.MICROSOFT_APP_TYPE,
            loginUrl: e.MICROSOFT_LOGIN_URL.replace(/\/+$/, ''),
            ...(e.MICROSOFT_APP_PASSWORD ? { appPassword: e.MICROSOFT_APP_PASSWORD } : {}),
            ...(e.MICROSOFT_APP_TENANT_ID ? { tenantId: e.MICROSOFT_APP_TENANT_ID } : {}),
          },
        }
      : {}),
    ...(e.PLANBOT_ENCRYPTION_KEY
      ? {
          encryption: {
            key: e.PLANBOT_ENCRYPTION_KEY.trim(),
            previous: keyList(e.PLANBOT_ENCRYPTION_KEY_PREVIOUS ?? ''),
          },
        }
      : {}),
    ...(e.PAGERDUTY_ROUTING_KEY
      ? { pagerDuty: { routingKey: e.PAGERDUTY_ROUTING_KEY, eventsUrl: e.PAGERDUTY_EVENTS_URL } }
      : {}),
    ...(e.PLANBOT_PUBLIC_URL && e.PLANBOT_CALENDAR_SECRET
      ? { calendar: { publicUrl: e.PLANBOT_PUBLIC_URL.replace(/\/+$/, ''), secret: e.PLANBOT_CALENDAR_SECRET } }
      : {}),
  };
}

/** A database location safe to print: the password of a URL is masked. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'pglite') return `embedded PGlite in ${database.dataDir}`;
  const url = new URL(database.url);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}

function requireTogether(problems: string[], env: Record<string, unknown>, names: string[]): void {
  const set = names.filter((name) => env[name] !== undefined);
  if (set.length > 0 && set.length < names.length) {
    for (const name of names.filter((n) => !set.includes(n)))
      problems.push(`${name}: required with ${set.join(' and ')}`);
  }
}

function keyList(value: string): string[] {
  return value
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function configError(problems: string[]): PlanError {
  return new PlanError(
    'config_invalid',
    `the configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable and its format.`,
    {
      problems,
    },
  );
}
