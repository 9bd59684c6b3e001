import type { DateTime } from 'luxon';
import type { DateRange, PlanCalendar } from './calendar.js';
import type { IsoDate, ScheduledTask } from './types.js';

type VarianceTask = Pick<ScheduledTask, 'key' | 'dueDate' | 'plannedDate' | 'status' | 'doneAt'>;

export interface DateChange {
  readonly taskKey: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** The numbers of the weekly memo, measured against the baseline (the planned dates). */
export interface VarianceReport {
  readonly range: DateRange;
  /** Tasks the baseline planned inside the range. */
  readonly planned: string[];
  /** Of those, the ones done. */
  readonly done: string[];
  /** Of those, the ones that missed the end of their planned day (done late, or still open). */
  readonly slipped: string[];
  /** Of those, the ones whose due date now differs from the planned one. */
  readonly moved: DateChange[];
}

/**
 * Planned vs done for `range` (both dates included). Counting by planned date, not due date, keeps
 * a task moved out of the week in the week it was promised, so a slip cannot hide behind a move.
 */
export function varianceReport(
  tasks: readonly VarianceTask[],
  range: DateRange,
  now: DateTime,
  calendar: PlanCalendar,
): VarianceReport {
  const inRange = tasks.filter((task) => {
    const planned = task.plannedDate ?? task.dueDate;
    return range.from <= planned && planned <= range.to;
  });
  const slipped = inRange.filter((task) => {
    const deadline = calendar.endOf(task.plannedDate ?? task.dueDate).toMillis();
    if (task.status === 'cancelled') {
      return false;
    }
    if (task.status === 'done') {
      return task.doneAt !== undefined && task.doneAt !== null && task.doneAt.toMillis() >= deadline;
    }
    return now.toMillis() >= deadline;
  });
  return {
    range,
    planned: inRange.map((task) => task.key),
    done: inRange.filter((task) => task.status === 'done').map((task) => task.key),
    slipped: slipped.map((task) => task.key),
    moved: inRange
      .filter((task) => task.plannedDate !== undefined && task.plannedDate !== task.dueDate)
      .map((task) => ({ taskKey: task.key, from: task.plannedDate ?? task.dueDate, to: task.dueDate })),
  };
}

/** Seed plans: "avoid wholesale re-planning unless two or more critical path items slip simultaneously". */
export const DEFAULT_REBASELINE_THRESHOLD = 2;

/**
 * Whether to suggest a re-baseline, given the tasks slipping right now (e.g. `overdueTasks(...)`):
 * true when at least `threshold` of them are on the critical path.
 */
export function shouldRebaseline(
  slippingTasks: readonly Pick<ScheduledTask, 'critical'>[],
  threshold: number = DEFAULT_REBASELINE_THRESHOLD,
): boolean {
  return slippingTasks.filter((task) => task.critical === true).length >= threshold;
}
