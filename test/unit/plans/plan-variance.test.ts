import { describe, expect, it } from 'vitest';
import { planCalendarOf, taskDueDate, taskDueDay } from '../../../src/plans/plan-dates.js';
import type { Plan, PlanTask } from '../../../src/plans/plan-schema.js';
import { planSchema } from '../../../src/plans/plan-schema.js';
import { planVariance } from '../../../src/plans/plan-variance.js';

const plan = (tasks: Partial<PlanTask>[], startDate?: string): Plan =>
  planSchema.parse({
    name: 'P',
    timezone: 'UTC',
    ...(startDate === undefined ? {} : { startDate }),
    tasks: tasks.map((t, i) => ({ key: `t${i}`, title: `Task ${i}`, ...t })),
  });

describe('plan dates', () => {
  const calendar = (startDate: string, holidays: string[] = []) =>
    planCalendarOf({ ...plan([], startDate), holidays }, startDate);
  const task = (t: Partial<PlanTask>): PlanTask => ({
    key: 'a',
    title: 'A',
    dependsOn: [],
    dependencies: [],
    checklist: [],
    critical: false,
    buffer: false,
    ...t,
  });

  it('counts plan days as calendar days from the start date', () => {
    expect(taskDueDate(task({ day: 1 }), calendar('2026-12-07'))).toBe('2026-12-07');
    expect(taskDueDate(task({ day: 6 }), calendar('2026-12-07'))).toBe('2026-12-12');
    expect(taskDueDate(task({ day: 7 }), calendar('2026-12-28'))).toBe('2027-01-03');
  });

  it("puts a range at its last day and a week task on its week's last working day", () => {
    expect(taskDueDay({ week: 2 })).toBe(14);
    expect(taskDueDay({ day: 3, durationDays: 2 })).toBe(4);
    expect(taskDueDate(task({ day: 3 }), calendar('2026-12-07'))).toBe('2026-12-09');
    expect(taskDueDate(task({ day: 3, durationDays: 2 }), calendar('2026-12-07'))).toBe('2026-12-10');
    // Week 1 of a Monday start runs Mon 7 – Sun 13 Dec; its last working day is Friday.
    expect(taskDueDate(task({ week: 1 }), calendar('2026-12-07'))).toBe('2026-12-11');
    // Without a start date only day numbers are known.
    expect(taskDueDate(task({ day: 3 }), undefined)).toBeUndefined();
  });

  it('counts business days, skipping weekends and holidays, signed', () => {
    expect(calendar('2026-12-07').businessDaysBetween('2026-12-11', '2026-12-14')).toBe(1); // Fri -> Mon
    expect(calendar('2026-12-07').businessDaysBetween('2026-12-07', '2026-12-14')).toBe(5);
    expect(calendar('2026-12-07').businessDaysBetween('2026-12-14', '2026-12-07')).toBe(-5);
    expect(calendar('2026-12-07', ['2026-12-08']).businessDaysBetween('2026-12-07', '2026-12-09')).toBe(1);
  });
});

describe('planVariance', () => {
  it('lists added, removed and moved tasks with the business-day shift', () => {
    const before = plan(
      [
        { key: 'a', day: 1 },
        { key: 'b', day: 5 },
        { key: 'c', day: 2 },
      ],
      '2026-12-07',
    );
    const after = plan(
      [
        { key: 'a', day: 1 },
        { key: 'b', day: 8 },
        { key: 'd', week: 1 },
      ],
      '2026-12-07',
    );
    const variance = planVariance(before, after);
    expect(variance.added.map((t) => [t.key, t.due])).toEqual([['d', '2026-12-11']]);
    expect(variance.removed.map((t) => t.key)).toEqual(['c']);
    // Day 5 is Friday 11 Dec, day 8 Monday 14 Dec: 3 calendar days, 1 business day.
    expect(variance.moved).toEqual([
      {
        key: 'b',
        title: 'Task 1',
        due: '2026-12-14',
        from: '2026-12-11',
        to: '2026-12-14',
        shiftDays: 3,
        shiftBusinessDays: 1,
      },
    ]);
    expect(variance.unchanged).toBe(1);
  });

  it('sees a new start date as every task moving', () => {
    const variance = planVariance(
      plan([{ key: 'a', day: 1 }], '2026-12-07'),
      plan([{ key: 'a', day: 1 }], '2026-12-14'),
    );
    expect(variance.moved[0]?.shiftBusinessDays).toBe(5);
  });

  it('compares day numbers when neither plan has a start date', () => {
    const variance = planVariance(plan([{ key: 'a', day: 2 }]), plan([{ key: 'a', day: 4 }]));
    expect(variance.moved).toEqual([{ key: 'a', title: 'Task 0', from: 'day 2', to: 'day 4', shiftDays: 2 }]);
  });
});
