import type { IsoDate } from '../../domain/types.js';
import type { RitualState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';

/**
 * Whether a ritual is held on a date of the plan: stand-ups and triage windows are not held on the
 * plan's holidays (nobody is working); check-ins, memos and checkpoints still post. The one rule
 * for what the scheduler posts and what the exported calendar shows.
 */
export function ritualHeldOn(view: PlanView, kind: RitualState['kind'], date: IsoDate): boolean {
  return !(kind === 'standup' || kind === 'triage') || !view.calendar.isHoliday(date);
}
