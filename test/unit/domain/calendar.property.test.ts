import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createPlanCalendar } from '../../../src/domain/calendar.js';
import { addDays, daysBetween, weekdayOf } from '../../../src/domain/iso-date.js';

// References computed with luxon, one day at a time, independently of the arithmetic under test.
const utc = (date: string) => DateTime.fromISO(date, { zone: 'utc' });
const iso = (date: DateTime) => date.toFormat('yyyy-MM-dd');

function referenceBusinessDays(a: string, b: string, workingDays: number[], skipped: ReadonlySet<string>): number {
  if (b < a) return -referenceBusinessDays(b, a, workingDays, skipped);
  let count = 0;
  for (let day = utc(a).plus({ days: 1 }); iso(day) <= b; day = day.plus({ days: 1 })) {
    if (workingDays.includes(day.weekday) && !skipped.has(iso(day))) count += 1;
  }
  return count;
}

// Dates from 1899 to 2201: year ends, 29 Februaries (1900 and 2100 have none, 2000 has one) and
// every DST change of those years in any zone fall inside.
const minDay = Date.UTC(1899, 0, 1) / 86_400_000;
const maxDay = Date.UTC(2201, 11, 31) / 86_400_000;
const anyDate = fc
  .integer({ min: minDay, max: maxDay })
  .map((day) => iso(DateTime.fromMillis(day * 86_400_000, { zone: 'utc' })));
// Dates next to the hard cases: New Year, 28 Feb – 1 Mar, and the US and EU DST Sundays of 2026.
const edges = [
  '2025-12-31',
  '2026-01-01',
  '2026-03-08',
  '2026-03-29',
  '2026-10-25',
  '2026-11-01',
  '2024-02-28',
  '2100-02-28',
  '2000-02-28',
  '1999-12-31',
];
const nearEdge = fc
  .tuple(fc.constantFrom(...edges), fc.integer({ min: -10, max: 10 }))
  .map(([date, offset]) => iso(utc(date).plus({ days: offset })));
const date = fc.oneof(anyDate, nearEdge);

describe('ISO date arithmetic matches luxon', () => {
  it('addDays, daysBetween and weekdayOf agree with luxon in UTC', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -3000, max: 3000 }), (start, days) => {
        const end = iso(utc(start).plus({ days }));
        expect(addDays(start, days)).toBe(end);
        expect(daysBetween(start, end)).toBe(days);
        expect(weekdayOf(start)).toBe(utc(start).weekday);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    '2026-02-29',
    '2100-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-01',
    '26-01-01',
    '2026/01/01',
    '',
    'tomorrow',
  ])('rejects %j with a RangeError', (bad) => {
    expect(() => addDays(bad, 1)).toThrow(RangeError);
    expect(() => daysBetween(bad, '2026-01-01')).toThrow(RangeError);
    expect(() => weekdayOf(bad)).toThrow(RangeError);
  });

  it('keeps leap days: 2000-02-29 exists, 1900-02-29 does not', () => {
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('businessDaysBetween matches a day-by-day count', () => {
  const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'UTC'];
  const nearby = (base: string) =>
    fc.integer({ min: -120, max: 120 }).map((offset) => iso(utc(base).plus({ days: offset })));

  it('over random ranges with random working weekdays, holidays and buffer days (by date and by plan day)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        date,
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 0, max: 12 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { maxLength: 8 }),
        fc.uniqueArray(fc.integer({ min: -60, max: 400 }), { maxLength: 8 }),
        (zone, startDate, workingDays, fromOffset, toOffset, holidayCount, bufferPlanDays, bufferOffsets) => {
          const a = iso(utc(startDate).plus({ days: fromOffset }));
          const b = iso(utc(startDate).plus({ days: toOffset }));
          // Holidays spread over the range (some on weekends, some repeated as buffer days too).
          const holidays = Array.from({ length: holidayCount }, (_, i) =>
            iso(
              utc(startDate).plus({
                days: fromOffset + Math.floor(((toOffset - fromOffset) * i) / Math.max(1, holidayCount)) + (i % 3),
              }),
            ),
          );
          const bufferDates = bufferOffsets.map((offset) => iso(utc(startDate).plus({ days: offset })));
          const calendar = createPlanCalendar({
            zone,
            startDate,
            workingDays,
            holidays,
            bufferDays: [...bufferPlanDays, ...bufferDates, ...holidays.slice(0, 2)],
          });
          const skipped = new Set([...holidays, ...calendar.bufferDates]);
          expect(calendar.businessDaysBetween(a, b)).toBe(referenceBusinessDays(a, b, workingDays, skipped));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('across the 2026 DST changes and the year end in the plan zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        nearby('2026-03-20'),
        nearby('2026-12-20'),
        fc.uniqueArray(nearby('2026-11-01'), { maxLength: 10 }),
        (zone, a, b, holidays) => {
          const calendar = createPlanCalendar({
            zone,
            startDate: '2026-03-02',
            holidays,
            bufferDays: [6, 13, 20, 250, 300],
          });
          const skipped = new Set([...holidays, ...calendar.bufferDates]);
          expect(calendar.businessDaysBetween(a, b)).toBe(referenceBusinessDays(a, b, [1, 2, 3, 4, 5], skipped));
          expect(calendar.businessDaysBetween(b, a)).toBe(-referenceBusinessDays(a, b, [1, 2, 3, 4, 5], skipped));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a date that is not yyyy-MM-dd instead of counting to it', () => {
    const calendar = createPlanCalendar({ zone: 'UTC', startDate: '2026-12-07' });
    expect(() => calendar.businessDaysBetween('2026-12-07', '2026-13-01')).toThrow(RangeError);
    expect(() => calendar.businessDaysBetween('not a date', '2026-12-07')).toThrow(RangeError);
  });
});
