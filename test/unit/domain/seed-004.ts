import { createPlanCalendar } from '../../../src/domain/calendar.js';
import type { PlanCalendar } from '../../../src/domain/calendar.js';
import type { ScheduledTask } from '../../../src/domain/types.js';

/**
 * The shape of seed 004 (shared/seeds/004_b059b576a3d56f4a.txt): 21 calendar days from Monday
 * 2026-12-07, buffer days 6, 13 and 20, times in PT. Dependencies are read from its table's
 * "Dependencies" column; "All previous deliverables" (day 21) is written as days 19 and 20.
 */
export const SEED_004_ZONE = 'America/Los_Angeles';

export function seed004Calendar(holidays: string[] = []): PlanCalendar {
  return createPlanCalendar({ zone: SEED_004_ZONE, startDate: '2026-12-07', bufferDays: [6, 13, 20], holidays });
}

const dependencies: Record<number, number[]> = {
  4: [3],
  6: [1, 2, 3, 4, 5],
  9: [8],
  10: [9],
  11: [10],
  13: [11],
  16: [15],
  17: [16],
  18: [17],
  19: [18],
  20: [19],
  21: [19, 20],
};

/** Tasks d1 … d21, due on their plan day; d3, d4, d10, d11, d12 and d19 are on the critical path. */
export function seed004Tasks(calendar: PlanCalendar): ScheduledTask[] {
  const critical = new Set([3, 4, 10, 11, 12, 19]);
  return Array.from({ length: 21 }, (_, index) => {
    const day = index + 1;
    return {
      key: `d${day}`,
      dueDate: calendar.dateOfPlanDay(day),
      status: 'todo',
      dependsOn: (dependencies[day] ?? []).map((dep) => `d${dep}`),
      critical: critical.has(day),
    };
  });
}
