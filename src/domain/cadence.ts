import type { DateTime } from 'luxon';
import type { PlanCalendar } from './calendar.js';
import { requireValidInstant } from './instant.js';
import { addDays, localDateOf, weekdayOf } from './iso-date.js';
import { atLocalTime } from './local-time.js';
import type { IsoDate, IsoWeekday, LocalTime } from './types.js';

/** ISO weekdays, or the plan calendar's working days (holidays and buffer days skipped) or buffer days. */
export type ScheduleDays = readonly IsoWeekday[] | 'working' | 'buffer';

/** When a ritual fires: a wall-clock time in a zone, on some days. */
export interface CadenceSchedule {
  readonly localTime: LocalTime;
  readonly zone: string;
  readonly days: ScheduleDays;
}

export interface WeekdaySchedule extends CadenceSchedule {
  readonly days: readonly IsoWeekday[];
}

/** Catch-up never lists more than this many occurrences unless the caller asks for more. */
export const DEFAULT_OCCURRENCE_LIMIT = 100;

/**
 * The first instant strictly after `after` at which the schedule fires. The time is placed on each
 * local date separately, so 09:00 stays 09:00 local across DST changes; a time in a spring-forward
 * gap fires at the end of the gap and an ambiguous fall-back time fires once, at its earlier
 * instant (see `atLocalTime`). Null only when a buffer-day schedule has no buffer day left.
 */
export function nextOccurrence(schedule: WeekdaySchedule, after: DateTime): DateTime;
export function nextOccurrence(schedule: CadenceSchedule, after: DateTime, calendar: PlanCalendar): DateTime | null;
export function nextOccurrence(schedule: CadenceSchedule, after: DateTime, calendar?: PlanCalendar): DateTime | null {
  return firstAfter(schedule, after, calendar);
}

function firstAfter(schedule: CadenceSchedule, after: DateTime, calendar: PlanCalendar | undefined): DateTime | null {
  const afterMs = requireValidInstant(after, 'after').toMillis();
  // Only the date `after` falls on and later ones can hold a later instant; the second candidate
  // date always does, so the loop ends at once.
  for (const date of candidateDates(schedule.days, localDateOf(after, schedule.zone), calendar)) {
    const instant = atLocalTime(date, schedule.localTime, schedule.zone);
    if (instant.toMillis() > afterMs) {
      return instant;
    }
  }
  return null;
}

/**
 * Every firing in (from, to], oldest first, for catch-up after downtime. At most `limit` of them,
 * so a plan that was down for months cannot produce an unbounded list; the caller decides which
 * late ones still post and which are recorded as skipped.
 */
export function occurrencesBetween(
  schedule: CadenceSchedule,
  from: DateTime,
  to: DateTime,
  calendar?: PlanCalendar,
  limit: number = DEFAULT_OCCURRENCE_LIMIT,
): DateTime[] {
  const toMs = requireValidInstant(to, 'to').toMillis();
  const found: DateTime[] = [];
  let next = firstAfter(schedule, from, calendar);
  while (next !== null && next.toMillis() <= toMs && found.length < limit) {
    found.push(next);
    next = firstAfter(schedule, next, calendar);
  }
  return found;
}

function* candidateDates(days: ScheduleDays, first: IsoDate, calendar: PlanCalendar | undefined): Generator<IsoDate> {
  if (typeof days === 'string') {
    if (calendar === undefined) {
      throw new TypeError(`A "${days}" schedule needs the plan calendar`);
    }
    if (days === 'buffer') {
      yield* calendar.bufferDates.filter((date) => date >= first);
      return;
    }
    for (
      let date = calendar.isWorkingDay(first) ? first : calendar.nextWorkingDay(first);
      ;
      date = calendar.nextWorkingDay(date)
    ) {
      yield date;
    }
  }
  if (days.length === 0) {
    throw new RangeError('A schedule needs at least one weekday');
  }
  const weekdays = new Set<number>(days);
  for (let date = first; ; date = addDays(date, 1)) {
    if (weekdays.has(weekdayOf(date))) {
      yield date;
    }
  }
}
