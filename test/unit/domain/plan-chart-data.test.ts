import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createPlanCalendar } from '../../../src/domain/calendar.js';
import { planChartData } from '../../../src/domain/plan-chart-data.js';
import type { ScheduledTask } from '../../../src/domain/types.js';

const zone = 'America/Los_Angeles';
// Mon 2026-12-07 start; Sat 12 and Sun 13 are the plan's buffer days.
const calendar = createPlanCalendar({ zone, startDate: '2026-12-07', bufferDays: [6, 7] });
const at = (local: string) => DateTime.fromISO(local, { zone });

type Task = Pick<ScheduledTask, 'key' | 'dueDate' | 'plannedDate' | 'status' | 'doneAt'>;
const tasks: Task[] = [
  // Monday: two planned, both done on the day.
  { key: 'a', dueDate: '2026-12-07', status: 'done', doneAt: at('2026-12-07T16:00') },
  { key: 'b', dueDate: '2026-12-07', status: 'done', doneAt: at('2026-12-07T23:30') },
  // Tuesday: done late, on Wednesday (a slip of Tuesday's, a "done" of Wednesday's).
  { key: 'c', dueDate: '2026-12-08', status: 'done', doneAt: at('2026-12-09T10:00') },
  // Wednesday: still open on Thursday, and moved by a re-plan to the buffer Saturday.
  { key: 'd', plannedDate: '2026-12-09', dueDate: '2026-12-12', status: 'in_progress', doneAt: null },
  // Thursday (today): open, not late yet.
  { key: 'e', dueDate: '2026-12-10', status: 'todo', doneAt: null },
  // Cancelled work is neither planned nor done.
  { key: 'f', dueDate: '2026-12-10', status: 'cancelled', doneAt: null },
  // Week 2.
  { key: 'g', dueDate: '2026-12-15', status: 'todo', doneAt: null },
];

describe('planChartData', () => {
  const data = planChartData(
    tasks,
    calendar,
    { from: '2026-12-07', to: '2026-12-13' },
    '2026-12-18',
    at('2026-12-10T11:00'),
  );
  const day = (date: string) => data.days.find((d) => d.date === date)!;

  it('counts planned by baseline date and done by the local date it was marked done', () => {
    expect(data.asOf).toBe('2026-12-10');
    expect(data.days.map((d) => [d.date.slice(8), d.planned, d.done])).toEqual([
      ['07', 2, 2],
      ['08', 1, 0],
      ['09', 1, 1],
      ['10', 1, 0],
      ['11', 0, 0],
      ['12', 0, 0],
      ['13', 0, 0],
    ]);
  });

  it('marks the days whose planned work slipped (done late, or open past the day), buffer days and the future', () => {
    expect(data.days.filter((d) => d.slipped > 0).map((d) => [d.date, d.slipped])).toEqual([
      ['2026-12-08', 1],
      ['2026-12-09', 1],
    ]);
    expect(data.days.filter((d) => d.buffer).map((d) => d.date)).toEqual(['2026-12-12', '2026-12-13']);
    expect(day('2026-12-10').future).toBe(false);
    expect(day('2026-12-11').future).toBe(true);
    expect(day('2026-12-07')).toMatchObject({ day: 1, holiday: false });
  });

  it('burns up by plan week, cumulative, with no done count for weeks not started', () => {
    expect(data.weeks).toEqual([
      { week: 1, from: '2026-12-07', to: '2026-12-13', plannedTotal: 5, doneTotal: 3 },
      { week: 2, from: '2026-12-14', to: '2026-12-20', plannedTotal: 6, doneTotal: null },
    ]);
  });
});
