import { DateTime } from 'luxon';
import { z } from 'zod';
import { dayNumberOf, isoDateOfDayNumber, weekdayOfDayNumber } from './day-number.js';
import type { IsoDate, IsoWeekday } from './types.js';

/** Rejects impossible dates such as 2026-02-30, not only malformed strings. */
export const isoDateSchema = z.iso.date();

// Date arithmetic runs in UTC, where every day has 24 hours, so no DST change can skew a day count.
// Plain yyyy-MM-dd dates take the arithmetic path (day-number.ts); anything else goes through
// luxon exactly as before, which accepts or rejects it as it always did.
function toUtcDate(date: IsoDate): DateTime {
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  if (!parsed.isValid || date.length !== 10) {
    throw new RangeError(`Not an ISO date (yyyy-MM-dd): "${date}"`);
  }
  return parsed;
}

function fromUtcDate(date: DateTime): IsoDate {
  return date.toFormat('yyyy-MM-dd');
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const start = Number.isInteger(days) ? dayNumberOf(date) : undefined;
  const end = start === undefined ? undefined : isoDateOfDayNumber(start + days);
  return end ?? fromUtcDate(toUtcDate(date).plus({ days }));
}

/** Calendar days from `a` to `b`: positive when `b` is later. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const from = dayNumberOf(a);
  const to = dayNumberOf(b);
  if (from !== undefined && to !== undefined) return to - from;
  return Math.round(toUtcDate(b).diff(toUtcDate(a), 'days').days);
}

export function weekdayOf(date: IsoDate): IsoWeekday {
  const day = dayNumberOf(date);
  if (day !== undefined) return weekdayOfDayNumber(day);
  // toUtcDate has checked validity, so luxon's weekday is 1–7.
  return toUtcDate(date).weekday as IsoWeekday;
}

/** The local date an instant falls on in `zone`. */
export function localDateOf(instant: DateTime, zone: string): IsoDate {
  return instant.setZone(zone).toFormat('yyyy-MM-dd');
}
