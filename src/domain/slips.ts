import type { DateTime } from 'luxon';
import type { PlanCalendar } from './calendar.js';
import { addDays } from './iso-date.js';
import { atLocalTime } from './local-time.js';
import { isFinished } from './task-status.js';
import type { DateMove, IsoDate, ScheduledTask } from './types.js';

type SlipTask = Pick<ScheduledTask, 'key' | 'dueDate' | 'status' | 'slipEscalatedAt'>;

/** Seed plans escalate "any slip longer than one business day". */
export const DEFAULT_SLIP_THRESHOLD_BUSINESS_DAYS = 1;

/** A task not finished by the end of its due day (local midnight in the plan's zone) is overdue. */
export function isOverdue(
  task: Pick<ScheduledTask, 'dueDate' | 'status'>,
  now: DateTime,
  calendar: PlanCalendar,
): boolean {
  return !isFinished(task.status) && now.toMillis() >= calendar.endOf(task.dueDate).toMillis();
}

export function overdueTasks<T extends Pick<ScheduledTask, 'dueDate' | 'status'>>(
  tasks: readonly T[],
  now: DateTime,
  calendar: PlanCalendar,
): T[] {
  return tasks.filter((task) => isOverdue(task, now, calendar));
}

/**
 * How many business days late: the working days after the due date up to and including today.
 * Due Friday and still open on Monday is 1; over the weekend it is 0, since nobody was expected to work.
 */
export function overdueBusinessDays(
  task: Pick<ScheduledTask, 'dueDate' | 'status'>,
  now: DateTime,
  calendar: PlanCalendar,
): number {
  if (!isOverdue(task, now, calendar)) {
    return 0;
  }
  return calendar.businessDaysBetween(task.dueDate, calendar.dateOf(now));
}

/**
 * When a still-open task becomes late by more than `threshold` business days: the opening of
 * business hours on working day threshold + 1 after its due date. Waiting for the business window
 * keeps the sponsor from being paged at midnight about a schedule slip.
 */
export function slipEscalationDueAt(
  task: Pick<ScheduledTask, 'dueDate'>,
  calendar: PlanCalendar,
  thresholdBusinessDays: number = DEFAULT_SLIP_THRESHOLD_BUSINESS_DAYS,
): DateTime {
  if (!Number.isInteger(thresholdBusinessDays) || thresholdBusinessDays < 0) {
    throw new RangeError(`A slip threshold is a whole number of business days, got ${thresholdBusinessDays}`);
  }
  let day = task.dueDate;
  for (let i = 0; i <= thresholdBusinessDays; i += 1) {
    day = calendar.nextWorkingDay(day);
  }
  return atLocalTime(day, calendar.businessHours.start, calendar.zone);
}

/** True once per slip: the task is still open, late beyond the threshold, and not escalated yet. */
export function isSlipEscalationDue(
  task: SlipTask,
  now: DateTime,
  calendar: PlanCalendar,
  thresholdBusinessDays: number = DEFAULT_SLIP_THRESHOLD_BUSINESS_DAYS,
): boolean {
  if (isFinished(task.status) || (task.slipEscalatedAt ?? null) !== null) {
    return false;
  }
  return now.toMillis() >= slipEscalationDueAt(task, calendar, thresholdBusinessDays).toMillis();
}

type WaitingTask = Pick<ScheduledTask, 'key' | 'dueDate' | 'status' | 'dependsOn'>;

/**
 * When a still-open task must have its re-plan proposed because a dependant's date forces it
 * earlier than the slip threshold would: the close of business on the working day before the
 * earliest open dependant's date, and never before the close of business on the task's own due day
 * (until then it has not slipped). Past that close nobody is expected to work, so the task cannot
 * be done before the dependant's day and the dependant's date is already impossible. Null when no
 * dependant is due before the slip is detected anyway: the proposal then comes with the slip alert.
 */
