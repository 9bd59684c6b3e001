// Fan-out end to end (a script, not a test): the plan of bench/fanout.ts, whose one ladder tier
// reaches 10,000 people, escalates at its instant; planbot's real app (createApp) queues the DMs
// and delivers them through the real SlackSender over HTTP to the fake Slack, which runs in a
// process of its own. Measured from the escalation instant to the fake's answer to the last DM.
//   TEST_DATABASE_URL=… npx tsx bench/fanout-e2e.ts [members] [scenario …]
//   env: CONCURRENCY, BATCH (dispatcher options; default: the product's),
//        CHANNEL_MESSAGES=100, KEEPALIVE_MS=60000 (the fake's keep-alive; 1000 is its test default,
//        at which Node's fetch opens a new connection for every call), STORES=postgres|pglite,
//        WORKSPACE_POSTS_PER_MINUTE=600, WORKSPACE_POST_BURST=100 (the `slacklimits` scenario's
//        chat.postMessage rate for the whole workspace: Slack states one but publishes no figure)
// Scenarios: zero (0 ms per call), latency50 (50 ms per call), limit (0 ms, and the fake enforces
// Slack's ~1 post per second per channel), onechannel (limit, plus CHANNEL_MESSAGES posts queued
// into one channel at the same instant), slacklimits (limit, plus Slack's per-method rates for the
// workspace: conversations.open at Tier 3, 50 a minute; chat.postMessage at the rate above). After
// the runs the bench prints the bound those rates put on 10,000 DMs, then and now. Each scenario runs in a fresh process on a fresh
// database (PostgreSQL when TEST_DATABASE_URL is set, and always PGlite), so its peak RSS is its own.
//
// The plan's clock is a ManualClock set to the escalation instant and then moved in step with real
// time (on every read): a 429's Retry-After is counted on that clock, and the fake reports any call
// that reaches a channel before the Retry-After has passed.
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { resourceUsage } from 'node:process';
import { SlackSender } from '../src/adapters/slack/slack-sender.js';
import { createApp } from '../src/main.js';
import type { DispatcherOptions } from '../src/scheduler/dispatcher.js';
import type { Clock } from '../src/service/ports/clock.js';
import { ManualClock } from '../src/service/clocks/manual-clock.js';
import { queueSlackMessages } from '../test/e2e/fault/fault-helpers.js';
import { SLACK_TIER_3, type MethodLimit } from '../test/e2e/fakes/fake-slack.js';
import { openBenchDatabase } from './bench-database.js';
import { startFakeSlackProcess } from './bench-fake-slack.js';
import { FANOUT_INSTANT, seedFanoutPlan } from './bench-fanout.js';

interface Scenario {
  label: string;
  latencyMs: number;
  perChannelLimit: boolean;
  /** Posts queued into one channel alongside the DMs. */
  channelMessages: number;
  /** Slack's workspace-wide rates per method, enforced by the fake. */
  methodLimits?: Record<string, MethodLimit>;
}

const CHANNEL = 'C0SAME';
const CHANNEL_MESSAGES = Number(process.env.CHANNEL_MESSAGES ?? 100);
const KEEPALIVE_MS = Number(process.env.KEEPALIVE_MS ?? 60_000);
const WORKSPACE_POSTS: MethodLimit = {
  perMinute: positive('WORKSPACE_POSTS_PER_MINUTE', 600),
  burst: positive('WORKSPACE_POST_BURST', 100),
};
const SLACK_LIMITS: Record<string, MethodLimit> = {
  'conversations.open': SLACK_TIER_3,
  'chat.postMessage': WORKSPACE_POSTS,
};
const scenarios: Record<string, Scenario> = {
  zero: { label: '0 ms', latencyMs: 0, perChannelLimit: false, channelMessages: 0 },
  latency50: { label: '50 ms', latencyMs: 50, perChannelLimit: false, channelMessages: 0 },
  limit: { label: '0 ms + 1/s per channel', latencyMs: 0, perChannelLimit: true, channelMessages: 0 },
  onechannel: {
    label: `0 ms + 1/s per channel + ${CHANNEL_MESSAGES} into 1 channel`,
    latencyMs: 0,
    perChannelLimit: true,
    channelMessages: CHANNEL_MESSAGES,
  },
  slacklimits: {
    label: `0 ms + 1/s per channel + chat.postMessage ${WORKSPACE_POSTS.perMinute}/min (burst ${WORKSPACE_POSTS.burst}) + conversations.open Tier 3`,
    latencyMs: 0,
    perChannelLimit: true,
    channelMessages: 0,
    methodLimits: SLACK_LIMITS,
  },
};

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

