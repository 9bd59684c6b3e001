import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration } from '../../../src/service/messages/format.js';

describe('formatDate spells dates as luxon does (en-US, `ccc d LLL`)', () => {
  it('for any date from 1899 to 2201', () => {
    const minDay = Date.UTC(1899, 0, 1) / 86_400_000;
    const maxDay = Date.UTC(2201, 11, 31) / 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: minDay, max: maxDay }), (day) => {
        const date = DateTime.fromMillis(day * 86_400_000, { zone: 'utc', locale: 'en-US' });
        expect(formatDate(date.toFormat('yyyy-MM-dd'))).toBe(date.toFormat('ccc d LLL'));
      }),
      { numRuns: 2000 },
    );
    expect(formatDate('2026-12-07')).toBe('Mon 7 Dec');
  });

  it('shows an impossible date as written', () => {
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
  });
});

describe('formatDuration', () => {
  it('reads the same elapsed time from luxon DateTimes in any zone and from JS Dates', () => {
    const from = DateTime.fromISO('2026-03-08T01:30', { zone: 'America/Los_Angeles' });
    const to = from.plus({ hours: 26, minutes: 5 });
    expect(formatDuration(from, to)).toBe('1 d 2 h');
    expect(formatDuration(from.toJSDate(), to.setZone('Asia/Tokyo'))).toBe('1 d 2 h');
  });
});
