import { Writable } from 'node:stream';
import nock from 'nock';
import { serve } from '../../../src/cli/serve.js';
import { parseConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { SystemClock } from '../../../src/service/clocks/system-clock.js';
import type { Database } from '../../../src/store/database.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { SIGNING_SECRET } from '../../support/slack-requests.js';
import { waitFor } from '../../support/wait-for.js';

/** Secrets configured into the served planbot; none may ever appear in its log. */
export const SECRETS = {
  slackBotToken: 'xoxb-4242424242-security-suite-bot-token',
  slackSigningSecret: SIGNING_SECRET,
  teamsAppPassword: 'teams-app-password~Zq8.do-not-leak',
  slackClientSecret: 'c1e45ec7e7c1e45ec7e7c1e45ec7e7c1',
  slackStateSecret: 'state-secret-Wq3-do-not-leak',
  // Seals installed workspaces' tokens in the database (32 bytes, base64).
  encryptionKey: 'c2VjdXJpdHktc3VpdGUta2V5LWRvLW5vdC1sZWFrISE=',
} as const;

export const SLACK_CLIENT_ID = '1111.2222';

/** The one Slack workspace admin (users.info `is_admin`) the fake Slack knows. */
export const SLACK_ADMIN = 'U0ADMIN';

export const TEAMS_APP_ID = '00000000-0000-4000-8000-0000000000c7';

/** The rows a refused request must leave alone. */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const p = db.prisma;
  return {
    blocker: await p.blocker.count(),
    openBlockers: await p.blocker.count({ where: { status: 'open' } }),
    standupReply: await p.standupReply.count(),
    chatIdentity: await p.chatIdentity.count(),
    plan: await p.plan.count(),
    pendingImport: await p.pendingImport.count(),
    replanProposal: await p.replanProposal.count(),
    escalationStep: await p.escalationStep.count(),
    conversationReference: await p.conversationReference.count(),
    workspace: await p.workspace.count(),
  };
}

export interface ServedPlanbot {
  base: string;
  fakeSlack: FakeSlack;
  /** Every line pino wrote, as written (JSON). */
  log: string[];
  stop(): Promise<void>;
}

/**
 * `planbot start` in-process with both platforms configured, exactly as production wires it
 * (serve()), logging at debug through the real redacting logger into memory. Slack's Web API is
 * the local fake (auth.test at start, replies); signatures and JWTs are checked for real.
 * With `oauth`, Slack is the multi-workspace install (client id, secret and state secret) instead
 * of one bot token.
 */
export async function servePlanbot(
  database: Database,
  options: { oauth?: boolean; env?: Record<string, string> } = {},
): Promise<ServedPlanbot> {
  const fakeSlack = await startFakeSlack({ teamId: 'T0ALPHA', admins: [SLACK_ADMIN] });
  const log: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log.push(chunk.toString('utf8'));
      done();
    },
  });
  // Through the real environment parser, so defaults and validation are production's.
  const config = parseConfig(
    {
      LOG_LEVEL: 'debug',
      PORT: '0',
      SLACK_SIGNING_SECRET: SECRETS.slackSigningSecret,
      ...(options.oauth
        ? {
            SLACK_CLIENT_ID: SLACK_CLIENT_ID,
            SLACK_CLIENT_SECRET: SECRETS.slackClientSecret,
            SLACK_STATE_SECRET: SECRETS.slackStateSecret,
            PLANBOT_ENCRYPTION_KEY: SECRETS.encryptionKey,
          }
        : { SLACK_BOT_TOKEN: SECRETS.slackBotToken }),
      SLACK_API_URL: fakeSlack.url,
      MICROSOFT_APP_ID: TEAMS_APP_ID,
      MICROSOFT_APP_PASSWORD: SECRETS.teamsAppPassword,
      MICROSOFT_APP_TYPE: 'MultiTenant',
      ...options.env,
    },
    process.cwd(),
  );
  let stop!: () => void;
  const until = new Promise<void>((resolve) => (stop = resolve));
  let listening!: (port: number) => void;
  const port = new Promise<number>((resolve) => (listening = resolve));
  // Real time: Slack signs and Bolt verifies against the wall clock, as do JWT expiries.
  const done = serve({
    config,
    database,
    clock: new SystemClock(),
    logger: createLogger(config, sink),
    until,
    onListening: listening,
  });
  // A start-up failure must surface instead of leaving the port promise pending.
  let listeningPort: number;
  try {
    listeningPort = await Promise.race([
      port,
      done.then(() => Promise.reject(new Error('serve() returned before listening'))),
    ]);
  } catch (error) {
    await fakeSlack.close();
    throw error;
  }
  const base = `http://127.0.0.1:${listeningPort}`;
  return {
    base,
    fakeSlack,
    log,
    stop: async () => {
      stop();
      await done;
      await fakeSlack.close();
    },
  };
}

/** Captures what planbot posts to Slack response URLs (replies to buttons and commands after the ack). */
export function captureResponseUrls(): unknown[] {
  const posted: unknown[] = [];
  nock('https://hooks.slack.com')
    .persist()
    .post(/.*/, (body: unknown) => (posted.push(body), true))
    .reply(200, 'ok');
  return posted;
}

/** Waits for background work that runs after Bolt acked. Polls; never asserts on elapsed time. */
export async function eventually<T>(probe: () => T | undefined | false, what: string): Promise<T> {
  // Generous: an import preview parses a document on a worker, slow on a loaded CI machine.
  return waitFor(probe, { timeoutMs: 20_000, intervalMs: 10, what });
}
