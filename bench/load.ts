// Load benchmark (a script, not a test): signed Slack slash commands and signed Teams activities
// against planbot's real HTTP server (Bolt receiver + request guard, botbuilder CloudAdapter with
// real JWT verification) on a seeded plan per platform (50 members, 300 tasks, 40 open blockers),
// at rising concurrency (10, 50, 200 in flight) for DURATION_S seconds each. The requests come
// from a separate process (bench/load-client.ts), so only planbot's own work is charged to this
// process. A bare Bolt app answering the same signed command with a constant reply runs at each
// level as the floor. Prints throughput, p50/p99, errors, and this process's CPU per request.
//   . /tmp/pgenv; npx tsx bench/load.ts                  (PostgreSQL via TEST_DATABASE_URL; PGlite without)
//   DURATION_S=20 LEVELS=10,50,200 PLATFORMS=slack,teams BARE=0 npx tsx bench/load.ts
// The far side of Teams (Bot Framework OpenID metadata and keys, the token endpoint, the Bot
// Connector the replies go to) is served by nock in this process: the Teams route insists on an
// https serviceUrl, which a plain local server cannot be.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver } from '@slack/bolt';
import nock from 'nock';
import pino from 'pino';
import { createTeamsRoute } from '../src/adapters/teams/teams-route.js';
import { startHttpServer } from '../src/http/http-server.js';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/service/clocks/manual-clock.js';
import type { WorkspaceRef } from '../src/service/read-model/workspace-ref.js';
import { openBenchDatabase } from './bench-database.js';
import { benchSlackAdapter, seedBenchPlan } from './bench-plan.js';
import type { LoadClientConfig, LoadClientResult, SlackLoad, TeamsLoad } from './load-client.js';

const DURATION_S = Number(process.env.DURATION_S ?? 60);
const WARMUP_S = Number(process.env.WARMUP_S ?? 5);
const LEVELS = (process.env.LEVELS ?? '10,50,200').split(',').map(Number);
const BARE = process.env.BARE !== '0';
const PLATFORMS = new Set((process.env.PLATFORMS ?? 'slack,teams').split(','));
if (!(DURATION_S > 0) || !(WARMUP_S >= 0) || LEVELS.some((l) => !(l > 0))) {
  console.error(
    'DURATION_S must be > 0 seconds, WARMUP_S ≥ 0, LEVELS a comma-separated list of positive concurrencies (e.g. 10,50,200).',
  );
  process.exit(2);
}

const SLACK_SECRET = 'e3b0c44298fc1c149afbf4c8996fb924';
const SLACK_TEAM = 'T0BENCH';
const SLACK_CHANNEL = 'C0BENCH';
const TEAMS_APP_ID = '00000000-0000-4000-8000-0000000be7c4';
const TEAMS_TENANT = 'bbbbbbbb-0000-4000-8000-0000000be7c4';
const TEAMS_CHANNEL = '19:bench@thread.tacv2';
const CONNECTOR = 'https://smba.bench.example';
const SERVICE_URL = `${CONNECTOR}/amer/`;
const slackWorkspace: WorkspaceRef = { platform: 'slack', externalId: SLACK_TEAM, name: 'Bench' };
const teamsWorkspace: WorkspaceRef = { platform: 'teams', externalId: TEAMS_TENANT, name: 'Bench' };
const slackUser = (i: number) => `U${String(i).padStart(6, '0')}`;
const teamsUser = (i: number) => `aad-bench-${i}`;

// Warnings and errors planbot logs during a run are counted (a Teams turn that fails still
// answers 200, so the HTTP status alone would hide it); the first few are kept to print.
const logged = { count: 0, samples: [] as string[] };
const logger = pino(
  { level: 'warn' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.count += 1;
      if (logged.samples.length < 5) logged.samples.push(chunk.toString().slice(0, 300));
      done();
    },
  }),
);

/** The Bot Connector's replies endpoint: counts replies, and those that report a failed turn. */
function fakeConnector(): { replies: number; failedTurns: number } {
  const counts = { replies: 0, failedTurns: 0 };
  nock(CONNECTOR)
    .persist()
    .post(/^\/amer\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/)
    .reply((_uri, body) => {
      counts.replies += 1;
      if (JSON.stringify(body).includes('Something went wrong')) counts.failedTurns += 1;
      return [201, { id: `reply-${counts.replies}` }];
    })
    .get(/^\/amer\/v3\/conversations\/[^/]+\/members\/[^/]+$/)
    .reply(404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } });
  return counts;
}

