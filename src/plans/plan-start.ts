import { addDays, localDateOf, weekdayOf } from '../domain/iso-date.js';
import type { IsoDate } from '../domain/types.js';
import { DateTime } from 'luxon';
import type { Plan } from './plan-schema.js';

export interface DefaultStart {
  date: IsoDate;
  why: string;
}

/**
 * Day 1 when nobody gave one: the plan's earliest written date, else the Monday on or after
 * today in the plan's zone. A guess, so the importer says which and how to choose another.
 */
export function defaultStartDate(plan: Plan, now: Date): DefaultStart {
  const written = [...plan.tasks.map((t) => t.date), ...plan.milestones.map((m) => m.dueDate)]
    .filter((d): d is IsoDate => d !== undefined)
    .sort();
  const earliest = written[0];
  if (earliest !== undefined) return { date: earliest, why: 'the earliest date the plan names' };
  const today = localDateOf(DateTime.fromJSDate(now), plan.timezone);
  const monday = addDays(today, (8 - weekdayOf(today)) % 7);
  return { date: monday, why: 'the next Monday' };
}
