import type { IsoDate } from '../../domain/types.js';
import { isFinished } from '../../domain/task-status.js';
import type { MemberState, RitualState, TaskState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';

/** A member a stand-up asks, with their open work due that day and before it. */
export interface AskedMember {
  member: MemberState;
  dueToday: TaskState[];
  overdue: TaskState[];
}

const isOpen = (t: TaskState) => !isFinished(t.status);

/**
 * Who a stand-up on `date` asks. By default the owners with open work due that day or overdue;
 * with `ask: everyone`, every member too, even with nothing due (they still have a did, a doing
 * and maybe a blocker). Sponsors who own no work are left out either way: they read stand-ups,
 * they do not answer them. Nobody who is off that day is ever asked.
 */
export function standupAsked(view: PlanView, ritual: Pick<RitualState, 'ask'>, date: IsoDate): AskedMember[] {
  return view.state.members.flatMap((member) => {
    if (view.isOff(member, date)) return [];
    const mine = view.state.tasks.filter((t) => t.ownerId === member.id && isOpen(t));
    const dueToday = mine.filter((t) => t.dueDate === date);
    const overdue = mine.filter((t) => t.dueDate < date);
    const hasWork = dueToday.length + overdue.length > 0;
    const onlyWatches = member.roles.length > 0 && member.roles.every((role) => role === 'sponsor');
    if (!hasWork && (ritual.ask !== 'everyone' || onlyWatches)) return [];
    return [{ member, dueToday, overdue }];
  });
}

/**
 * Who is off on `date` and would otherwise have been asked: named in the prompt and the digest
 * so the team knows why they are quiet.
 */
export function standupAway(view: PlanView, ritual: Pick<RitualState, 'ask'>, date: IsoDate): MemberState[] {
  return view.state.members.filter((member) => {
    if (!view.isOff(member, date)) return false;
    const hasWork = view.state.tasks.some((t) => t.ownerId === member.id && isOpen(t) && t.dueDate <= date);
    const onlyWatches = member.roles.length > 0 && member.roles.every((role) => role === 'sponsor');
    return hasWork || (ritual.ask === 'everyone' && !onlyWatches);
  });
}