/** Bot Framework's published signing key (a local one) and the bot's own token endpoint. */
function fakeBotFrameworkAuth(): { privateKeyPem: string; kid: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `bench-${randomUUID()}`;
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', endorsements: ['msteams'] };
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, {
      issuer: 'https://api.botframework.com',
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    })
    .get('/v1/.well-known/keys')
    .reply(200, { keys: [jwk] });
  nock('https://login.microsoftonline.com')
    .persist()
    .post('/botframework.com/oauth2/v2.0/token')
    .query(true)
    .reply(200, {
      token_type: 'Bearer',
      expires_in: 3600,
      ext_expires_in: 3600,
      access_token: 'bench-bot-access-token',
    });
  return { privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), kid };
}

const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

/** Runs one load level in a separate process. */
async function load(target: SlackLoad | TeamsLoad, concurrency: number, durationS: number): Promise<LoadClientResult> {
  const config: LoadClientConfig = { ...target, concurrency, durationS, runId: randomUUID().slice(0, 8) };
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOAD_CLIENT_CONFIG: JSON.stringify(config) },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${target.platform}: load client exited with ${code}`);
  return JSON.parse(out) as LoadClientResult;
}

const pct = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Busy share of all cores of the machine (load client and PostgreSQL included). */
function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

interface Row {
  label: string;
  concurrency: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMsPerRequest: number;
  eventLoop: number;
  machine: number;
  note: string;
}

const { db, kind, close } = await openBenchDatabase();
const servers: { close(): Promise<void> }[] = [];
try {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const clock = new ManualClock('2026-12-09T22:00:00Z');
  const app = createApp({ database: db, clock, senders: {} });
  await seedBenchPlan(app, clock, slackWorkspace, SLACK_CHANNEL, slackUser);
  await seedBenchPlan(app, clock, teamsWorkspace, TEAMS_CHANNEL, teamsUser);
  const slackAdapter = await benchSlackAdapter(app, db, clock, SLACK_SECRET, logger);
  const keys = fakeBotFrameworkAuth();
  const connector = fakeConnector();
  const teamsRoute = createTeamsRoute({
    appId: TEAMS_APP_ID,
    appPassword: 'bench-not-a-secret',
    appType: 'MultiTenant',
    service: app.service,
    store: app.store,
    conversations: app.conversations,
    delivered: app.deliveredMessages,
    clock,
    logger,
  });
  // One server for both platforms, as planbot runs.
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: [slackAdapter.route!, { path: '/api/messages', handler: teamsRoute.handle }],
    ready: async () => true,
    logger,
  });
  servers.push(server);

  const quiet = {
    debug() {},
    info() {},
    warn() {},
    error() {},
    setLevel() {},
    getLevel: () => 'error' as never,
    setName() {},
  };
  const bareReceiver = new HTTPReceiver({ signingSecret: SLACK_SECRET, logger: quiet });
  const bare = new App({
    receiver: bareReceiver,
    token: 'xoxb-bench',
    tokenVerificationEnabled: false,
    botId: 'B0',
    botUserId: 'U0',
  });
  bare.command('/plan', async ({ ack }) =>
    ack({ response_type: 'ephemeral', text: 'No open blockers on Bench plan (constant reply).' }),
  );
  const bareServer = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: [{ path: '/slack/events', handler: (req, res) => bareReceiver.requestListener(req, res) }],
    ready: async () => true,
    logger,
  });
  servers.push(bareServer);

  const base = `http://127.0.0.1:${server.port}`;
  const slack: SlackLoad = {
    platform: 'slack',
    url: `${base}/slack/events`,
    signingSecret: SLACK_SECRET,
    team: SLACK_TEAM,
    channel: SLACK_CHANNEL,
    users: Array.from({ length: 50 }, (_, i) => slackUser(i)),
  };
  const bareSlack: SlackLoad = { ...slack, url: `http://127.0.0.1:${bareServer.port}/slack/events` };
  const teams: TeamsLoad = {
    platform: 'teams',
    url: `${base}/api/messages`,
    appId: TEAMS_APP_ID,
    serviceUrl: SERVICE_URL,
    ...keys,
    tenantId: TEAMS_TENANT,
    channel: TEAMS_CHANNEL,
    users: Array.from({ length: 50 }, (_, i) => teamsUser(i)),
  };

  console.log(
    `planbot under load on ${kind}: Slack /plan blockers|status|today and Teams "plan blockers"|"plan status" (lead on 1 in 3), 50 members, 300 tasks, 40 open blockers per plan`,
  );
  console.log(
    `levels ${LEVELS.join(', ')} in flight, ${DURATION_S} s each (warm-up ${WARMUP_S} s); ${cpus().length} CPU cores shared by planbot, the load client and the database`,
  );
  if (WARMUP_S > 0) {
    // JIT, the connection pool, prepared statements, botbuilder's key cache and MSAL's token.
    if (PLATFORMS.has('slack')) await load(slack, 10, WARMUP_S);
    if (PLATFORMS.has('teams')) await load(teams, 10, WARMUP_S);
    if (BARE) await load(bareSlack, 10, WARMUP_S);
  }

  const rows: Row[] = [];
  async function measure(label: string, target: SlackLoad | TeamsLoad, concurrency: number): Promise<void> {
    const logsBefore = logged.count;
    const repliesBefore = connector.replies;
    const failedTurnsBefore = connector.failedTurns;
    const cpuBefore = process.cpuUsage();
    const eluBefore = performance.eventLoopUtilization();
    const machineBefore = machineTimes();
    const result = await load(target, concurrency, DURATION_S);
    const cpu = process.cpuUsage(cpuBefore);
    const elu = performance.eventLoopUtilization(eluBefore);
    const machineAfter = machineTimes();
    const requests = result.timings.length;
    const notes: string[] = [];
    let errors = result.errors;
    if (target.platform === 'teams') {
      // Every Teams request must produce exactly one reply to the connector, without a failed turn.
      const replies = connector.replies - repliesBefore;
      const failedTurns = connector.failedTurns - failedTurnsBefore;
      errors += failedTurns + Math.max(0, requests - result.errors - replies);
      notes.push(`${replies} replies`);
      if (failedTurns > 0) notes.push(`${failedTurns} failed turns`);
    }
    const logs = logged.count - logsBefore;
    if (logs > 0) notes.push(`${logs} warn/error logs`);
    notes.push(...result.errorSamples.slice(0, 2));
    rows.push({
      label,
      concurrency,
      requests,
      rps: requests / (result.elapsedMs / 1000),
      p50: pct(result.timings, 50),
      p99: pct(result.timings, 99),
      errors,
      cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, requests),
      eventLoop: elu.utilization,
      machine: (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total),
      note: notes.join('; '),
    });
    const r = rows.at(-1)!;
    console.log(
      `  done: ${label} @${concurrency}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`,
    );
  }

  for (const level of LEVELS) {
    if (PLATFORMS.has('slack')) await measure('Slack (planbot)', slack, level);
    if (PLATFORMS.has('teams')) await measure('Teams (planbot)', teams, level);
    if (BARE) await measure('Slack (bare Bolt)', bareSlack, level);
  }

  const header = `${'platform'.padEnd(18)} ${'in flight'.padStart(9)} ${'requests'.padStart(8)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(6)} ${'CPU ms/req'.padStart(10)} ${'loop busy'.padStart(9)} ${'machine'.padStart(7)}  notes`;
  console.log(`\n${header}\n${'-'.repeat(header.length + 10)}`);
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(18)} ${String(r.concurrency).padStart(9)} ${String(r.requests).padStart(8)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.errors).padStart(6)} ${r.cpuMsPerRequest.toFixed(2).padStart(10)} ${`${(r.eventLoop * 100).toFixed(0)}%`.padStart(9)} ${`${(r.machine * 100).toFixed(0)}%`.padStart(7)}  ${r.note}`,
    );
  }
  console.log(
    "\nCPU ms/req and loop busy are planbot's process only (its event loop is one thread); machine is all cores (planbot, load client, PostgreSQL).",
  );
  console.log(
    'Throughput ≈ 1000 / (CPU ms per request) once the loop is near 100% busy: beyond that, more in flight only queues (p99 grows with concurrency).',
  );
  if (logged.samples.length > 0) console.log(`\nfirst warn/error logs:\n${logged.samples.join('')}`);
} finally {
  for (const s of servers) await s.close();
  nock.cleanAll();
  nock.enableNetConnect();
  await close();
}
