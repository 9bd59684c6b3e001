import type { DateTime } from 'luxon';
import type { PlanCalendar } from './calendar.js';
import { requireValidInstant } from './instant.js';
import { atLocalTime } from './local-time.js';

export interface Delay {
  readonly minutes: number;
  /** Count only business hours (working days, inside the calendar's business window) instead of elapsed time. */
  readonly businessHours: boolean;
}

/**
 * Elapsed minutes: a 4-hour delay is 4 real hours even across a DST change, because whoever
 * waits on an escalation waits in real time. (Day-based offsets use `plus({ days })` elsewhere.)
 */
export function addElapsedMinutes(start: DateTime, minutes: number): DateTime {
  return start.plus({ minutes });
}

/**
 * Adds `minutes` of business time: only time inside the business window (e.g. 09:00–17:00 in the
 * plan's zone) on working days counts. A start outside the window waits for the next window, so
 * 4 business hours from Friday 15:00 end Monday 11:00. A delay that uses up a window exactly ends
 * at the window's close rather than at the next opening. Zero minutes means "at once".
 */
export function addBusinessMinutes(start: DateTime, minutes: number, calendar: PlanCalendar): DateTime {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`A delay is a non-negative number of minutes, got ${minutes}`);
  }
  const zone = calendar.zone;
  let remainingMs = minutes * 60_000;
  let cursor: DateTime = requireValidInstant(start, 'start').setZone(zone);
  if (remainingMs === 0) {
    return cursor;
  }
  let date = calendar.dateOf(cursor);
  // Each pass consumes one working day's window (or ends), so the loop runs about
  // minutes / window-length times.
  for (;;) {
    if (calendar.isWorkingDay(date)) {
      const opens = atLocalTime(date, calendar.businessHours.start, zone);
      const closes = atLocalTime(date, calendar.businessHours.end, zone);
      if (cursor < opens) {
        cursor = opens;
      }
      const availableMs = closes.toMillis() - cursor.toMillis();
      if (availableMs > 0) {
        if (remainingMs <= availableMs) {
          return cursor.plus({ milliseconds: remainingMs });
        }
        remainingMs -= availableMs;
      }
    }
    date = calendar.nextWorkingDay(date);
    cursor = calendar.startOf(date);
  }
}

export function addDelay(start: DateTime, delay: Delay, calendar: PlanCalendar): DateTime {
  return delay.businessHours
    ? addBusinessMinutes(start, delay.minutes, calendar)
    : addElapsedMinutes(start, delay.minutes).setZone(calendar.zone);
}
