import type { PlanCalendar } from './calendar.js';
import type { DateMove, IsoDate } from './types.js';

/** The date a task due on `date` is really due: a holiday moves it to the next working day. */
export function moveOffHoliday(date: IsoDate, calendar: PlanCalendar): IsoDate {
  return calendar.isHoliday(date) ? calendar.nextWorkingDay(date) : date;
}

export interface HolidayMoves<T> {
  readonly tasks: T[];
  /** One entry per task that moved, so the caller records the variance and can tell the owner. */
  readonly moves: DateMove[];
}

/**
 * Moves tasks due on a holiday to the next working day. Only holidays move a task: a task a plan
 * puts on a weekend or a buffer day was put there on purpose.
 */
export function moveTasksOffHolidays<T extends { readonly key: string; readonly dueDate: IsoDate }>(
  tasks: readonly T[],
  calendar: PlanCalendar,
): HolidayMoves<T> {
  const moves: DateMove[] = [];
  const moved = tasks.map((task) => {
    const dueDate = moveOffHoliday(task.dueDate, calendar);
    if (dueDate === task.dueDate) {
      return task;
    }
    moves.push({ taskKey: task.key, from: task.dueDate, to: dueDate, reason: 'holiday' });
    return { ...task, dueDate };
  });
  return { tasks: moved, moves };
}
