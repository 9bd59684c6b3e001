import type { DateTime } from 'luxon';
import type { DateRange, PlanCalendar } from './calendar.js';
import { addDays, daysBetween } from './iso-date.js';
import { varianceReport } from './variance.js';
import type { IsoDate, ScheduledTask } from './types.js';

type ChartTask = Pick<ScheduledTask, 'key' | 'dueDate' | 'plannedDate' | 'status' | 'doneAt'>;

/** One plan day of the chart: what the baseline promised that day against what got done on it. */
export interface ChartDay {
  readonly date: IsoDate;
  /** Plan day number (1 = the start date). */
  readonly day: number;
  /** Tasks the baseline planned for this day (cancelled ones left out). */
  readonly planned: number;
  /** Tasks marked done on this local date, whenever they were planned. */
  readonly done: number;
  /** Of the tasks planned this day, the ones that missed its end (done late or still open). */
  readonly slipped: number;
  readonly buffer: boolean;
  readonly holiday: boolean;
  /** After `now`'s date: nothing can have been done yet, so the chart leaves its done bar out. */
  readonly future: boolean;
}

/** One plan week of the burn-up, cumulative from the plan's first day to the week's last. */
export interface ChartWeek {
  readonly week: number;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly plannedTotal: number;
  /** Null for a week not started yet: a burn-up line stops at today rather than running flat into the future. */
  readonly doneTotal: number | null;
}

export interface PlanChartData {
  readonly range: DateRange;
  /** The plan's local date at `now`: the chart is "as of" this day. */
  readonly asOf: IsoDate;
  readonly days: readonly ChartDay[];
  readonly weeks: readonly ChartWeek[];
}

/**
 * The numbers behind the plan chart. "Planned" counts by the baseline (planned) date, as the weekly
 * memo does, so a task moved out of its day still counts against the day it was promised. "Done on
 * a day" is the local date of the task's `doneAt` (when someone marked it done); a done task with
 * no `doneAt` (stored before it was recorded) counts on its planned day. `days` covers `range`;
 * the burn-up always covers every plan week up to the last one `planEnd` falls in.
 */
export function planChartData(
  tasks: readonly ChartTask[],
  calendar: PlanCalendar,
  range: DateRange,
  planEnd: IsoDate,
  now: DateTime,
): PlanChartData {
  const asOf = calendar.dateOf(now);
  const live = tasks.filter((task) => task.status !== 'cancelled');
  const plannedOn = (task: ChartTask) => task.plannedDate ?? task.dueDate;
  const doneOn = (task: ChartTask): IsoDate | null =>
    task.status !== 'done' ? null : task.doneAt ? calendar.dateOf(task.doneAt) : plannedOn(task);

  const plannedBy = countBy(live, plannedOn);
  const doneBy = countBy(live, doneOn);
  // The memo's rule decides what slipped, so the chart and the memo never disagree.
  const slippedKeys = new Set(varianceReport(live, range, now, calendar).slipped);
  const slippedBy = countBy(
    live.filter((task) => slippedKeys.has(task.key)),
    plannedOn,
  );

  const days: ChartDay[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    days.push({
      date,
      day: calendar.planDayOf(date),
      planned: plannedBy.get(date) ?? 0,
      done: doneBy.get(date) ?? 0,
      slipped: slippedBy.get(date) ?? 0,
      buffer: calendar.isBufferDay(date),
      holiday: calendar.isHoliday(date),
      future: date > asOf,
    });
  }

  const lastWeek = Math.max(1, Math.ceil((daysBetween(calendar.startDate, planEnd) + 1) / 7));
  const plannedDates = live.map(plannedOn);
  const doneDates = live.map(doneOn).filter((date): date is IsoDate => date !== null);
  const weeks: ChartWeek[] = [];
  for (let week = 1; week <= lastWeek; week += 1) {
    const { from, to } = calendar.weekRange(week);
    weeks.push({
      week,
      from,
      to,
      plannedTotal: plannedDates.filter((date) => date <= to).length,
      doneTotal: from > asOf ? null : doneDates.filter((date) => date <= to).length,
    });
  }
  return { range, asOf, days, weeks };
}

function countBy<T>(items: readonly T[], dateOf: (item: T) => IsoDate | null): Map<IsoDate, number> {
  const counts = new Map<IsoDate, number>();
  for (const item of items) {
    const date = dateOf(item);
    if (date !== null) counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  return counts;
}
