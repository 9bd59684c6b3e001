import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { ConsoleSender } from '../adapters/console/console-sender.js';
import { runConsoleSession } from '../adapters/console/console-session.js';
import { PagerDutySender } from '../adapters/pagerduty/pagerduty-sender.js';
import { PagerDutyTranscriptSender } from '../adapters/pagerduty/pagerduty-transcript-sender.js';
import type { Config } from '../config.js';
import { createApp } from '../main.js';
import { startTickLoop } from '../scheduler/tick-loop.js';
import { timeline } from '../service/clocks/rehearsal.js';
import { parseImport, storeImport } from '../service/commands/import-plan.js';
import { consoleWorkspace } from '../service/read-model/workspace-ref.js';
import type { Database } from '../store/database.js';
import { EXIT, type CliContext } from './cli-context.js';
import { choosePlan, planNames as names } from './choose-plan.js';

const EXAMPLE_PLAN = resolve(import.meta.dirname, '../../examples/launch-sprint.md');
const EXAMPLE_CHANNEL = 'checkout-relaunch';

export interface ConsoleOptions {
  /** Which of the console's plans to drive, by name (`--plan`); the only or first plan otherwise. */
  plan?: string;
  as?: string;
  speed: number;
}

/**
 * The local console of `planbot start`: the example plan on first run, the scheduler on the real
 * clock (or `--speed` times faster), and `/plan …` commands typed as a plan member.
 */
export async function runConsole(
  ctx: CliContext,
  config: Config,
  database: Database,
  options: ConsoleOptions,
  input: NodeJS.ReadableStream,
): Promise<number> {
  // --speed overrides the rehearsal's speed; PLANBOT_CLOCK_START still moves where plan time starts.
  const rehearsal =
    options.speed > 1 ? { start: config.rehearsal?.start ?? ctx.clock.now(), speed: options.speed } : config.rehearsal;
  const time = timeline(ctx.clock, rehearsal);
  const clock = time.plan;
  // Stamps read in the driven plan's zone (set once the plan is chosen), as its rituals are written.
  let zone = 'UTC';
  const stamp = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat('ccc yyyy-MM-dd HH:mm ZZZZ');
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
  if (plans.length === 0 && options.plan === undefined) {
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
  const plan = choosePlan(plans, options.plan);
  if (plans.length > 1 && options.plan === undefined)
    ctx.err(`${plans.length} plans here (${names(plans)}): driving "${plan.name}"; \`--plan <name>\` picks another.`);
  const state = await app.store.loadPlanState(plan.id);
  zone = state.plan.timezone;
  const as =
    options.as ?? state.members.find((m) => m.roles.includes('lead'))?.key ?? state.members[0]?.key ?? 'nobody';
  ctx.err(
    `Plan "${plan.name}": ${state.tasks.length} tasks, ${state.members.length} members (${state.members.map((m) => m.key).join(', ')}). Times are ${zone}.`,
  );
  const next = await app.store.nextDueAt();
  if (next) ctx.err(`Next scheduled post: ${stamp(next)}${whenInRealTime(next, clock.now(), options.speed)}.`);

  await app.step();
  const loop = startTickLoop(
    '* * * * * *',
    () => app.step(),
    (error) => ctx.err(`tick failed: ${(error as Error).message}`),
  );
  let typed: number;
  try {
    typed = await runConsoleSession({
      service: app.service,
      lines: createInterface({ input, terminal: false }),
      out: ctx.out,
      as,
      // A plan imported with no channel is still the one the console's commands are about.
      channel: plan.channel ?? EXAMPLE_CHANNEL,
      plan: plan.id,
      afterCommand: () => app.step().then(() => undefined),
    });
  } finally {
    await loop.stop();
  }
  // No terminal and not one line of input: a container started without -it (stdin is /dev/null)
  // or a service manager. Exiting 0 there would look like success; say what to set up instead.
  if (typed === 0 && !(input as { isTTY?: boolean }).isTTY) {
    ctx.err(NOTHING_TO_RUN);
    return EXIT.notConfigured;
  }
  return EXIT.ok;
}

/** At --speed N, when the next post shows up on the wall clock: what a rehearsal user waits for. */
function whenInRealTime(next: Date, planNow: Date, speed: number): string {
  if (speed <= 1) return '';
  const seconds = Math.max(0, Math.round((next.getTime() - planNow.getTime()) / speed / 1000));
  const wait =
    seconds < 90
      ? `${seconds} s`
      : seconds < 5400
        ? `${Math.round(seconds / 60)} min`
        : `${(seconds / 3600).toFixed(1)} h`;
  return `, in about ${wait} of real time (time runs ${speed}× faster)`;
}

const NOTHING_TO_RUN = [
  `planbot: nothing to run (exit ${EXIT.notConfigured}): no chat platform is configured, and the console's input ended before any command (no terminal).`,
  '  Slack: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (plus SLACK_APP_TOKEN for Socket Mode), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install in several workspaces.',
  '  Teams: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (and MICROSOFT_APP_TYPE, MICROSOFT_APP_TENANT_ID for a single tenant).',
  '  Console: run planbot in a terminal (`npm start`; with Docker, `docker run -it …`) or pipe `/plan …` commands to its input.',
].join('\n');
