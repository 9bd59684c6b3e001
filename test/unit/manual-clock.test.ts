import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';

describe('ManualClock', () => {
  it('stands still until moved, then moves exactly as told', () => {
    const clock = new ManualClock('2026-11-01T08:30:00Z');
    expect(clock.now().toISOString()).toBe('2026-11-01T08:30:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-01T08:30:00.000Z');
    clock.advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-11-01T10:00:00.000Z');
    clock.set('2026-11-02T17:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-11-02T17:00:00.000Z');
  });

  it('refuses to move backwards or to an invalid instant', () => {
    const clock = new ManualClock('2026-11-01T08:30:00Z');
    expect(() => clock.set('2026-10-31T00:00:00Z')).toThrow(/cannot move back/);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => new ManualClock('not a date')).toThrow(/not a valid instant/);
  });

  it('hands out copies, so a caller cannot move time by mutating a Date', () => {
    const clock = new ManualClock('2026-11-01T08:30:00Z');
    clock.now().setUTCFullYear(2030);
    expect(clock.now().toISOString()).toBe('2026-11-01T08:30:00.000Z');
  });
});