export function forcedReplanAt(
  task: Pick<ScheduledTask, 'key' | 'dueDate' | 'status'>,
  /** The plan's tasks, or just the ones that depend on `task`. */
  tasks: readonly WaitingTask[],
  calendar: PlanCalendar,
  thresholdBusinessDays: number = DEFAULT_SLIP_THRESHOLD_BUSINESS_DAYS,
): DateTime | null {
  if (isFinished(task.status)) return null;
  const detected = slipEscalationDueAt(task, calendar, thresholdBusinessDays);
  let earliest: DateTime | null = null;
  for (const dependant of tasks) {
    if (!dependant.dependsOn.includes(task.key) || isFinished(dependant.status)) continue;
    const dayBefore = workingDayBefore(dependant.dueDate, calendar);
    const day = dayBefore > task.dueDate ? dayBefore : task.dueDate;
    const at = atLocalTime(day, calendar.businessHours.end, calendar.zone);
    if (at.toMillis() < detected.toMillis() && (earliest === null || at.toMillis() < earliest.toMillis())) {
      earliest = at;
    }
  }
  return earliest;
}

/**
 * The first date a task still open at `now` can be done: today while business hours last on a
 * working day, else the next working day.
 */
export function earliestFinishDate(now: DateTime, calendar: PlanCalendar): IsoDate {
  const today = calendar.dateOf(now);
  const close = atLocalTime(today, calendar.businessHours.end, calendar.zone);
  return calendar.isWorkingDay(today) && now.toMillis() < close.toMillis() ? today : calendar.nextWorkingDay(today);
}

/** The last working day strictly before `date` (the date itself when none is found within a year). */
function workingDayBefore(date: IsoDate, calendar: PlanCalendar): IsoDate {
  for (let i = 1; i <= 366; i += 1) {
    const day = addDays(date, -i);
    if (calendar.isWorkingDay(day)) return day;
  }
  return date;
}

export interface SlippedTask {
  readonly key: string;
  /** The date the slipped task is now expected to be done. */
  readonly newDate: IsoDate;
}

export interface BufferMoveProposal {
  readonly slippedTaskKey: string;
  /** Where the affected dependants go; null when the plan has no buffer day left. */
  readonly bufferDay: IsoDate | null;
  readonly moves: DateMove[];
  /** Affected dependants with no buffer day to go to: the lead has to re-plan them by hand. */
  readonly unplaced: string[];
}

/**
 * The plan's push rule ("if a dependency slips, push the affected task to the next available
 * buffer"): a dependant is affected when it is due on or before the date its prerequisite is now
 * expected, since it cannot finish before what it waits for. Affected dependants go to the first
 * buffer day after the slipped task's new date, and whatever waits on them is checked the same way
 * against that day. Dependants due later keep their date; finished ones are left alone.
 */
export function proposeBufferMoves(
  slipped: SlippedTask,
  tasks: readonly Pick<ScheduledTask, 'key' | 'dueDate' | 'status' | 'dependsOn'>[],
  calendar: PlanCalendar,
): BufferMoveProposal {
  const bufferDay = calendar.nextBufferDay(slipped.newDate);
  const moves: DateMove[] = [];
  const unplaced: string[] = [];
  // Each task is affected at most once, so a dependency cycle cannot loop.
  const affected = new Set<string>([slipped.key]);
  const queue: { key: string; date: IsoDate }[] = [{ key: slipped.key, date: slipped.newDate }];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const prerequisite = next;
    for (const task of tasks) {
      const waits = task.dependsOn.includes(prerequisite.key);
      if (!waits || affected.has(task.key) || isFinished(task.status) || task.dueDate > prerequisite.date) {
        continue;
      }
      affected.add(task.key);
      if (bufferDay === null) {
        unplaced.push(task.key);
        queue.push({ key: task.key, date: slipped.newDate });
        continue;
      }
      if (task.dueDate !== bufferDay) {
        moves.push({ taskKey: task.key, from: task.dueDate, to: bufferDay, reason: 'slipped_dependency' });
      }
      queue.push({ key: task.key, date: bufferDay });
    }
  }
  return { slippedTaskKey: slipped.key, bufferDay, moves, unplaced };
}
