import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { overdueTasks } from '../../../src/domain/slips.js';
import type { ScheduledTask } from '../../../src/domain/types.js';
import { shouldRebaseline, varianceReport } from '../../../src/domain/variance.js';
import { seed004Calendar, seed004Tasks } from './seed-004.js';

const at = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true });
const calendar = seed004Calendar();

function weekOne(): ScheduledTask[] {
  const changes: Record<string, Partial<ScheduledTask>> = {
    d1: { status: 'done', doneAt: at('2026-12-07T16:00:00.000-08:00') },
    d2: { status: 'done', doneAt: at('2026-12-08T23:59:00.000-08:00') },
    d3: { status: 'done', doneAt: at('2026-12-10T10:00:00.000-08:00') },
    d4: { plannedDate: '2026-12-10', dueDate: '2026-12-12', status: 'in_progress' },
    d5: { status: 'cancelled' },
    d7: { plannedDate: '2026-12-13', dueDate: '2026-12-14' },
  };
  return seed004Tasks(calendar).map((task) => ({ ...task, ...changes[task.key] }));
}

describe('varianceReport for the weekly memo (seed 004, week 1)', () => {
  const report = varianceReport(weekOne(), calendar.weekRange(1), at('2026-12-14T08:00:00.000-08:00'), calendar);

  it('compares planned with done over the week', () => {
    expect(report.range).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(report.planned).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7']);
    expect(report.done).toEqual(['d1', 'd2', 'd3']);
  });

  it('counts a task done late, a moved one and open ones as slipped, not a cancelled one', () => {
    expect(report.slipped).toEqual(['d3', 'd4', 'd6', 'd7']);
  });

  it('lists moves against the baseline, including a task moved out of the week', () => {
    expect(report.moved).toEqual([
      { taskKey: 'd4', from: '2026-12-10', to: '2026-12-12' },
      { taskKey: 'd7', from: '2026-12-13', to: '2026-12-14' },
    ]);
  });

  it('does not call a task slipped before its planned day is over', () => {
    const asOfWednesdayNoon = seed004Tasks(calendar).map((task) =>
      task.key === 'd1' || task.key === 'd2'
        ? { ...task, status: 'done' as const, doneAt: at(`${task.dueDate}T15:00:00.000-08:00`) }
        : task,
    );
    const midweek = varianceReport(
      asOfWednesdayNoon,
      calendar.weekRange(1),
      at('2026-12-09T12:00:00.000-08:00'),
      calendar,
    );
    expect(midweek.done).toEqual(['d1', 'd2']);
    expect(midweek.slipped).toEqual([]);
    expect(
      varianceReport(asOfWednesdayNoon, calendar.weekRange(1), at('2026-12-10T00:00:00.000-08:00'), calendar).slipped,
    ).toEqual(['d3']);
  });
});

describe('shouldRebaseline ("two or more critical path items slip simultaneously")', () => {
  const tasks = seed004Tasks(calendar);

  it('stays quiet for one critical slip and fires for two', () => {
    // Thursday 00:00: d1–d3 are late; only d3 is critical.
    expect(shouldRebaseline(overdueTasks(tasks, at('2026-12-10T00:00:00.000-08:00'), calendar))).toBe(false);
    // Friday 00:00: d3 and d4 are both late and both critical.
    expect(shouldRebaseline(overdueTasks(tasks, at('2026-12-11T00:00:00.000-08:00'), calendar))).toBe(true);
  });

  it('takes the plan’s own threshold', () => {
    const late = overdueTasks(tasks, at('2026-12-11T00:00:00.000-08:00'), calendar);
    expect(shouldRebaseline(late, 3)).toBe(false);
    expect(shouldRebaseline([{ critical: false }, { critical: false }, {}])).toBe(false);
  });
});
