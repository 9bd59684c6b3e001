import type { IsoDate, IsoWeekday } from './types.js';

/**
 * ISO dates as whole day numbers (days since 1970-01-01, proleptic Gregorian), by arithmetic.
 * Commands count days for every overdue task and plan day; parsing and formatting each date with
 * luxon made that a measurable share of a command's CPU (bench/load.ts). Only the plain
 * `yyyy-MM-dd` form is read here; callers fall back to luxon for anything else so odd input keeps
 * its old treatment.
 */

const MS_PER_DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : NaN;
}

/** The day number of a `yyyy-MM-dd` date, or undefined when `date` is not one (wrong shape or an impossible day). */
export function dayNumberOf(date: IsoDate): number | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  // NaN (a non-digit) fails every comparison below.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return undefined;
  // Date.UTC maps years 0–99 to 1900–1999, so the year is set separately.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return Math.round(instant.getTime() / MS_PER_DAY);
}

/** The `yyyy-MM-dd` date of a day number, or undefined outside years 0000–9999 (not four digits). */
export function isoDateOfDayNumber(dayNumber: number): IsoDate | undefined {
  const instant = new Date(dayNumber * MS_PER_DAY);
  const year = instant.getUTCFullYear();
  if (!Number.isInteger(dayNumber) || !(year >= 0 && year <= 9999)) return undefined;
  const month = instant.getUTCMonth() + 1;
  const day = instant.getUTCDate();
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** ISO weekday of a day number: day 0, 1970-01-01, was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): IsoWeekday {
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}