interface Result {
  store: string;
  scenario: string;
  queued: number;
  dms: number;
  /** The scheduler tick at the instant that queued the DMs. */
  tickMs: number;
  lastDmMs: number;
  lastChannelMs?: number;
  rateLimited: number;
  /** Of `rateLimited`: from a method's workspace-wide rate. */
  tierLimited: number;
  callsBeforeRetryAfter: number;
  /** Calls made while a workspace-wide 429 on their method still had Retry-After to run. */
  callsBeforeWorkspaceRetryAfter: number;
  /** From the first post to the last DM's answer: the fan-out's own span, without the queueing tick. */
  postingMs: number;
  minGapMs?: number;
  conversationsOpen: number;
  duplicated: number;
  /** Highest of process.memoryUsage().rss sampled every 100 ms from before the tick; and the OS's maxRSS for the whole process. */
  peakRssMiB: number;
  maxRssMiB: number;
  rounds: number;
  /** CPU seconds (user + system) planbot's process spent from the instant to the last DM, and the 1-minute load average then: on a shared machine, wall times follow the load. */
  cpuS: number;
  load: number;
  problems: string[];
}

const dispatcherOptions = (): Partial<DispatcherOptions> => ({
  ...(process.env.CONCURRENCY ? { concurrency: Number(process.env.CONCURRENCY) } : {}),
  ...(process.env.BATCH ? { batchSize: Number(process.env.BATCH) } : {}),
});

async function runScenario(name: string, members: number): Promise<Result> {
  const scenario = scenarios[name]!;
  const { db, kind, close } = await openBenchDatabase();
  const slack = await startFakeSlackProcess({
    latencyMs: scenario.latencyMs,
    keepAliveTimeoutMs: KEEPALIVE_MS,
    ...(scenario.perChannelLimit ? { postsPerChannelPerSecond: 1 as const } : {}),
    ...(scenario.methodLimits ? { methodLimits: scenario.methodLimits } : {}),
  });
  try {
    await seedFanoutPlan(db, members);
    const channelTexts = Array.from({ length: scenario.channelMessages }, (_, i) => `${CHANNEL} message #${i + 1}`);
    if (channelTexts.length > 0)
      await queueSlackMessages(
        db.prisma,
        channelTexts.map((text, i) => ({ key: `channel:${i + 1}`, target: CHANNEL, text })),
        FANOUT_INSTANT,
      );

    const clock = new ManualClock(FANOUT_INSTANT);
    let started = performance.now();
    // The ManualClock, moved up to real time whenever planbot reads it: a timer alone lags behind
    // a busy event loop, and a lagging clock would date a Retry-After too early.
    const follow = () => {
      const now = FANOUT_INSTANT.getTime() + (performance.now() - started);
      if (now > clock.now().getTime()) clock.set(new Date(now));
    };
    const planClock: Clock = {
      now: () => {
        follow();
        return clock.now();
      },
    };
    const sender = new SlackSender({ apiUrl: slack.url, tokenFor: async () => 'xoxb-bench', clock: planClock });
    const app = createApp({
      database: db,
      clock: planClock,
      senders: { slack: sender },
      dispatcher: dispatcherOptions(),
    });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const startedAt = Date.now();
    const cpuAtStart = process.cpuUsage();
    started = performance.now();
    let rounds = 0;
    let tickMs = 0;
    try {
      await app.scheduler.tick();
      tickMs = performance.now() - started;
      const queued = await db.prisma.outboxMessage.count();
      console.log(`${kind}, ${scenario.label}: ${queued} messages queued in ${tickMs.toFixed(0)} ms; delivering…`);
      let done = 0;
      let lastTick = performance.now();
      let lastLog = performance.now();
      while (done < queued) {
        const report = await app.dispatcher.dispatchOnce();
        rounds += 1;
        done += report.sent + report.parked;
        // The real process ticks once a second; nothing more is due in this plan, but it costs the same.
        if (performance.now() - lastTick >= 1000) {
          await app.scheduler.tick();
          lastTick = performance.now();
        }
        if (performance.now() - lastLog >= 10_000) {
          console.log(`  … ${done}/${queued} after ${((performance.now() - started) / 1000).toFixed(0)} s`);
          lastLog = performance.now();
        }
        if (performance.now() - started > 30 * 60_000)
          throw new Error(`gave up after 30 min with ${done}/${queued} delivered`);
        // Nothing due now (everything left waits out a Retry-After): look again shortly, as a fast tick loop would.
        if (report.claimed === 0) await sleep(5);
      }
    } finally {
      clearInterval(sampler);
    }
    const cpu = process.cpuUsage(cpuAtStart);

    const stats = await slack.stats([CHANNEL]);
    const byStatus = await db.prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
    const queued = byStatus.reduce((sum, g) => sum + g._count._all, 0);
    const problems: string[] = [];
    const notSent = byStatus.filter((g) => g.status !== 'sent');
    if (notSent.length > 0)
      problems.push(
        `outbox not all sent: ${JSON.stringify(Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])))}`,
      );
    if (stats.accepted !== queued)
      problems.push(`the fake accepted ${stats.accepted} posts for ${queued} queued messages`);
    if (stats.duplicated > 0) problems.push(`${stats.duplicated} duplicate posts`);
    if (stats.callsBeforeRetryAfter > 0)
      problems.push(
        `${stats.callsBeforeRetryAfter} calls reached a channel before its Retry-After had passed (by up to ${stats.maxEarlyMs} ms)`,
      );
    const shown = stats.texts[CHANNEL] ?? [];
    if (shown.join('\n') !== channelTexts.join('\n'))
      problems.push(`${CHANNEL} shows ${shown.length} posts, not the ${channelTexts.length} queued in order`);
    return {
      store: kind.replace(' (in memory)', ''),
      scenario: scenario.label,
      queued,
      dms: stats.acceptedDm,
      tickMs,
      lastDmMs: (stats.lastDmAnsweredAt ?? startedAt) - startedAt,
      ...(stats.lastChannelAnsweredAt === undefined ? {} : { lastChannelMs: stats.lastChannelAnsweredAt - startedAt }),
      rateLimited: stats.rateLimited,
      tierLimited: stats.tierLimited,
      callsBeforeRetryAfter: stats.callsBeforeRetryAfter,
      callsBeforeWorkspaceRetryAfter: stats.callsBeforeWorkspaceRetryAfter,
      postingMs: (stats.lastDmAnsweredAt ?? startedAt) - (stats.firstCallAt ?? startedAt),
      ...(stats.minGapMs === undefined ? {} : { minGapMs: stats.minGapMs }),
      conversationsOpen: stats.conversationsOpen,
      duplicated: stats.duplicated,
      peakRssMiB: peakRss / 2 ** 20,
      maxRssMiB: resourceUsage().maxRSS / 1024,
      rounds,
      cpuS: (cpu.user + cpu.system) / 1e6,
      load: loadavg()[0]!,
      problems,
    };
  } finally {
    await slack.close();
    await close();
  }
}

