import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createPlanCalendar } from '../../../src/domain/calendar.js';
import { weekdayOf } from '../../../src/domain/iso-date.js';
import { seed004Calendar } from './seed-004.js';

describe('PlanCalendar on the seed 004 plan (21 days from Monday 2026-12-07)', () => {
  const calendar = seed004Calendar();

  it('counts plan days as calendar days, so day 21 is Sunday 2026-12-27', () => {
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(calendar.dateOfPlanDay(1)).toBe('2026-12-07');
    expect(calendar.dateOfPlanDay(21)).toBe('2026-12-27');
    expect(calendar.planDayOf('2026-12-27')).toBe(21);
    expect(calendar.planDayOf('2026-12-06')).toBe(0);
  });

  it('puts buffer days 6, 13 and 20 on the Saturdays, and days 7, 14 and 21 on Sundays', () => {
    expect(calendar.bufferDates).toEqual(['2026-12-12', '2026-12-19', '2026-12-26']);
    expect(calendar.bufferDates.map(weekdayOf)).toEqual([6, 6, 6]);
    expect([7, 14, 21].map((day) => weekdayOf(calendar.dateOfPlanDay(day)))).toEqual([7, 7, 7]);
    // The seed schedules work on those Sundays, yet with the default Mon–Fri they are not working days.
    expect(calendar.isWorkingDay(calendar.dateOfPlanDay(7))).toBe(false);
    expect(calendar.isBufferDay('2026-12-12')).toBe(true);
    expect(calendar.isWorkingDay('2026-12-12')).toBe(false);
    expect(calendar.isWorkingDay('2026-12-11')).toBe(true);
  });

  it('gives plan weeks as 7-day ranges from the start date', () => {
    expect(calendar.weekRange(1)).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(calendar.weekRange(3)).toEqual({ from: '2026-12-21', to: '2026-12-27' });
  });

  it('finds the next buffer day strictly after a date, and none after the last', () => {
    expect(calendar.nextBufferDay('2026-12-07')).toBe('2026-12-12');
    expect(calendar.nextBufferDay('2026-12-12')).toBe('2026-12-19');
    expect(calendar.nextBufferDay('2026-12-26')).toBeNull();
  });

  it('rejects plan day 0 and week 0', () => {
    expect(() => calendar.dateOfPlanDay(0)).toThrow(RangeError);
    expect(() => calendar.weekRange(0)).toThrow(RangeError);
  });
});

describe('PlanCalendar working days and holidays', () => {
  const calendar = seed004Calendar(['2026-12-25']);

  it('skips a holiday, a buffer Saturday and a Sunday to find the next working day', () => {
    expect(calendar.isHoliday('2026-12-25')).toBe(true);
    expect(calendar.isWorkingDay('2026-12-25')).toBe(false);
    expect(calendar.nextWorkingDay('2026-12-24')).toBe('2026-12-28');
    expect(calendar.nextWorkingDay('2026-12-07')).toBe('2026-12-08');
  });

  it('counts business days in (a, b], negative backwards', () => {
    expect(calendar.businessDaysBetween('2026-12-11', '2026-12-14')).toBe(1);
    expect(calendar.businessDaysBetween('2026-12-14', '2026-12-11')).toBe(-1);
    expect(calendar.businessDaysBetween('2026-12-14', '2026-12-14')).toBe(0);
    // Mon 21 → Mon 28: Tue, Wed, Thu and Mon; Christmas, the buffer Saturday and Sunday do not count.
    expect(calendar.businessDaysBetween('2026-12-21', '2026-12-28')).toBe(4);
  });

  it('accepts buffer days as dates and other working weekdays', () => {
    const sundayToThursday = createPlanCalendar({
      zone: 'Asia/Jerusalem',
      startDate: '2026-12-06',
      workingDays: [7, 1, 2, 3, 4],
      bufferDays: ['2026-12-10'],
    });
    expect(sundayToThursday.isWorkingDay('2026-12-06')).toBe(true);
    expect(sundayToThursday.isWorkingDay('2026-12-11')).toBe(false);
    expect(sundayToThursday.isBufferDay('2026-12-10')).toBe(true);
    expect(sundayToThursday.nextWorkingDay('2026-12-09')).toBe('2026-12-13');
  });
});

describe('PlanCalendar local days in the plan zone', () => {
  const calendar = seed004Calendar();

  it('reads the local date of an instant in the plan zone, not UTC', () => {
    expect(calendar.dateOf(DateTime.fromISO('2026-12-08T07:30:00Z'))).toBe('2026-12-07');
    expect(calendar.dateOf(DateTime.fromISO('2026-12-08T08:00:00Z'))).toBe('2026-12-08');
  });

  it('knows the spring-forward day has 23 hours and the fall-back day 25', () => {
    const la = createPlanCalendar({ zone: 'America/Los_Angeles', startDate: '2026-03-02' });
    expect(la.startOf('2026-03-08').toISO()).toBe('2026-03-08T00:00:00.000-08:00');
    expect(la.endOf('2026-03-08').toISO()).toBe('2026-03-09T00:00:00.000-07:00');
    expect(la.endOf('2026-03-08').diff(la.startOf('2026-03-08'), 'hours').hours).toBe(23);
    expect(la.endOf('2026-11-01').diff(la.startOf('2026-11-01'), 'hours').hours).toBe(25);
  });
});

describe('createPlanCalendar validation', () => {
  const valid = { zone: 'America/Los_Angeles', startDate: '2026-12-07' };

  it.each([
    ['an unknown zone', { ...valid, zone: 'America/Springfield' }],
    ['an impossible date', { ...valid, startDate: '2026-02-30' }],
    ['no working day', { ...valid, workingDays: [] }],
    ['a weekday 8', { ...valid, workingDays: [8] }],
    ['business hours ending before they start', { ...valid, businessHours: { start: '17:00', end: '09:00' } }],
    ['a bad holiday', { ...valid, holidays: ['25/12/2026'] }],
  ])('rejects %s with a ZodError', (_name, input) => {
    expect(() => createPlanCalendar(input)).toThrow(ZodError);
  });

  it('defaults to Mon–Fri and 09:00–17:00', () => {
    const calendar = createPlanCalendar(valid);
    expect(calendar.businessHours).toEqual({ start: '09:00', end: '17:00' });
    expect(calendar.isWorkingDay('2026-12-11')).toBe(true);
    expect(calendar.isWorkingDay('2026-12-13')).toBe(false);
  });
});
