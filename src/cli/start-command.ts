import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { ConsoleSender } from '../adapters/console/console-sender.js';
import { PagerDutySender } from '../adapters/pagerduty/pagerduty-sender.js';
import { PagerDutyTranscriptSender } from '../adapters/pagerduty/pagerduty-transcript-sender.js';
import { runConsoleSession } from '../adapters/console/console-session.js';
import pino from 'pino';
import { parseConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { createApp } from '../main.js';
import { startTickLoop } from '../scheduler/tick-loop.js';
import { parseImport, storeImport } from '../service/commands/import-plan.js';
import { PlanError } from '../domain/plan-error.js';
import { timeline } from '../service/clocks/rehearsal.js';
import { consoleWorkspace } from '../service/read-model/workspace-ref.js';
import type { Database } from '../store/database.js';
import { EXIT, type CliContext } from './cli-context.js';
import { openMigratedDatabase } from './open-configured-database.js';
import { serve, shutdownSignal } from './serve.js';

const EXAMPLE_PLAN = resolve(import.meta.dirname, '../../examples/launch-sprint.md');
const EXAMPLE_CHANNEL = 'checkout-relaunch';

export interface StartIo {
  input: NodeJS.ReadableStream;
  /** Server mode: stop when this resolves (default: SIGINT/SIGTERM). */
  until?: Promise<unknown>;
  onListening?: (port: number) => void;
}

/**
 * `planbot start`. With Slack or Teams configured it serves them (src/cli/serve.ts). With neither, it runs the local console on the embedded database: the
 * example plan on first run, the scheduler on the real clock (or `--speed` times faster), and
 * `/plan …` commands typed as a plan member.
 */
export async function startCommand(
  ctx: CliContext,
  argv: string[],
  io: StartIo = { input: process.stdin },
): Promise<number> {
  const options = parseStartArgs(argv);
  const config = parseConfig(ctx.env, ctx.cwd);
  const consoleMode = !config.slack && !config.teams;
  // The console owns stdout for the conversation; its logs go to stderr.
  const logger = consoleMode ? createLogger(config, pino.destination(2)) : createLogger(config);
  const database = await openMigratedDatabase(config, ctx);
  try {
    logger.info(
      { database: database.description, slack: Boolean(config.slack), teams: Boolean(config.teams) },
      'database ready',
    );
    if (!consoleMode) {
      await serve({
        config,
        database,
        clock: ctx.clock,
        logger,
        until: io.until ?? shutdownSignal(),
        ...(io.onListening ? { onListening: io.onListening } : {}),
      });
      return EXIT.ok;
    }
    ctx.err(
      [
        'No chat platform configured: running the local console on the embedded database.',
        '  Connect Slack with SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET, or Teams with MICROSOFT_APP_ID + MICROSOFT_APP_PASSWORD (see .env.example).',
      ].join('\n'),
    );
    return await runConsole(ctx, config, database, options, io);
  } finally {
    await database.close();
  }
}

async function runConsole(
  ctx: CliContext,
  config: Config,
  database: Database,
  options: StartOptions,
  io: StartIo,
): Promise<number> {
  // --speed overrides the rehearsal's speed; PLANBOT_CLOCK_START still moves where plan time starts.
  const rehearsal =
    options.speed > 1 ? { start: config.rehearsal?.start ?? ctx.clock.now(), speed: options.speed } : config.rehearsal;
  const time = timeline(ctx.clock, rehearsal);
  const clock = time.plan;
  const print = (line: { target: string; thread: boolean; text: string }) =>
    ctx.out(`\n[${stamp(clock.now())}] → ${line.target}${line.thread ? ' (thread)' : ''}\n${line.text}`);
  // Pages go to PagerDuty when a routing key is set; otherwise the console shows what would be paged.
  const pagerduty = config.pagerDuty
    ? time.sender(new PagerDutySender(config.pagerDuty))
    : new PagerDutyTranscriptSender(print);
  const app = createApp({
    database,
    clock,
    scheduler: { catchUpWindowMs: config.catchUpWindowMs },
    dispatcher: { leaseMs: time.toPlanMs(config.outboxLeaseMs) },
    senders: { console: new ConsoleSender(print), pagerduty },
  });
  let plans = await app.store.listPlans(consoleWorkspace);
  if (plans.length === 0) {
    // First run: a plan to play with, starting next Monday so its first stand-up is ahead.
    const start = DateTime.fromJSDate(clock.now()).plus({ weeks: 1 }).startOf('week').toISODate()!;
    const request = {
      text: await readFile(EXAMPLE_PLAN, 'utf8'),
      file: 'examples/launch-sprint.md',
      startDate: start,
      workspace: consoleWorkspace,
      channel: EXAMPLE_CHANNEL,
      importedBy: 'console',
    };
    await storeImport(app.planVersions, request, parseImport(request, clock.now()), clock.now());
    ctx.err(
      `Loaded the example plan (examples/launch-sprint.md) starting ${start}. Import your own with \`planbot import <file>\`.`,
    );
    plans = await app.store.listPlans(consoleWorkspace);
  }
  const plan = plans[0]!;
  const state = await app.store.loadPlanState(plan.id);
  const as =
    options.as ?? state.members.find((m) => m.roles.includes('lead'))?.key ?? state.members[0]?.key ?? 'nobody';
  ctx.err(
    `Plan "${plan.name}": ${state.tasks.length} tasks, ${state.members.length} members (${state.members.map((m) => m.key).join(', ')}).`,
  );
  const next = await app.store.nextDueAt();
  if (next)
    ctx.err(`Next scheduled post: ${stamp(next)}${options.speed > 1 ? ` (time runs ${options.speed}× faster)` : ''}.`);

  await app.step();
  const loop = startTickLoop(
    '* * * * * *',
    () => app.step(),
    (error) => ctx.err(`tick failed: ${(error as Error).message}`),
  );
  try {
    await runConsoleSession({
      service: app.service,
      lines: createInterface({ input: io.input, terminal: false }),
      out: ctx.out,
      as,
      channel: plan.channel ?? EXAMPLE_CHANNEL,
      afterCommand: () => app.step().then(() => undefined),
    });
  } finally {
    await loop.stop();
  }
  return EXIT.ok;
}

interface StartOptions {
  as?: string;
  speed: number;
}

function parseStartArgs(argv: string[]): StartOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, options: { as: { type: 'string' }, speed: { type: 'string' } } });
  } catch (error) {
    throw new PlanError(
      'invalid_command',
      `${(error as Error).message}\nUsage: planbot start [--as <member key>] [--speed N]`,
    );
  }
  const speed = Number(parsed.values.speed ?? 1);
  if (!Number.isFinite(speed) || speed < 1 || speed > 100_000)
    throw new PlanError('invalid_command', `--speed ${parsed.values.speed}: expected a number from 1 to 100000.`);
  return { speed, ...(parsed.values.as ? { as: parsed.values.as } : {}) };
}

function stamp(at: Date): string {
  return DateTime.fromJSDate(at).toFormat('ccc yyyy-MM-dd HH:mm');
}
