import { describe, expect, it } from 'vitest';
import { createPlanCalendar } from '../../../src/domain/calendar.js';
import { nextFiring, type FiringSchedule } from '../../../src/domain/next-firing.js';

// A plan in Los Angeles starting Monday 2026-03-02; DST begins Sunday 2026-03-08.
const calendar = createPlanCalendar({
  zone: 'America/Los_Angeles',
  startDate: '2026-03-02',
  bufferDays: ['2026-03-07', '2026-03-14'],
});
const bounds = { calendar, lastDay: '2026-03-14', checkpointDates: ['2026-03-13', '2026-03-06'] };
const ritual = (over: Partial<FiringSchedule>): FiringSchedule => ({
  kind: 'standup',
  localTime: '09:00',
  timezone: 'America/Los_Angeles',
  days: [1, 2, 3, 4, 5],
  onBufferDays: false,
  ...over,
});

describe('nextFiring: one rule for the first firing and every firing after', () => {
  it('keeps a weekday stand-up at 09:00 local across the spring-forward weekend', () => {
    expect(nextFiring(ritual({}), bounds, new Date('2026-03-06T17:00:00Z'))).toEqual(
      new Date('2026-03-09T16:00:00Z'), // Monday 09:00 PDT
    );
  });

  it('puts a buffer-day check-in on the next buffer day, and stops when none is left', () => {
    const checkin = ritual({ kind: 'weekend_checkin', localTime: '11:00', days: [], onBufferDays: true });
    expect(nextFiring(checkin, bounds, new Date('2026-03-09T00:00:00Z'))).toEqual(new Date('2026-03-14T18:00:00Z'));
    expect(nextFiring(checkin, bounds, new Date('2026-03-14T18:00:00Z'))).toBeNull();
  });

  it('fires nothing after the plan’s last day', () => {
    expect(nextFiring(ritual({}), bounds, new Date('2026-03-13T17:00:00Z'))).toBeNull();
  });

  it('fires milestone checkpoints on milestone dates in order, whatever the weekdays say', () => {
    const checkpoint = ritual({ kind: 'milestone_checkpoint', localTime: '17:00', days: [] });
    expect(nextFiring(checkpoint, bounds, new Date('2026-03-02T00:00:00Z'))).toEqual(
      new Date('2026-03-07T01:00:00Z'), // Friday 03-06 17:00 PST
    );
    expect(nextFiring(checkpoint, bounds, new Date('2026-03-07T01:00:00Z'))).toEqual(
      new Date('2026-03-14T00:00:00Z'), // Friday 03-13 17:00 PDT
    );
  });
});
