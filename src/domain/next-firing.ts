import { DateTime } from 'luxon';
import type { PlanCalendar } from './calendar.js';
import { nextOccurrence } from './cadence.js';
import { atLocalTime } from './local-time.js';
import type { IsoDate, IsoWeekday, LocalTime } from './types.js';

/** A stored ritual's schedule, as much as its next firing depends on. */
export interface FiringSchedule {
  readonly kind: string;
  readonly localTime: LocalTime;
  readonly timezone: string;
  readonly days: readonly number[];
  readonly onBufferDays: boolean;
}

/** What bounds a plan's firings: its calendar, its last day, and the dates milestone checkpoints fall on. */
export interface FiringBounds {
  readonly calendar: PlanCalendar;
  readonly lastDay: IsoDate;
  readonly checkpointDates: readonly IsoDate[];
}

/**
 * A ritual's next firing strictly after `after`, or null when it has none left. The one rule for
 * the import (a ritual's first firing) and the tick (the firing after the one just claimed), so
 * the two cannot drift: weekday rituals at their local time (DST: cadence.ts), buffer-day rituals
 * on the plan's buffer days, milestone checkpoints on milestone dates; nothing after the plan ends.
 */
export function nextFiring(ritual: FiringSchedule, bounds: FiringBounds, after: Date): Date | null {
  if (ritual.kind === 'milestone_checkpoint') return nextCheckpoint(ritual, bounds.checkpointDates, after);
  const from = DateTime.fromJSDate(after, { zone: ritual.timezone });
  const next = ritual.onBufferDays
    ? nextOccurrence({ localTime: ritual.localTime, zone: ritual.timezone, days: 'buffer' }, from, bounds.calendar)
    : nextOccurrence(
        { localTime: ritual.localTime, zone: ritual.timezone, days: ritual.days as readonly IsoWeekday[] },
        from,
      );
  return next && next.toISODate()! <= bounds.lastDay ? next.toJSDate() : null;
}

// Checkpoints follow the milestones' dates, not weekdays, and post even on a milestone after the last task.
function nextCheckpoint(ritual: FiringSchedule, dates: readonly IsoDate[], after: Date): Date | null {
  for (const date of [...new Set(dates)].sort()) {
    const at = atLocalTime(date, ritual.localTime, ritual.timezone);
    if (at.toMillis() > after.getTime()) return at.toJSDate();
  }
  return null;
}
