import { Info } from 'luxon';
import type { DateTime } from 'luxon';
import { z } from 'zod';
import { dayNumberOf, weekdayOfDayNumber } from './day-number.js';
import { addDays, daysBetween, isoDateSchema, localDateOf, weekdayOf } from './iso-date.js';
import { atLocalTime, localTimeSchema } from './local-time.js';
import type { IsoDate, LocalTime } from './types.js';

const weekdaySchema = z.number().int().min(1).max(7);

/**
 * What a plan says about its days. Parsed with zod so an importer gets every problem at once
 * (a ZodError with paths); the service turns that into its coded error.
 */
/** The business day a plan's business-hour delays count in, unless it says otherwise. */
export const DEFAULT_BUSINESS_HOURS = { start: '09:00', end: '17:00' } as const;

export const planCalendarInputSchema = z.object({
  zone: z.string().refine((zone) => Info.isValidIANAZone(zone), 'not an IANA time zone (e.g. America/Los_Angeles)'),
  startDate: isoDateSchema,
  workingDays: z.array(weekdaySchema).min(1, 'a plan needs at least one working weekday').default([1, 2, 3, 4, 5]),
  holidays: z.array(isoDateSchema).default([]),
  /** Plan day numbers (1 = startDate) or dates. */
  bufferDays: z.array(z.union([z.number().int().min(1), isoDateSchema])).default([]),
  businessHours: z
    .object({ start: localTimeSchema, end: localTimeSchema })
    .refine((window) => window.start < window.end, 'business hours must start before they end')
    .default(DEFAULT_BUSINESS_HOURS),
});

export type PlanCalendarInput = z.input<typeof planCalendarInputSchema>;

export interface BusinessWindow {
  readonly start: LocalTime;
  readonly end: LocalTime;
}

export interface DateRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** @throws ZodError when the input is not a valid calendar. */
export function createPlanCalendar(input: PlanCalendarInput): PlanCalendar {
  return new PlanCalendar(planCalendarInputSchema.parse(input));
}

/** The plan's days: which date plan day N is, and which dates are working, buffer or holiday. */
export class PlanCalendar {
  readonly zone: string;
  readonly startDate: IsoDate;
  readonly businessHours: BusinessWindow;
  readonly bufferDates: readonly IsoDate[];
  private readonly workingDays: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<IsoDate>;
  private readonly buffers: ReadonlySet<IsoDate>;
  /** Day numbers of the holidays and buffer days that fall on a working weekday, ascending: the days a count skips. */
  private readonly skippedWorkdays: readonly number[];

  constructor(private readonly config: z.output<typeof planCalendarInputSchema>) {
    this.zone = config.zone;
    this.startDate = config.startDate;
    this.businessHours = config.businessHours;
    this.workingDays = new Set(config.workingDays);
    this.holidays = new Set(config.holidays);
    const buffers = config.bufferDays.map((day) => (typeof day === 'number' ? this.dateOfPlanDay(day) : day));
    this.bufferDates = [...new Set(buffers)].sort();
    this.buffers = new Set(this.bufferDates);
    const skipped = new Set<number>();
    for (const date of [...this.holidays, ...this.bufferDates]) {
      const day = dayNumberOf(date);
      if (day !== undefined && this.workingDays.has(weekdayOfDayNumber(day))) skipped.add(day);
    }
    this.skippedWorkdays = [...skipped].sort((x, y) => x - y);
  }

  /**
   * The same days, hours and holidays, kept in another zone: business hours of someone on the
   * plan who lives elsewhere (9 to 5 where they are, not where the plan is).
   */
  inZone(zone: string): PlanCalendar {
    return zone === this.zone ? this : new PlanCalendar({ ...this.config, zone });
  }

  /** Plan days are calendar days: day 1 is the start date, day 2 the next date, weekends included. */
  dateOfPlanDay(day: number): IsoDate {
    if (!Number.isInteger(day) || day < 1) {
      throw new RangeError(`Plan days count from 1, got ${day}`);
    }
    return addDays(this.startDate, day - 1);
  }

  /** The plan day of a date; 0 or less before the plan starts. */
  planDayOf(date: IsoDate): number {
    return daysBetween(this.startDate, date) + 1;
  }

  /** Week N is plan days 7N−6 … 7N: weeks run from the start date's weekday, not ISO weeks. */
  weekRange(week: number): DateRange {
    if (!Number.isInteger(week) || week < 1) {
      throw new RangeError(`Plan weeks count from 1, got ${week}`);
    }
    const from = this.dateOfPlanDay(7 * (week - 1) + 1);
    return { from, to: addDays(from, 6) };
  }

  /** The local date `instant` falls on in the plan's zone. */
  dateOf(instant: DateTime): IsoDate {
    return localDateOf(instant, this.zone);
  }

  /** First instant of a local date (its midnight, or the end of a DST gap at midnight). */
  startOf(date: IsoDate): DateTime {
    return atLocalTime(date, '00:00', this.zone);
  }

  /** The end of a date is the start of the next one: a task due that day is late from this instant. */
  endOf(date: IsoDate): DateTime {
    return this.startOf(addDays(date, 1));
  }

  isHoliday(date: IsoDate): boolean {
    return this.holidays.has(date);
  }

  isBufferDay(date: IsoDate): boolean {
    return this.buffers.has(date);
  }

  /**
   * A working weekday that is neither a holiday nor a buffer day. Buffer days are light days with
   * their own check-in, so standups skip them and business-hour delays do not count them, even when
   * a plan puts one on a weekday.
   */
  isWorkingDay(date: IsoDate): boolean {
    return this.workingDays.has(weekdayOf(date)) && !this.isHoliday(date) && !this.isBufferDay(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    // Every 7 days hold a working weekday, and each holiday or buffer day removes at most one,
    // so this bound is never reached with a validated calendar; it only guards the loop.
    const limit = 7 * (this.holidays.size + this.buffers.size + 1);
    let day = date;
    for (let i = 0; i < limit; i += 1) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) {
        return day;
      }
    }
    throw new RangeError(`No working day within ${limit} days after ${date}`);
  }

  /** The first buffer day strictly after `date`, or null when the plan has none left. */
  nextBufferDay(date: IsoDate): IsoDate | null {
    return this.bufferDates.find((buffer) => buffer > date) ?? null;
  }

  /**
   * Working days in (a, b]: the days you pass walking from a to b, counting b but not a.
   * Negative when b is before a, so `businessDaysBetween(due, today)` reads as "days late".
   */
  businessDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = dayNumberOf(a);
    const to = dayNumberOf(b);
    if (from === undefined || to === undefined) {
      throw new RangeError(`Not an ISO date (yyyy-MM-dd): "${from === undefined ? a : b}"`);
    }
    if (to < from) {
      return -this.workdaysAfter(to, from - to);
    }
    return this.workdaysAfter(from, to - from);
  }

  /**
   * Working days among the `length` days after day number `from`, without walking them: every 7
   * consecutive days hold each weekday once, so only the last partial week is looked at day by day,
   * and the holidays and buffer days on working weekdays in range are found by binary search.
   */
  private workdaysAfter(from: number, length: number): number {
    const weeks = Math.floor(length / 7);
    let count = weeks * this.workingDays.size;
    for (let day = from + weeks * 7 + 1; day <= from + length; day += 1) {
      if (this.workingDays.has(weekdayOfDayNumber(day))) count += 1;
    }
    return count - (countAtMost(this.skippedWorkdays, from + length) - countAtMost(this.skippedWorkdays, from));
  }
}

/** How many of the ascending `values` are ≤ `limit`. */
function countAtMost(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
