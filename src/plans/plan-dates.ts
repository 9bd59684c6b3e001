import { createPlanCalendar, type PlanCalendar } from '../domain/calendar.js';
import { addDays } from '../domain/iso-date.js';
import type { IsoDate } from '../domain/types.js';
import type { Plan, PlanMilestone, PlanTask } from './plan-schema.js';

// The one place that says when a plan task is due: the importer's preview, the re-baseline
// variance and the stored task rows all use it, so they cannot disagree.

/** The plan's calendar (working days, holidays, buffer days) from its start date. */
export function planCalendarOf(
  plan: Pick<Plan, 'timezone' | 'workingDays' | 'holidays' | 'buffer'>,
  startDate: IsoDate,
): PlanCalendar {
  return createPlanCalendar({
    zone: plan.timezone,
    startDate,
    workingDays: plan.workingDays,
    holidays: plan.holidays,
    bufferDays: plan.buffer.days,
  });
}

/** The calendar when the plan has a start date; plans with only day numbers have none. */
export function optionalCalendarOf(plan: Plan): PlanCalendar | undefined {
  return plan.startDate === undefined ? undefined : planCalendarOf(plan, plan.startDate);
}

/** The plan day a task is due: its day (plus duration), or the last day of its week. */
export function taskDueDay(task: Pick<PlanTask, 'day' | 'week' | 'durationDays'>): number | undefined {
  if (task.day !== undefined) return task.day + Math.max(Math.ceil(task.durationDays ?? 1), 1) - 1;
  if (task.week !== undefined) return task.week * 7;
  return undefined;
}

/**
 * The date a task is due: its own date; its day (plus duration); or, for a week's task, the
 * last working day of that week (a weekly deliverable is due by the week's end, not on a Sunday).
 * Undefined without a start date, when only day numbers are known.
 */
export function taskDueDate(task: PlanTask, calendar: PlanCalendar | undefined): IsoDate | undefined {
  if (task.date !== undefined) return task.date;
  if (calendar === undefined) return undefined;
  if (task.day !== undefined) return calendar.dateOfPlanDay(taskDueDay(task)!);
  if (task.week === undefined) return undefined;
  return lastWorkingDayOfWeek(task.week, calendar);
}

/** The date a milestone falls on, by the same rule as tasks: an "end of week 2" gate is that week's last working day. */
export function milestoneDueDate(milestone: PlanMilestone, calendar: PlanCalendar): IsoDate | undefined {
  if (milestone.dueDate !== undefined) return milestone.dueDate;
  // Before dueDay: the Markdown importer also fills dueDay (week × 7) for "End of Week N", which
  // is a Sunday when the plan starts on a Monday, not the week's last working day.
  if (milestone.dueWeek !== undefined) return lastWorkingDayOfWeek(milestone.dueWeek, calendar);
  if (milestone.dueDay !== undefined) return calendar.dateOfPlanDay(milestone.dueDay);
  return undefined;
}

function lastWorkingDayOfWeek(week: number, calendar: PlanCalendar): IsoDate {
  const { from, to } = calendar.weekRange(week);
  let date = to;
  while (date > from && !calendar.isWorkingDay(date)) date = addDays(date, -1);
  return date;
}

/** The plan's last day: its stated length, or its last due date, whichever is later. Rituals stop after it. */
export function planLastDay(plan: Pick<Plan, 'lengthDays'>, startDate: IsoDate, dueDates: readonly IsoDate[]): IsoDate {
  const byLength = plan.lengthDays ? addDays(startDate, plan.lengthDays - 1) : startDate;
  return dueDates.reduce((last, date) => (date > last ? date : last), byLength);
}
