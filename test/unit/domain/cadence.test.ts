import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextOccurrence, occurrencesBetween } from '../../../src/domain/cadence.js';
import type { WeekdaySchedule } from '../../../src/domain/cadence.js';
import { seed004Calendar } from './seed-004.js';

const LA = 'America/Los_Angeles';
const BERLIN = 'Europe/Berlin';
const SYDNEY = 'Australia/Sydney';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7] as const;
const at = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true });
const iso = (instant: DateTime | null): string | null => instant?.toISO() ?? null;
const daily = (localTime: string, zone: string): WeekdaySchedule => ({ localTime, zone, days: EVERY_DAY });

describe('nextOccurrence keeps local time across DST (America/Los_Angeles 2026)', () => {
  const standup = daily('09:00', LA);

  it('09:00 PST Saturday is followed by 09:00 PDT on spring-forward Sunday, 23 hours later', () => {
    const saturday = at('2026-03-07T09:00:00.000-08:00');
    const sunday = nextOccurrence(standup, saturday);
    expect(iso(sunday)).toBe('2026-03-08T09:00:00.000-07:00');
    expect(sunday.diff(saturday, 'hours').hours).toBe(23);
  });

  it('09:00 PDT Saturday is followed by 09:00 PST on fall-back Sunday, 25 hours later', () => {
    const saturday = at('2026-10-31T09:00:00.000-07:00');
    const sunday = nextOccurrence(standup, saturday);
    expect(iso(sunday)).toBe('2026-11-01T09:00:00.000-08:00');
    expect(sunday.diff(saturday, 'hours').hours).toBe(25);
  });

  it('a weekday standup goes from Friday 09:00 PST to Monday 09:00 PDT', () => {
    const weekdays: WeekdaySchedule = { localTime: '09:00', zone: LA, days: [1, 2, 3, 4, 5] };
    expect(iso(nextOccurrence(weekdays, at('2026-03-06T09:00:00.000-08:00')))).toBe('2026-03-09T09:00:00.000-07:00');
    expect(iso(nextOccurrence(weekdays, at('2026-10-30T09:00:00.000-07:00')))).toBe('2026-11-02T09:00:00.000-08:00');
  });

  it('returns the first instant strictly after `after`, whatever zone `after` is in', () => {
    expect(iso(nextOccurrence(standup, at('2026-03-10T15:59:59.999Z')))).toBe('2026-03-10T09:00:00.000-07:00');
    expect(iso(nextOccurrence(standup, at('2026-03-10T16:00:00.000Z')))).toBe('2026-03-11T09:00:00.000-07:00');
  });

  it('fires 02:30 at 03:00 PDT on spring-forward day, when 02:30 does not exist', () => {
    const early = daily('02:30', LA);
    const gapDay = nextOccurrence(early, at('2026-03-07T02:30:00.000-08:00'));
    expect(iso(gapDay)).toBe('2026-03-08T03:00:00.000-07:00');
    expect(iso(nextOccurrence(early, gapDay))).toBe('2026-03-09T02:30:00.000-07:00');
  });

  it('fires 01:30 once on fall-back day, at the earlier (PDT) instant', () => {
    const early = daily('01:30', LA);
    const first = nextOccurrence(early, at('2026-10-31T01:30:00.000-07:00'));
    expect(iso(first)).toBe('2026-11-01T01:30:00.000-07:00');
    // The second 01:30 (PST, an hour later) is not another occurrence.
    expect(iso(nextOccurrence(early, first))).toBe('2026-11-02T01:30:00.000-08:00');
    expect(iso(nextOccurrence(early, at('2026-11-01T01:45:00.000-07:00')))).toBe('2026-11-02T01:30:00.000-08:00');
  });

  it('lists the fall-back night once in a catch-up window', () => {
    const early = daily('01:30', LA);
    const found = occurrencesBetween(early, at('2026-10-31T00:00:00.000-07:00'), at('2026-11-02T12:00:00.000-08:00'));
    expect(found.map((instant) => instant.toISO())).toEqual([
      '2026-10-31T01:30:00.000-07:00',
      '2026-11-01T01:30:00.000-07:00',
      '2026-11-02T01:30:00.000-08:00',
    ]);
  });
});

