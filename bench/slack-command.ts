// Slack command benchmark (a script, not a test): `/plan blockers` over signed HTTP against
// planbot's real Bolt receiver and request guard, on a seeded plan (50 members, 300 tasks, 40 open
// blockers), 50 requests in flight, 2,000 requests; in the same run a bare Bolt app answering the
// same signed command with a constant reply. The signed requests come from a separate process
// (bench/slack-load-client.ts). Prints p50/p99 of both and the ratio.
//   npx tsx bench/slack-command.ts          (PGlite)   TEST_DATABASE_URL=… npx tsx bench/slack-command.ts
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver } from '@slack/bolt';
import pino from 'pino';
import { stringify } from 'yaml';
import { createSlackAdapter } from '../src/adapters/slack/slack-app.js';
import { startHttpServer } from '../src/http/http-server.js';
import { createApp } from '../src/main.js';
import { parsePlanData } from '../src/plans/plan-data.js';
import { storeImport } from '../src/service/import-plan.js';
import { ManualClock } from '../src/service/manual-clock.js';
import { buildPlanSnapshot } from '../src/service/plan-snapshot.js';
import { SystemClock } from '../src/service/system-clock.js';
import { prismaPendingImportStore } from '../src/store/pending-import-repository.js';
import { prismaPlanVersionStore } from '../src/store/prisma-plan-version-store.js';
import { openBenchDatabase } from './bench-database.js';

const SECRET = 'e3b0c44298fc1c149afbf4c8996fb924';
const TEAM = 'T0BENCH';
const CHANNEL = 'C0BENCH';
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const workspace = { platform: 'slack' as const, externalId: TEAM, name: 'Bench' };
const logger = pino({ level: 'silent' });
const realClock = new SystemClock();

function seededPlan(): string {
  const members = Array.from({ length: 50 }, (_, i) => ({ key: `m${i}`, name: `Member ${i}`, roles: [i === 0 ? 'lead' : 'member'], slackId: `U${String(i).padStart(6, '0')}` }));
  const tasks = Array.from({ length: 300 }, (_, i) => ({ key: `t${i}`, title: `Task ${i}`, owner: `m${i % 50}`, day: 1 + (i % 20), ...(i >= 10 ? { dependsOn: [`t${i - 10}`] } : {}) }));
  return stringify({
    name: 'Bench plan',
    timezone: 'America/Los_Angeles',
    startDate: '2026-12-07',
    members,
    rituals: [{ kind: 'triage', localTime: '14:00', days: [1, 2, 3, 4, 5] }],
    ladder: [{ label: 'Lead', target: { kind: 'member', member: 'm0' }, delayMinutes: 0 }],
    tasks,
  });
}

const CLIENT = fileURLToPath(new URL('./slack-load-client.ts', import.meta.url));

/** Runs the load in a separate process and returns its sorted latencies. */
async function load(url: string, label: string): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, url, String(REQUESTS), String(CONCURRENCY), SECRET], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${label}: load client exited with ${code}`);
  const result = JSON.parse(out) as { timings: number[]; failed: number };
  if (result.failed > 0) console.log(`  ${label}: ${result.failed} failed responses`);
  return result.timings;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const { db, kind, close } = await openBenchDatabase();
try {
  const clock = new ManualClock('2026-12-09T22:00:00Z');
  const app = createApp({ database: db, clock, senders: {} });
  const yaml = seededPlan();
  const { plan, warnings, unplaced } = parsePlanData(yaml, 'yaml', 'bench.yaml');
  await storeImport(prismaPlanVersionStore(db.prisma), { text: yaml, file: 'bench.yaml', workspace, channel: CHANNEL, importedBy: 'bench' }, { result: { plan, warnings, unplaced }, snapshot: buildPlanSnapshot(plan, clock.now()) }, clock.now());
  for (let i = 0; i < 40; i += 1) {
    await app.service.handle({ workspace, channel: CHANNEL, actor: { platform: 'slack', userId: `U${String(i % 50).padStart(6, '0')}` } }, { name: 'block', args: { taskKey: `t${i * 7}`, text: `Blocked by dependency ${i}` } });
  }
  const adapter = createSlackAdapter({
    config: { signingSecret: SECRET, botToken: 'xoxb-bench', apiUrl: 'http://127.0.0.1:9/api/' },
    service: app.service, store: app.store, db: db.prisma, clock, requestClock: realClock, logger,
    chatImport: { plans: app.store, versions: prismaPlanVersionStore(db.prisma), pending: prismaPendingImportStore(db.prisma), clock },
    offline: { botId: 'B0BENCH', botUserId: 'U0BENCH' },
  });
  await adapter.start();
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', routes: [adapter.route!], ready: async () => true, logger });

  const bareReceiver = new HTTPReceiver({ signingSecret: SECRET, logger: { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error' as never, setName() {} } });
  const bare = new App({ receiver: bareReceiver, token: 'xoxb-bench', tokenVerificationEnabled: false, botId: 'B0', botUserId: 'U0' });
  bare.command('/plan', async ({ ack }) => ack({ response_type: 'ephemeral', text: 'No open blockers on Bench plan (constant reply).' }));
  const bareServer = await startHttpServer({ port: 0, host: '127.0.0.1', routes: [{ path: '/slack/events', handler: (req, res) => bareReceiver.requestListener(req, res) }], ready: async () => true, logger });

  const planbotUrl = `http://127.0.0.1:${server.port}/slack/events`;
  const bareUrl = `http://127.0.0.1:${bareServer.port}/slack/events`;
  console.log(`/plan blockers over signed HTTP on ${kind}: ${REQUESTS} requests, ${CONCURRENCY} in flight (40 open blockers, 300 tasks, 50 members)`);
  // Warm both (JIT, connection pools, prepared plans) before measuring.
  await load(planbotUrl, 'warm-up');
  await load(bareUrl, 'warm-up');
  const bareTimes = await load(bareUrl, 'bare Bolt');
  const planbotTimes = await load(planbotUrl, 'planbot');
  const row = (label: string, t: number[]) => `  ${label.padEnd(22)} p50 ${pct(t, 50).toFixed(1).padStart(6)} ms   p99 ${pct(t, 99).toFixed(1).padStart(6)} ms`;
  console.log(row('bare Bolt (constant)', bareTimes));
  console.log(row('planbot', planbotTimes));
  console.log(`  ratio planbot/bare     p50 ${(pct(planbotTimes, 50) / pct(bareTimes, 50)).toFixed(2)}   p99 ${(pct(planbotTimes, 99) / pct(bareTimes, 99)).toFixed(2)}   (targets: ratio ≤ 1.5, p99 ≤ 100 ms)`);
  await server.close();
  await bareServer.close();
} finally {
  await close();
}
