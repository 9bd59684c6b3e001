import type { DateRange, PlanCalendar } from '../../domain/calendar.js';
import { daysBetween, localDateOf } from '../../domain/iso-date.js';
import { PlanError } from '../../domain/plan-error.js';
import type { IsoDate } from '../../domain/types.js';
import { DateTime } from 'luxon';
import type { InstantWindow } from './plan-activity.js';

/** A plan week a report covers: its number, its dates, and the instants counted in it. */
export interface ReportWeek {
  week: number;
  range: DateRange;
  /**
   * From the week's first midnight to its end. A week still running has nothing stored past `now`
   * (occurrences, answers and acknowledgements are written when they happen), so it counts to now.
   */
  window: InstantWindow;
  /** The week has not ended yet: its numbers are so far. */
  running: boolean;
}

/** Which week is asked for: neither field is the current plan week (the `report` command's arguments). */
export interface WeekChoice {
  week?: number | 'last' | undefined;
  date?: IsoDate | undefined;
}

/** The plan week a date falls in (plan weeks run from the start date's weekday); week 1 before the plan starts. */
export function planWeekOf(calendar: PlanCalendar, date: IsoDate): number {
  const days = daysBetween(calendar.startDate, date);
  return days < 0 ? 1 : Math.floor(days / 7) + 1;
}

/**
 * The week a `report` asks for: by default the current plan week, `last` the one before, or the
 * week of a number or a date. A week that has not started is refused with when it starts, since
 * it has nothing to count yet.
 */
export function reportWeek(calendar: PlanCalendar, args: WeekChoice, now: Date): ReportWeek {
  const today = localDateOf(DateTime.fromJSDate(now), calendar.zone);
  const current = planWeekOf(calendar, today);
  let week = current;
  if (args.week === 'last') {
    if (current === 1)
      throw new PlanError('invalid_command', 'This is week 1 of the plan; there is no week before it to report.');
    week = current - 1;
  } else if (typeof args.week === 'number') week = args.week;
  else if (args.date !== undefined) {
    if (args.date < calendar.startDate)
      throw new PlanError(
        'invalid_command',
        `The plan starts on ${calendar.startDate}; give a date from then on, or a week number such as \`report 1\`.`,
      );
    week = planWeekOf(calendar, args.date);
  }
  const range = calendar.weekRange(week);
  const from = calendar.startOf(range.from).toJSDate();
  if (from.getTime() > now.getTime())
    throw new PlanError(
      'invalid_command',
      `Week ${week} starts on ${range.from}; this is week ${current}, so there is nothing to report for it yet.`,
    );
  const end = calendar.endOf(range.to).toJSDate();
  const running = end.getTime() > now.getTime();
  return { week, range, window: { from, to: end }, running };
}