describe('nextOccurrence in Europe/Berlin (2026-03-29 and 2026-10-25)', () => {
  it('keeps 09:00 local across both changes', () => {
    const standup = daily('09:00', BERLIN);
    expect(iso(nextOccurrence(standup, at('2026-03-28T09:00:00.000+01:00')))).toBe('2026-03-29T09:00:00.000+02:00');
    expect(iso(nextOccurrence(standup, at('2026-10-24T09:00:00.000+02:00')))).toBe('2026-10-25T09:00:00.000+01:00');
  });

  it('fires 02:30 at 03:00 CEST in the gap and once at 02:30 CEST when it repeats', () => {
    const early = daily('02:30', BERLIN);
    expect(iso(nextOccurrence(early, at('2026-03-28T12:00:00.000+01:00')))).toBe('2026-03-29T03:00:00.000+02:00');
    const repeated = nextOccurrence(early, at('2026-10-24T12:00:00.000+02:00'));
    expect(iso(repeated)).toBe('2026-10-25T02:30:00.000+02:00');
    expect(iso(nextOccurrence(early, repeated))).toBe('2026-10-26T02:30:00.000+01:00');
  });
});

describe('nextOccurrence in Australia/Sydney (2026-04-05 and 2026-10-04)', () => {
  it('keeps 09:00 local when DST ends in April and starts in October', () => {
    const standup = daily('09:00', SYDNEY);
    expect(iso(nextOccurrence(standup, at('2026-04-04T09:00:00.000+11:00')))).toBe('2026-04-05T09:00:00.000+10:00');
    expect(iso(nextOccurrence(standup, at('2026-10-03T09:00:00.000+10:00')))).toBe('2026-10-04T09:00:00.000+11:00');
  });

  it('fires 02:30 at 03:00 AEDT in the October gap', () => {
    expect(iso(nextOccurrence(daily('02:30', SYDNEY), at('2026-10-03T12:00:00.000+10:00')))).toBe(
      '2026-10-04T03:00:00.000+11:00',
    );
  });
});

describe('schedules on the plan calendar (seed 004)', () => {
  const calendar = seed004Calendar(['2026-12-25']);

  it('runs the working-day standup on neither the holiday, the buffer Saturday nor Sunday', () => {
    const standup = { localTime: '09:00', zone: LA, days: 'working' } as const;
    expect(iso(nextOccurrence(standup, at('2026-12-24T09:00:00.000-08:00'), calendar))).toBe(
      '2026-12-28T09:00:00.000-08:00',
    );
    expect(iso(nextOccurrence(standup, at('2026-12-07T08:00:00.000-08:00'), calendar))).toBe(
      '2026-12-07T09:00:00.000-08:00',
    );
  });

  it('runs the 11:00 weekend check-in on buffer days only, and stops after the last', () => {
    const checkIn = { localTime: '11:00', zone: LA, days: 'buffer' } as const;
    const found = occurrencesBetween(
      checkIn,
      at('2026-12-01T00:00:00.000-08:00'),
      at('2027-01-31T00:00:00.000-08:00'),
      calendar,
    );
    expect(found.map((instant) => instant.toISO())).toEqual([
      '2026-12-12T11:00:00.000-08:00',
      '2026-12-19T11:00:00.000-08:00',
      '2026-12-26T11:00:00.000-08:00',
    ]);
    expect(nextOccurrence(checkIn, at('2026-12-26T11:00:00.000-08:00'), calendar)).toBeNull();
  });

  it('needs the calendar for a working-day schedule', () => {
    const standup = { localTime: '09:00', zone: LA, days: 'working' } as const;
    expect(() =>
      occurrencesBetween(standup, at('2026-12-07T00:00:00.000-08:00'), at('2026-12-08T00:00:00.000-08:00')),
    ).toThrow(TypeError);
  });
});

describe('occurrencesBetween for catch-up', () => {
  const standup = daily('09:00', LA);

  it('lists firings in (from, to], excluding `from` itself', () => {
    const found = occurrencesBetween(standup, at('2026-03-07T09:00:00.000-08:00'), at('2026-03-09T09:00:00.000-07:00'));
    expect(found.map((instant) => instant.toISO())).toEqual([
      '2026-03-08T09:00:00.000-07:00',
      '2026-03-09T09:00:00.000-07:00',
    ]);
  });

  it('is bounded after a long outage', () => {
    const from = at('2026-01-01T00:00:00.000-08:00');
    const to = at('2026-12-31T00:00:00.000-08:00');
    expect(occurrencesBetween(standup, from, to)).toHaveLength(100);
    expect(occurrencesBetween(standup, from, to, undefined, 5)).toHaveLength(5);
  });
});
