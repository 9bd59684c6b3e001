import { DateTime } from 'luxon';
import type { DateRange } from '../../domain/calendar.js';
import { planChartData, type PlanChartData } from '../../domain/plan-chart-data.js';
import type { PlanState } from './plan-state.js';
import { PlanView } from './plan-view.js';

/** What the chart renderer draws: the numbers, and the words around them. */
export interface PlanChart {
  title: string;
  subtitle: string;
  data: PlanChartData;
}

/**
 * The plan chart as of `now`: days of `range` (default: the whole plan, first day to last), and
 * the burn-up over every plan week.
 */
export function planChart(state: PlanState, now: Date, range?: DateRange): PlanChart {
  const view = PlanView.of(state);
  const whole = { from: view.calendar.startDate, to: view.lastDay };
  const shown = range ?? whole;
  const tasks = state.tasks.map((task) => ({
    ...task,
    doneAt: task.doneAt ? DateTime.fromJSDate(task.doneAt) : null,
  }));
  const data = planChartData(tasks, view.calendar, shown, whole.to, DateTime.fromJSDate(now, { zone: view.zone }));
  const days = shown === whole ? 'whole plan' : `${shown.from} – ${shown.to}`;
  return {
    title: `${state.plan.name}: planned vs done`,
    subtitle: `${days} · plan version ${state.plan.version} · as of ${data.asOf} (${view.zone})`,
    data,
  };
}
