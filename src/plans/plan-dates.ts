import { DateTime } from 'luxon';
import type { Plan, PlanTask } from './plan-schema.js';

// Plan days are calendar days: day 1 is the start date, day 6 of a Monday start is a Saturday.
// Dates are computed in UTC because only the calendar date matters here, never an instant.

function parse(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}

/** The calendar date of plan day `day` (1-based). */
export function planDayDate(startDate: string, day: number): string {
  return parse(startDate).plus({ days: day - 1 }).toISODate() ?? startDate;
}

/** ISO weekday (1 = Monday) of a date. */
export function isoWeekday(date: string): number {
  return parse(date).weekday;
}

/** The plan day a task is due: its day (plus duration), or the last day of its week. */
export function taskDueDay(task: Pick<PlanTask, 'day' | 'week' | 'durationDays'>): number | undefined {
  if (task.day !== undefined) return task.day + Math.max(Math.ceil(task.durationDays ?? 1), 1) - 1;
  if (task.week !== undefined) return task.week * 7;
  return undefined;
}

/** The due date of a task, when the plan has a start date or the task has its own date. */
export function taskDueDate(plan: Pick<Plan, 'startDate'>, task: PlanTask): string | undefined {
  if (task.date !== undefined) return task.date;
  const day = taskDueDay(task);
  return day === undefined || plan.startDate === undefined ? undefined : planDayDate(plan.startDate, day);
}

/**
 * Signed count of working days from `from` to `to`: the working days in (from, to] when moving
 * later, negated when moving earlier. A move from Friday to Monday is 1 business day.
 */
export function businessDaysBetween(from: string, to: string, workingDays: readonly number[], holidays: readonly string[] = []): number {
  const start = parse(from);
  const end = parse(to);
  const sign = end < start ? -1 : 1;
  const [low, high] = sign === 1 ? [start, end] : [end, start];
  const off = new Set(holidays);
  const span = Math.round(high.diff(low, 'days').days);
  let count = 0;
  for (let offset = 1; offset <= span; offset += 1) {
    const day = low.plus({ days: offset });
    if (workingDays.includes(day.weekday) && !off.has(day.toISODate() ?? '')) count += 1;
  }
  return sign * count;
}
