import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes } from '../../../src/domain/business-hours.js';
import { nextOccurrence } from '../../../src/domain/cadence.js';
import { atLocalTime, parseLocalTime } from '../../../src/domain/local-time.js';
import { seed004Calendar } from './seed-004.js';

describe('atLocalTime', () => {
  it('places a wall time on a date in a zone', () => {
    expect(atLocalTime('2026-12-07', '09:00', 'America/Los_Angeles').toISO()).toBe('2026-12-07T09:00:00.000-08:00');
  });

  it('moves a time in the gap to the end of the gap, and picks the earlier of a repeated time', () => {
    expect(atLocalTime('2026-03-08', '02:00', 'America/Los_Angeles').toISO()).toBe('2026-03-08T03:00:00.000-07:00');
    expect(atLocalTime('2026-03-08', '02:59', 'America/Los_Angeles').toISO()).toBe('2026-03-08T03:00:00.000-07:00');
    expect(atLocalTime('2026-11-01', '01:00', 'America/Los_Angeles').toISO()).toBe('2026-11-01T01:00:00.000-07:00');
    expect(atLocalTime('2026-11-01', '02:00', 'America/Los_Angeles').toISO()).toBe('2026-11-01T02:00:00.000-08:00');
  });

  it('rejects malformed times and unknown zones', () => {
    expect(() => parseLocalTime('9:00')).toThrow(RangeError);
    expect(() => parseLocalTime('24:00')).toThrow(RangeError);
    expect(() => atLocalTime('2026-12-07', '09:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('invalid instants', () => {
  const invalid = DateTime.invalid('unparsable');

  it('are refused instead of sending a search loop spinning', () => {
    expect(() => nextOccurrence({ localTime: '09:00', zone: 'UTC', days: [1] }, invalid)).toThrow(RangeError);
    expect(() => addBusinessMinutes(invalid, 60, seed004Calendar())).toThrow(RangeError);
  });
});
