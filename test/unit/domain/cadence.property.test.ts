import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextOccurrence } from '../../../src/domain/cadence.js';
import type { WeekdaySchedule } from '../../../src/domain/cadence.js';
import type { IsoWeekday } from '../../../src/domain/types.js';

const zones = ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'UTC'];
const from2026 = Date.UTC(2026, 0, 1);
const to2027 = Date.UTC(2027, 0, 1);

describe('nextOccurrence properties over 2026', () => {
  it('fires strictly after `after`, within 8 days, on a scheduled local weekday, at the local time unless that time does not exist', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: from2026, max: to2027 }),
        (zone, hour, minute, days, afterMs) => {
          const schedule: WeekdaySchedule = {
            zone,
            localTime: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
            days: days as IsoWeekday[],
          };
          const after = DateTime.fromMillis(afterMs, { zone: 'utc' });
          const next = nextOccurrence(schedule, after);
          expect(next.toMillis()).toBeGreaterThan(afterMs);
          expect(next.diff(after, 'days').days).toBeLessThanOrEqual(8);
          expect(days).toContain(next.setZone(zone).weekday);
          const local = next.setZone(zone);
          if (local.hour !== hour || local.minute !== minute) {
            // Only a spring-forward gap moves the time, and then to the instant the gap ends.
            expect(local.minus({ minutes: 1 }).offset).toBeLessThan(local.offset);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
