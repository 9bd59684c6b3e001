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
import { startHttpServer } from '../src/http/http-server.js';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/service/clocks/manual-clock.js';
import { openBenchDatabase } from './bench-database.js';
import { benchSlackAdapter, seedBenchPlan } from './bench-plan.js';

const SECRET = 'e3b0c44298fc1c149afbf4c8996fb924';
const TEAM = 'T0BENCH';
const CHANNEL = 'C0BENCH';
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const workspace = { platform: 'slack' as const, externalId: TEAM, name: 'Bench' };
const logger = pino({ level: 'silent' });

const CLIENT = fileURLToPath(new URL('./slack-load-client.ts', import.meta.url));

/** Runs the load in a separate process and returns its sorted latencies. */
async function load(url: string, label: string): Promise<number[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLIENT, url, String(REQUESTS), String(CONCURRENCY), SECRET],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${label}: load client exited with ${code}`);
  const result = JSON.parse(out) as { timings: number[]; failed: number };
  if (result.failed > 0) console.log(`  ${label}: ${result.failed} failed responses`);
  return result.timings;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const { db, kind, close } = await openBenchDatabase();
try {
  const clock = new ManualClock('2026-12-09T22:00:00Z');
  const app = createApp({ database: db, clock, senders: {} });
  await seedBenchPlan(app, clock, workspace, CHANNEL, (i) => `U${String(i).padStart(6, '0')}`);
  const adapter = await benchSlackAdapter(app, db, clock, SECRET, logger);
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: [adapter.route!],
    ready: async () => true,
    logger,
  });

  const bareReceiver = new HTTPReceiver({
    signingSecret: SECRET,
    logger: {
      debug() {},
      info() {},
      warn() {},
      error() {},
      setLevel() {},
      getLevel: () => 'error' as never,
      setName() {},
    },
  });
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

  const planbotUrl = `http://127.0.0.1:${server.port}/slack/events`;
  const bareUrl = `http://127.0.0.1:${bareServer.port}/slack/events`;
  console.log(
    `/plan blockers over signed HTTP on ${kind}: ${REQUESTS} requests, ${CONCURRENCY} in flight (40 open blockers, 300 tasks, 50 members)`,
  );
  // Warm both (JIT, connection pools, prepared plans) before measuring.
  await load(planbotUrl, 'warm-up');
  await load(bareUrl, 'warm-up');
  const bareTimes = await load(bareUrl, 'bare Bolt');
  const planbotTimes = await load(planbotUrl, 'planbot');
  const row = (label: string, t: number[]) =>
    `  ${label.padEnd(22)} p50 ${pct(t, 50).toFixed(1).padStart(6)} ms   p99 ${pct(t, 99).toFixed(1).padStart(6)} ms`;
  console.log(row('bare Bolt (constant)', bareTimes));
  console.log(row('planbot', planbotTimes));
  console.log(
    `  ratio planbot/bare     p50 ${(pct(planbotTimes, 50) / pct(bareTimes, 50)).toFixed(2)}   p99 ${(pct(planbotTimes, 99) / pct(bareTimes, 99)).toFixed(2)}   (targets: ratio ≤ 1.5, p99 ≤ 100 ms)`,
  );
  await server.close();
  await bareServer.close();
} finally {
  await close();
}
