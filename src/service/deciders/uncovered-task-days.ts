import { weekdayOf } from '../../domain/iso-date.js';
import type { ImportWarning } from '../../plans/plan-import-types.js';
import type { PlanSnapshot } from '../read-model/plan-snapshot.js';

const WEEKDAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Tasks due on a day no stand-up or check-in runs (a Sunday in a Mon–Fri plan): nobody is asked
 * about them that day, so the preview says which. Nothing to say for a plan without rituals.
 */
export function uncoveredTaskDays(snapshot: PlanSnapshot): ImportWarning | undefined {
  const asking = snapshot.rituals.filter((r) => r.kind === 'standup' || r.kind === 'weekend_checkin');
  if (asking.length === 0) return undefined;
  const covered = new Set(asking.flatMap((r) => r.days));
  const bufferDates = new Set(snapshot.bufferDays.map((b) => b.date));
  const weekendCheckin = asking.some((r) => r.kind === 'weekend_checkin' && r.onBufferDays);
  const lonely = snapshot.tasks.filter(
    (t) => !covered.has(weekdayOf(t.dueDate)) && !(weekendCheckin && bufferDates.has(t.dueDate)),
  );
  if (lonely.length === 0) return undefined;
  const shown = lonely.slice(0, 3).map((t) => `${t.title} (${WEEKDAY[weekdayOf(t.dueDate)] ?? ''} ${t.dueDate})`);
  const more = lonely.length > shown.length ? ` and ${lonely.length - shown.length} more` : '';
  return {
    line: 1,
    message: `${lonely.length} task(s) fall on days no stand-up or check-in runs, so nobody is asked about them that day: ${shown.join(', ')}${more}`,
  };
}
