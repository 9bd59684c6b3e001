import type { PlanCalendar } from '../domain/calendar.js';
import { optionalCalendarOf, taskDueDate, taskDueDay } from './plan-dates.js';
import type { Plan, PlanTask } from './plan-schema.js';

export interface TaskRef {
  key: string;
  title: string;
  due?: string;
}

export interface MovedTask extends TaskRef {
  /** Due date or day description before and after, e.g. "2026-12-09" or "day 3". */
  from: string;
  to: string;
  /** Shift of the due date in business days; undefined when neither plan has dates. */
  shiftBusinessDays?: number;
  shiftDays: number;
}

export interface PlanVariance {
  added: TaskRef[];
  removed: TaskRef[];
  moved: MovedTask[];
  unchanged: number;
  /** Approved re-plan moves a re-import kept (see service/commands/kept-moves.ts); absent when none. */
  kept?: { key: string; title: string; documentDate: string; date: string; replan: number }[];
}

/** What a re-baseline changed, task by task key: added, removed, and moved with the shift. */
export function planVariance(oldPlan: Plan, newPlan: Plan): PlanVariance {
  const before = new Map(oldPlan.tasks.map((task) => [task.key, task] as const));
  const after = new Map(newPlan.tasks.map((task) => [task.key, task] as const));
  const variance: PlanVariance = { added: [], removed: [], moved: [], unchanged: 0 };
  const oldCalendar = optionalCalendarOf(oldPlan);
  const newCalendar = optionalCalendarOf(newPlan);
  for (const task of newPlan.tasks) if (!before.has(task.key)) variance.added.push(ref(task, newCalendar));
  for (const task of oldPlan.tasks) if (!after.has(task.key)) variance.removed.push(ref(task, oldCalendar));
  for (const task of newPlan.tasks) {
    const old = before.get(task.key);
    if (!old) continue;
    const moved = compare(old, oldCalendar, task, newCalendar);
    if (moved) variance.moved.push(moved);
    else variance.unchanged += 1;
  }
  return variance;
}

function ref(task: PlanTask, calendar: PlanCalendar | undefined): TaskRef {
  const due = taskDueDate(task, calendar);
  return { key: task.key, title: task.title, ...(due === undefined ? {} : { due }) };
}

function compare(
  old: PlanTask,
  oldCalendar: PlanCalendar | undefined,
  task: PlanTask,
  newCalendar: PlanCalendar | undefined,
): MovedTask | undefined {
  const oldDate = taskDueDate(old, oldCalendar);
  const newDate = taskDueDate(task, newCalendar);
  if (oldDate !== undefined && newDate !== undefined && newCalendar !== undefined) {
    if (oldDate === newDate) return undefined;
    const shiftDays = Math.round((Date.parse(newDate) - Date.parse(oldDate)) / 86_400_000);
    const shiftBusinessDays = newCalendar.businessDaysBetween(oldDate, newDate);
    return { key: task.key, title: task.title, due: newDate, from: oldDate, to: newDate, shiftDays, shiftBusinessDays };
  }
  const oldDay = taskDueDay(old);
  const newDay = taskDueDay(task);
  if (oldDay === undefined || newDay === undefined || oldDay === newDay) return undefined;
  return { key: task.key, title: task.title, from: `day ${oldDay}`, to: `day ${newDay}`, shiftDays: newDay - oldDay };
}
