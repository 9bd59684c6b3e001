import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, addDelay, addElapsedMinutes } from '../../../src/domain/business-hours.js';
import { createPlanCalendar } from '../../../src/domain/calendar.js';
import { seed004Calendar } from './seed-004.js';

const at = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true });

describe('addBusinessMinutes (Mon–Fri 09:00–17:00 PT)', () => {
  const calendar = seed004Calendar(['2026-12-25']);

  it('carries 4 business hours from Friday 15:00 over the weekend to Monday 11:00', () => {
    expect(addBusinessMinutes(at('2026-12-11T15:00:00.000-08:00'), 240, calendar).toISO()).toBe(
      '2026-12-14T11:00:00.000-08:00',
    );
  });

  it('ends at closing time when the delay fills the day exactly', () => {
    expect(addBusinessMinutes(at('2026-12-11T13:00:00.000-08:00'), 240, calendar).toISO()).toBe(
      '2026-12-11T17:00:00.000-08:00',
    );
  });

  it('waits for the window to open when started outside it', () => {
    expect(addBusinessMinutes(at('2026-12-12T10:00:00.000-08:00'), 60, calendar).toISO()).toBe(
      '2026-12-14T10:00:00.000-08:00',
    );
    expect(addBusinessMinutes(at('2026-12-14T07:00:00.000-08:00'), 30, calendar).toISO()).toBe(
      '2026-12-14T09:30:00.000-08:00',
    );
    expect(addBusinessMinutes(at('2026-12-14T18:00:00.000-08:00'), 30, calendar).toISO()).toBe(
      '2026-12-15T09:30:00.000-08:00',
    );
  });

  it('spans several working days', () => {
    expect(addBusinessMinutes(at('2026-12-14T09:00:00.000-08:00'), 17 * 60, calendar).toISO()).toBe(
      '2026-12-16T10:00:00.000-08:00',
    );
  });

  it('skips a holiday and a buffer day', () => {
    // Thursday 24th 16:00 + 2 h: one hour on Thursday, then Christmas, buffer Saturday and Sunday pass.
    expect(addBusinessMinutes(at('2026-12-24T16:00:00.000-08:00'), 120, calendar).toISO()).toBe(
      '2026-12-28T10:00:00.000-08:00',
    );
  });

  it('reads an instant given in UTC in the plan zone and answers in the plan zone', () => {
    expect(addBusinessMinutes(at('2026-12-11T23:00:00.000Z'), 240, calendar).toISO()).toBe(
      '2026-12-14T11:00:00.000-08:00',
    );
  });

  it('treats zero as at once and refuses a negative delay', () => {
    expect(addBusinessMinutes(at('2026-12-12T10:00:00.000-08:00'), 0, calendar).toISO()).toBe(
      '2026-12-12T10:00:00.000-08:00',
    );
    expect(() => addBusinessMinutes(at('2026-12-12T10:00:00.000-08:00'), -1, calendar)).toThrow(RangeError);
  });

  it('honours a configured window', () => {
    const late = createPlanCalendar({
      zone: 'America/Los_Angeles',
      startDate: '2026-12-07',
      businessHours: { start: '10:00', end: '14:00' },
    });
    expect(addBusinessMinutes(at('2026-12-11T13:00:00.000-08:00'), 120, late).toISO()).toBe(
      '2026-12-14T11:00:00.000-08:00',
    );
  });
});

describe('business hours across the spring-forward weekend (America/Los_Angeles 2026-03-08)', () => {
  const calendar = createPlanCalendar({ zone: 'America/Los_Angeles', startDate: '2026-03-02' });

  it('carries 2 business hours from Friday 16:00 PST to Monday 10:00 PDT', () => {
    expect(addBusinessMinutes(at('2026-03-06T16:00:00.000-08:00'), 120, calendar).toISO()).toBe(
      '2026-03-09T10:00:00.000-07:00',
    );
  });

  it('counts elapsed minutes in real time, so 72 h from Friday 09:00 PST is Monday 10:00 PDT', () => {
    expect(
      addElapsedMinutes(at('2026-03-06T09:00:00.000-08:00'), 72 * 60)
        .setZone('America/Los_Angeles')
        .toISO(),
    ).toBe('2026-03-09T10:00:00.000-07:00');
  });

  it('picks the mode per delay', () => {
    const friday = at('2026-03-06T16:00:00.000-08:00');
    expect(addDelay(friday, { minutes: 120, businessHours: false }, calendar).toISO()).toBe(
      '2026-03-06T18:00:00.000-08:00',
    );
    expect(addDelay(friday, { minutes: 120, businessHours: true }, calendar).toISO()).toBe(
      '2026-03-09T10:00:00.000-07:00',
    );
  });
});
