import { describe, expect, it } from 'vitest';
import { isMemberAvailable, timeOffRangeSchema } from '../../../src/domain/member-availability.js';

describe('isMemberAvailable', () => {
  const timeOff = [
    { from: '2026-12-14', to: '2026-12-16' },
    { from: '2026-12-24', to: '2026-12-24' },
  ];

  it('is false on the first and last day of time off, true around it', () => {
    expect(isMemberAvailable(timeOff, '2026-12-13')).toBe(true);
    expect(isMemberAvailable(timeOff, '2026-12-14')).toBe(false);
    expect(isMemberAvailable(timeOff, '2026-12-16')).toBe(false);
    expect(isMemberAvailable(timeOff, '2026-12-17')).toBe(true);
    expect(isMemberAvailable(timeOff, '2026-12-24')).toBe(false);
  });

  it('treats a member with no time off as available', () => {
    expect(isMemberAvailable(null, '2026-12-14')).toBe(true);
    expect(isMemberAvailable([], '2026-12-14')).toBe(true);
  });

  it('rejects a range that ends before it starts', () => {
    expect(timeOffRangeSchema.safeParse({ from: '2026-12-16', to: '2026-12-14' }).success).toBe(false);
  });
});
