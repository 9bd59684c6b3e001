import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FULL_CHART_SIZE } from '../charts/chart-sizes.js';
import { VegaChartRenderer } from '../charts/vega-chart-renderer.js';
import { parseConfig } from '../config.js';
import { PlanError } from '../domain/plan-error.js';
import { planChart } from '../service/read-model/plan-chart.js';
import { PlanView } from '../service/read-model/plan-view.js';
import { consoleWorkspace, type WorkspaceRef } from '../service/read-model/workspace-ref.js';
import { PrismaPlanStore } from '../store/prisma-plan-store.js';
import { EXIT, type CliContext } from './cli-context.js';
import { openMigratedDatabase } from './open-configured-database.js';
import { choosePlan } from './choose-plan.js';
import { commandArgs } from './command-args.js';
import { workspaceOption } from './import-command.js';

export const CHART_USAGE =
  'Usage: planbot chart <plan name> [--out plan-chart.png] [--week N] [--workspace slack:TEAM_ID|teams:TENANT_ID|NAME]';

/**
 * `planbot chart`: the weekly memo's picture of a plan (planned vs done by day, buffer days and
 * slips marked, burn-up by week) as of now, written to a PNG file.
 */
export async function chartCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { name, out, week, workspace } = parseChartArgs(argv);
  const config = parseConfig(ctx.env, ctx.cwd);
  const database = await openMigratedDatabase(config, ctx);
  try {
    const store = new PrismaPlanStore(database.prisma);
    const plan = choosePlan(await store.listPlans(workspace), name, `"${name}" (workspace ${workspace.name})`);
    const state = await store.loadPlanState(plan.id, plan.stamp);
    const view = PlanView.of(state);
    let range;
    if (week !== undefined) {
      const weeks = Math.ceil(view.calendar.planDayOf(view.lastDay) / 7);
      if (week > weeks)
        throw new PlanError(
          'invalid_command',
          `--week ${week}: "${state.plan.name}" has ${weeks} week${weeks === 1 ? '' : 's'} (${view.calendar.startDate} to ${view.lastDay}); give a week from 1 to ${weeks}.`,
        );
      range = view.calendar.weekRange(week);
    }
    const png = await new VegaChartRenderer().renderPng(planChart(state, ctx.clock.now(), range), FULL_CHART_SIZE);
    const path = resolve(ctx.cwd, out);
    await writeFile(path, png).catch((error: NodeJS.ErrnoException) => {
      throw new PlanError('invalid_command', `--out ${out}: cannot write there (${error.code ?? error.message}).`);
    });
    ctx.out(
      `Wrote the chart of "${state.plan.name}"${week === undefined ? '' : ` (week ${week})`} to ${out} (${FULL_CHART_SIZE.width}×${FULL_CHART_SIZE.height} PNG).`,
    );
    return EXIT.ok;
  } finally {
    await database.close();
  }
}

interface ChartArgs {
  name: string;
  out: string;
  week?: number;
  workspace: WorkspaceRef;
}

function parseChartArgs(argv: string[]): ChartArgs {
  const parsed = commandArgs(
    argv,
    { out: { type: 'string' }, week: { type: 'string' }, workspace: { type: 'string' } },
    CHART_USAGE,
  );
  const [name, ...extra] = parsed.positionals;
  if (!name || extra.length > 0)
    throw new PlanError(
      'invalid_command',
      extra.length > 0 ? `Put a plan name with spaces in quotes.\n${CHART_USAGE}` : CHART_USAGE,
    );
  const out = parsed.values.out ?? 'plan-chart.png';
  const workspace = parsed.values.workspace ? workspaceOption(parsed.values.workspace) : consoleWorkspace;
  if (!/\.png$/i.test(out))
    throw new PlanError('invalid_command', `--out ${out}: the chart is a PNG; end the name with .png.`);
  const weekText = parsed.values.week;
  if (weekText === undefined) return { name, out, workspace };
  const week = Number(weekText);
  if (!/^\d+$/.test(weekText) || week < 1)
    throw new PlanError('invalid_command', `--week ${weekText}: expected a plan week number, 1 for the first week.`);
  return { name, out, week, workspace };
}