/** Runs one scenario in a fresh process, so each peak RSS belongs to one scenario. */
function inChild(name: string, members: number, databaseUrl: string | undefined): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env, FANOUT_E2E_CHILD: JSON.stringify({ name, members }) };
  delete env.BENCH_DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  if (databaseUrl) env.TEST_DATABASE_URL = databaseUrl;
  const child = fork(fileURLToPath(import.meta.url), [], { env, execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    let result: Result | undefined;
    child.on('message', (message: Result) => (result = message));
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`scenario ${name} exited with code ${code} and no result`)),
    );
  });
}

const seconds = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);

function table(results: readonly Result[]): string {
  const rows = results.map((r) => [
    r.store,
    r.scenario,
    r.dms.toLocaleString('en'),
    `${r.tickMs.toFixed(0)} ms`,
    seconds(r.lastDmMs),
    Math.round(r.dms / (r.lastDmMs / 1000)).toLocaleString('en'),
    seconds(r.lastChannelMs),
    String(r.rateLimited),
    String(r.tierLimited),
    String(r.callsBeforeRetryAfter),
    String(r.callsBeforeWorkspaceRetryAfter),
    r.minGapMs === undefined ? '–' : `${r.minGapMs} ms`,
    r.conversationsOpen.toLocaleString('en'),
    `${r.peakRssMiB.toFixed(0)} MiB`,
    `${r.cpuS.toFixed(1)} s`,
    r.load.toFixed(1),
    r.problems.length === 0 ? 'ok' : r.problems.join('; '),
  ]);
  const header = [
    'store',
    'Slack',
    'DMs',
    'queue tick',
    'last DM',
    'DMs/s',
    'last channel post',
    '429s',
    'workspace 429s',
    'early calls',
    'calls in workspace Retry-After',
    'min gap/channel',
    'conversations.open',
    'peak RSS',
    'CPU',
    'load',
    'check',
  ];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const child = process.env.FANOUT_E2E_CHILD;
if (child) {
  const { name, members } = JSON.parse(child) as { name: string; members: number };
  const result = await runScenario(name, members);
  // Run by hand (for a profile: node --cpu-prof --import tsx bench/fanout-e2e.ts), print it instead.
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result));
  process.exit(0);
} else {
  const members = Number(process.argv[2] ?? 10_000);
  const chosen = process.argv.slice(3);
  for (const name of chosen)
    if (!scenarios[name]) throw new Error(`unknown scenario ${name}: choose from ${Object.keys(scenarios).join(', ')}`);
  const names = chosen.length > 0 ? chosen : Object.keys(scenarios);
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) console.log('PostgreSQL skipped: set TEST_DATABASE_URL');
  const options = dispatcherOptions();
  console.log(
    `fan-out end to end: ${members.toLocaleString('en')} DMs; dispatcher ${JSON.stringify(options)} over the product defaults; fake keep-alive ${KEEPALIVE_MS} ms`,
  );
  const results: Result[] = [];
  // STORES=postgres or STORES=pglite runs one of them only.
  const stores = (base ? [base, undefined] : [undefined]).filter(
    (url) => !process.env.STORES || process.env.STORES === (url ? 'postgres' : 'pglite'),
  );
  for (const url of stores) {
    for (const name of names) {
      const result = await inChild(name, members, url);
      console.log(
        `${result.store}, ${result.scenario}: last DM at ${seconds(result.lastDmMs)}, ${result.rateLimited} × 429, peak RSS ${result.peakRssMiB.toFixed(0)} MiB (maxRSS ${result.maxRssMiB.toFixed(0)} MiB), ${result.rounds} dispatch rounds${result.problems.length ? `; PROBLEMS: ${result.problems.join('; ')}` : ''}`,
      );
      results.push(result);
    }
  }
  console.log(`\n${table(results)}`);
  console.log(`\n${bounds(results.filter((r) => r.scenario === scenarios.slacklimits!.label))}`);
}

