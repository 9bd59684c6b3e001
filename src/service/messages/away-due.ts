import { addDays } from '../../domain/iso-date.js';
import type { IsoDate } from '../../domain/types.js';
import type { PlanView } from '../read-model/plan-view.js';
import { formatDate, taskLabel } from './format.js';

/** An open task due on a day its owner is on time off: someone has to take it or move it. */
export interface AwayDueTask {
  key: string;
  title: string;
  dueDate: IsoDate;
  owner: string;
  /** The owner's last day off. */
  until: IsoDate;
}

/** How far ahead triage and the weekly memo look for work due while its owner is away. */
export const AWAY_LOOKAHEAD_DAYS = 7;

/** Open tasks due from `from` for `days` days whose owner is off on the day they are due, soonest first. */
export function tasksDueWhileAway(view: PlanView, from: IsoDate, days: number = AWAY_LOOKAHEAD_DAYS): AwayDueTask[] {
  const to = addDays(from, days - 1);
  return view.openTasks().flatMap((task) => {
    const owner = view.member(task.ownerId);
    if (!owner || task.dueDate < from || task.dueDate > to) return [];
    const until = view.awayUntil(owner, task.dueDate);
    return until ? [{ key: task.key, title: task.title, dueDate: task.dueDate, owner: owner.displayName, until }] : [];
  });
}

/** `*d4* Data quality due Thu 10 Dec — Alex Rivera is away until Fri 11 Dec`. */
export function awayDueLine(task: AwayDueTask): string {
  return `${taskLabel(task)} due ${formatDate(task.dueDate)} — ${task.owner} is away until ${formatDate(task.until)}`;
}
