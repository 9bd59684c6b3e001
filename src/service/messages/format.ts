import { DateTime } from 'luxon';
import { dayNumberOf, weekdayOfDayNumber } from '../../domain/day-number.js';
import type { IsoDate } from '../../domain/types.js';

/** Instants arrive either as luxon DateTimes (domain) or JS Dates (rows); both mean one point in time. */
export type Instant = DateTime | Date;

/** A task as a reader recognises it: the key they type in commands and its title. */
export interface TaskRef {
  key: string;
  title: string;
}

// A fixed locale keeps what the bot posts independent of the server's environment.
const LOCALE = 'en-US';

function toDateTime(instant: Instant, zone: string): DateTime {
  const value = instant instanceof Date ? DateTime.fromJSDate(instant) : instant;
  return value.setZone(zone).setLocale(LOCALE);
}

function epochMillis(instant: Instant): number {
  return instant instanceof Date ? instant.getTime() : instant.toMillis();
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon 7 Dec`: a plan date needs no zone, it is already local. */
export function formatDate(date: IsoDate): string {
  // Plain yyyy-MM-dd dates (all a plan holds) are spelled out directly: parsing each with luxon was
  // a visible share of a status or today reply. Anything else keeps luxon's reading.
  const day = dayNumberOf(date);
  if (day !== undefined)
    return `${WEEKDAYS[weekdayOfDayNumber(day) - 1]} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
  const parsed = DateTime.fromISO(date, { zone: 'utc', locale: LOCALE });
  return parsed.isValid ? parsed.toFormat('ccc d LLL') : date;
}

/** `Mon 7 Dec, 09:00 PST` in `zone`: the abbreviation tells a reader which side of a DST change it is. */
export function formatDateTime(instant: Instant, zone: string): string {
  return toDateTime(instant, zone).toFormat('ccc d LLL, HH:mm ZZZZ');
}

/** `09:00 PST` in `zone`. */
export function formatTime(instant: Instant, zone: string): string {
  return toDateTime(instant, zone).toFormat('HH:mm ZZZZ');
}

/** Elapsed time as a person says it: `45 min`, `3 h 20 min`, `2 d 4 h`. Never negative. */
export function formatDuration(from: Instant, to: Instant): string {
  // Plain epoch millis: a zone and locale change per blocker line cost more than the list itself.
  const millis = Math.max(0, epochMillis(to) - epochMillis(from));
  return formatMinutes(Math.floor(millis / 60_000));
}

export function formatMinutes(totalMinutes: number): string {
  const minutes = Math.max(0, Math.floor(totalMinutes));
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/** `1 task`, `3 tasks`; `plural(2, 'day')`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** `*d3* Configure Airbyte connectors`: the key in bold so it can be typed back in a command. */
export function taskLabel(task: TaskRef): string {
  return `*${task.key}* ${task.title}`;
}

/** `in 3 days`, `tomorrow`, `today`, `2 days ago`. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
