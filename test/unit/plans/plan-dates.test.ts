import { describe, expect, it } from 'vitest';
import { createPlanCalendar } from '../../../src/domain/calendar.js';
import { milestoneDueDate } from '../../../src/plans/plan-dates.js';
import type { PlanMilestone } from '../../../src/plans/plan-schema.js';

// A plan starting Monday 7 Dec 2026, Monday to Friday.
const calendar = createPlanCalendar({ zone: 'America/Los_Angeles', startDate: '2026-12-07' });
const milestone = (due: Partial<PlanMilestone>): PlanMilestone =>
  ({ key: 'm', name: 'Gate', gateCriteria: [], ...due }) as PlanMilestone;

describe("a milestone's date", () => {
  it('is the last working day of its week for "End of Week 2", as the Markdown importer reads it (dueDay 14 and dueWeek 2)', () => {
    // Plan day 14 is Sunday 20 Dec; the gate is Friday 18 Dec.
    expect(milestoneDueDate(milestone({ dueDay: 14, dueWeek: 2 }), calendar)).toBe('2026-12-18');
    expect(milestoneDueDate(milestone({ dueWeek: 1 }), calendar)).toBe('2026-12-11');
  });

  it('is the plan day when only a day is given, and the date when a date is given', () => {
    expect(milestoneDueDate(milestone({ dueDay: 10 }), calendar)).toBe('2026-12-16');
    expect(milestoneDueDate(milestone({ dueDate: '2026-12-15', dueWeek: 2 }), calendar)).toBe('2026-12-15');
  });
});