/** Minutes a rate lets `calls` calls through, its burst first. */
function minutesFor(calls: number, limit: MethodLimit): number {
  return Math.max(0, calls - limit.burst) / limit.perMinute;
}

/**
 * The floor Slack's documented rates put under 10,000 DMs, before (conversations.open, Tier 3, then
 * chat.postMessage to the D… id) and now (chat.postMessage to the user id only), and what the
 * `slacklimits` runs reached of the rate they ran at.
 */
function bounds(runs: readonly Result[]): string {
  const dms = 10_000;
  const minutes = (m: number) => `${m.toFixed(1)} min`;
  const lines = [
    `Bound for ${dms.toLocaleString('en')} DMs at Slack's documented rates (per app, per workspace):`,
    `  before: one conversations.open per DM, Tier 3 (${SLACK_TIER_3.perMinute}/min, burst ${SLACK_TIER_3.burst}) → ≥ ${minutes(minutesFor(dms, SLACK_TIER_3))}`,
    `  now: chat.postMessage to the user id, no conversations.open. One post per second per channel does not bind (each DM is its own conversation);`,
    `       the workspace-wide chat.postMessage limit does, and Slack publishes no figure for it. At W posts/min: ${dms.toLocaleString('en')} / W min —`,
    ...[300, 600, 667, 1_000].map(
      (w) => `       W = ${w}/min → ${minutes(dms / w)}${w === 667 ? ' (the 15 min target needs W ≥ 667/min)' : ''}`,
    ),
    `       this run's W = ${WORKSPACE_POSTS.perMinute}/min, burst ${WORKSPACE_POSTS.burst} → ≥ ${minutes(minutesFor(dms, WORKSPACE_POSTS))}`,
  ];
  for (const r of runs) {
    const rate = (Math.max(0, r.dms - WORKSPACE_POSTS.burst) / Math.max(1, r.postingMs)) * 60_000;
    const share = rate / WORKSPACE_POSTS.perMinute;
    lines.push(
      `  measured (${r.store}): ${r.dms.toLocaleString('en')} DMs posted in ${(r.postingMs / 1000).toFixed(1)} s, ${r.conversationsOpen} conversations.open, ${r.tierLimited} workspace 429s, ${r.callsBeforeWorkspaceRetryAfter} calls inside a workspace Retry-After;` +
        ` after the burst ${rate.toFixed(0)} posts/min = ${(share * 100).toFixed(0)} % of W → ${dms.toLocaleString('en')} DMs in ≈ ${minutes(minutesFor(dms, WORKSPACE_POSTS) / Math.max(share, 1e-9))}`,
    );
  }
  return lines.join('\n');
}
