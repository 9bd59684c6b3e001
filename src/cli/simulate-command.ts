import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { ConsoleSender, type ConsoleLine } from '../adapters/console/console-sender.js';
import { renderText } from '../adapters/console/render-text.js';
import { PagerDutyTranscriptSender } from '../adapters/pagerduty/pagerduty-transcript-sender.js';
import { createApp } from '../main.js';
import { parseCommandText } from '../service/commands/parse-command.js';
import { parseImport, storeImport, type ImportPlanRequest } from '../service/commands/import-plan.js';
import { ManualClock } from '../service/clocks/manual-clock.js';
import { buildPlanSnapshot } from '../service/read-model/plan-snapshot.js';
import { PlanError } from '../domain/plan-error.js';
import { consoleWorkspace } from '../service/read-model/workspace-ref.js';
import { seededRandom } from '../simulation/seeded-random.js';
import { SimulatedTeam, type SimulatedAction } from '../simulation/simulated-team.js';
import { primaryLead } from '../service/read-model/plan-view.js';
import { openEphemeralDatabase } from '../store/ephemeral-database.js';
import { commandArgs } from './command-args.js';
import { EXIT, type CliContext } from './cli-context.js';

export const SIMULATE_USAGE = 'Usage: planbot simulate <plan.md|plan.yaml> [--start YYYY-MM-DD] [--days N] [--seed N]';
const HOUR = 3_600_000;

/**
 * `planbot simulate`: runs a plan on a virtual clock in a throwaway database and prints every
 * message the bot would post, while a simulated team answers stand-ups, slips, blocks and
 * approves re-plans. The real service, scheduler, outbox and dispatcher do the work.
 */
export async function simulateCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { file, start, days, seed } = parseSimulateArgs(argv);
  const text = await readFile(resolve(ctx.cwd, file), 'utf8').catch(() => {
    throw new PlanError('import_invalid', `${file}: no such file.`, { file });
  });
  const request: ImportPlanRequest = {
    text,
    file,
    ...(start ? { startDate: start } : {}),
    workspace: consoleWorkspace,
    importedBy: 'simulate',
  };
  const parsed = parseImport(request, new Date(0));
  const zone = parsed.snapshot.timezone;
  const first = DateTime.fromISO(parsed.snapshot.startDate, { zone });
  const clock = new ManualClock(first.minus({ hours: 1 }).toJSDate());
  const end = first.plus({ days }).toJSDate();
  const stamp = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat('ccc yyyy-MM-dd HH:mm ZZZZ');
  const print = (line: ConsoleLine) =>
    ctx.out(`\n${stamp(clock.now())}  → ${line.target}${line.thread ? ' (in thread)' : ''}\n${indent(line.text)}`);

  ctx.err(
    `Simulating ${days} days of "${parsed.snapshot.name}" from ${parsed.snapshot.startDate} (seed ${seed}) on an in-memory database…`,
  );
  const database = await openEphemeralDatabase();
  try {
    const channel = parsed.snapshot.document.ladder.find((t) => t.channel)?.channel ?? 'plan';
    // The first ritual firings count from the simulation's clock, not from the real today.
    const snapshot = buildPlanSnapshot(parsed.result.plan, clock.now(), request.startDate);
    // Pages are printed, never sent: a simulation must not wake anyone up.
    const senders = { console: new ConsoleSender(print), pagerduty: new PagerDutyTranscriptSender(print) };
    const app = createApp({ database, clock, senders, random: seededRandom(seed + 1) });
    const { planId } = await storeImport(
      app.planVersions,
      { ...request, channel },
      { ...parsed, snapshot },
      clock.now(),
    );
    const team = new SimulatedTeam(seededRandom(seed));
    const queue: SimulatedAction[] = [];
    const daysPlayed = new Set<string>();
    const scheduledReplans = new Set<string>();
    const counts = { steps: 0, commands: 0 };

    for (;;) {
      const nextDue = await app.store.nextDueAt();
      const nextHour = new Date(Math.floor(clock.now().getTime() / HOUR) * HOUR + HOUR);
      const next = new Date(
        Math.min(nextHour.getTime(), nextDue?.getTime() ?? Infinity, queue[0]?.at.getTime() ?? Infinity),
      );
      if (next >= end) break;
      if (next > clock.now()) clock.set(next);
      counts.steps += 1;
      let report = await app.step();
      while (queue[0] && queue[0].at <= clock.now()) {
        const action = queue.shift()!;
        counts.commands += 1;
        const parsedCommand = parseCommandText(action.command);
        ctx.out(`\n${stamp(clock.now())}  ${action.as}> /plan ${action.command}`);
        const reply = parsedCommand.ok
          ? await app.service.handle(
              { workspace: consoleWorkspace, channel, actor: { platform: 'console', userId: action.as } },
              parsedCommand.command,
            )
          : null;
        ctx.out(
          indent(
            reply ? renderText(reply) : `(not understood: ${parsedCommand.ok ? '' : parsedCommand.error})`,
            '    ↳ ',
          ),
        );
        const after = await app.step();
        report = { ...report, slips: report.slips + after.slips };
      }
      // Each day plays once: at its stand-up, or mid-morning on days without one (weekends).
      const local = DateTime.fromJSDate(clock.now(), { zone });
      const today = local.toISODate()!;
      const newDay = !daysPlayed.has(today);
      const standup = newDay ? await app.store.latestOccurrence(planId, ['standup'], clock.now()) : null;
      const standupToday =
        standup && DateTime.fromJSDate(standup.scheduledAt, { zone }).toISODate() === today ? standup : null;
      const playDay = newDay && (standupToday !== null || local.hour >= 10);
      // Only a new day or a slip (which may propose a re-plan) needs the plan reloaded.
      if (!playDay && report.slips === 0) continue;
      const state = await app.store.loadPlanState(planId);
      if (playDay) {
        daysPlayed.add(today);
        queue.push(...team.dayActions(state, today, standupToday?.scheduledAt ?? clock.now(), standupToday !== null));
      }
      const lead = primaryLead(state);
      for (const replan of state.replans.filter((r) => r.status === 'pending' && !scheduledReplans.has(r.id))) {
        scheduledReplans.add(replan.id);
        if (lead)
          queue.push({
            at: new Date(clock.now().getTime() + HOUR),
            as: lead.key,
            command: `replan approve ${replan.number}`,
          });
      }
      queue.sort((a, b) => a.at.getTime() - b.at.getTime());
    }
    ctx.err(`Simulated ${days} days in ${counts.steps} scheduler steps; the team ran ${counts.commands} commands.`);
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

function parseSimulateArgs(argv: string[]) {
  const parsed = commandArgs(
    argv,
    { start: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' } },
    SIMULATE_USAGE,
  );
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new PlanError('invalid_command', SIMULATE_USAGE);
  const days = Number(parsed.values.days ?? 21);
  const seed = Number(parsed.values.seed ?? 1);
  if (!Number.isInteger(days) || days < 1 || days > 366)
    throw new PlanError(
      'invalid_command',
      `--days ${parsed.values.days}: expected a whole number of days from 1 to 366.`,
    );
  if (!Number.isInteger(seed))
    throw new PlanError('invalid_command', `--seed ${parsed.values.seed}: expected a whole number.`);
  const start = parsed.values.start;
  if (start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(start))
    throw new PlanError('invalid_command', `--start ${start}: expected YYYY-MM-DD.`);
  return { file, start, days, seed };
}

function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
