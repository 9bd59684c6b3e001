import type { PlanCalendar } from '../domain/calendar.js';
import type { IsoDate } from '../domain/types.js';
import { milestoneDueDate } from './plan-dates.js';
import type { Plan } from './plan-schema.js';

export interface DatedMilestone {
  key: string;
  name: string;
  date: IsoDate;
  gateCriteria: string[];
}

/** The plan's milestones that have a date, in date order. */
export function datedMilestones(plan: Pick<Plan, 'milestones'>, calendar: PlanCalendar): DatedMilestone[] {
  return plan.milestones
    .flatMap((m) => {
      const date = milestoneDueDate(m, calendar);
      return date ? [{ key: m.key, name: m.name, date, gateCriteria: m.gateCriteria }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * When a milestone's checkpoint posts: the close of the plan's business window (17:00 unless the
 * calendar says otherwise) on the milestone day. That is "the end of the milestone day" the plan
 * means: the last moment owners can still act that day, and the same boundary business-hour
 * delays use. Midnight would be nobody's working time, and tasks due that day would look late
 * before anyone saw the post.
 */
export function checkpointTime(calendar: PlanCalendar): string {
  return calendar.businessHours.end;
}
