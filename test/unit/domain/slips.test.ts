import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  earliestFinishDate,
  forcedReplanAt,
  isOverdue,
  isSlipEscalationDue,
  overdueBusinessDays,
  overdueTasks,
  proposeBufferMoves,
  slipEscalationDueAt,
} from '../../../src/domain/slips.js';
import type { ScheduledTask } from '../../../src/domain/types.js';
import { seed004Calendar, seed004Tasks } from './seed-004.js';

const at = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true });
const calendar = seed004Calendar();
const tasks = seed004Tasks(calendar);
const byKey = (key: string): ScheduledTask => {
  const found = tasks.find((entry) => entry.key === key);
  if (found === undefined) throw new Error(`no task ${key}`);
  return found;
};

describe('overdue tasks (seed 004, PT)', () => {
  const ingestion = byKey('d3'); // Wednesday 2026-12-09

  it('is overdue from local midnight after its due day, unless done', () => {
    expect(isOverdue(ingestion, at('2026-12-09T23:59:59.999-08:00'), calendar)).toBe(false);
    expect(isOverdue(ingestion, at('2026-12-10T00:00:00.000-08:00'), calendar)).toBe(true);
    expect(isOverdue({ ...ingestion, status: 'done' }, at('2026-12-11T00:00:00.000-08:00'), calendar)).toBe(false);
    expect(overdueTasks(tasks, at('2026-12-10T00:00:00.000-08:00'), calendar).map((task) => task.key)).toEqual([
      'd1',
      'd2',
      'd3',
    ]);
  });

  it('counts business days late, not weekend days', () => {
    const blueprint = byKey('d5'); // Friday 2026-12-11
    expect(overdueBusinessDays(blueprint, at('2026-12-11T16:00:00.000-08:00'), calendar)).toBe(0);
    expect(overdueBusinessDays(blueprint, at('2026-12-12T10:00:00.000-08:00'), calendar)).toBe(0);
    expect(overdueBusinessDays(blueprint, at('2026-12-14T10:00:00.000-08:00'), calendar)).toBe(1);
    expect(overdueBusinessDays(blueprint, at('2026-12-15T10:00:00.000-08:00'), calendar)).toBe(2);
  });
});

describe('slip escalation (threshold: more than one business day)', () => {
  const ingestion = byKey('d3'); // due Wednesday 2026-12-09

  it('is due when business hours open on the second working day after the due date', () => {
    expect(slipEscalationDueAt(ingestion, calendar).toISO()).toBe('2026-12-11T09:00:00.000-08:00');
    expect(isSlipEscalationDue(ingestion, at('2026-12-10T16:00:00.000-08:00'), calendar)).toBe(false);
    expect(isSlipEscalationDue(ingestion, at('2026-12-11T08:59:00.000-08:00'), calendar)).toBe(false);
    expect(isSlipEscalationDue(ingestion, at('2026-12-11T09:00:00.000-08:00'), calendar)).toBe(true);
  });

  it('honours a larger threshold and skips the weekend', () => {
    expect(slipEscalationDueAt(ingestion, calendar, 2).toISO()).toBe('2026-12-14T09:00:00.000-08:00');
    expect(isSlipEscalationDue(ingestion, at('2026-12-13T12:00:00.000-08:00'), calendar, 2)).toBe(false);
  });

  it('escalates once, and not for a finished task', () => {
    const late = at('2026-12-14T09:00:00.000-08:00');
    expect(
      isSlipEscalationDue({ ...ingestion, slipEscalatedAt: at('2026-12-11T09:00:00.000-08:00') }, late, calendar),
    ).toBe(false);
    expect(isSlipEscalationDue({ ...ingestion, status: 'cancelled' }, late, calendar)).toBe(false);
  });

  it('gives a Sunday task of the seed until Tuesday 09:00', () => {
    expect(slipEscalationDueAt(byKey('d7'), calendar).toISO()).toBe('2026-12-15T09:00:00.000-08:00');
  });
});

describe('proposeBufferMoves on the seed 004 shape', () => {
  it('pushes data quality (day 4) to the day 6 buffer Saturday when ingestion (day 3) slips a day', () => {
    const proposal = proposeBufferMoves({ key: 'd3', newDate: '2026-12-10' }, tasks, calendar);
    expect(proposal.bufferDay).toBe('2026-12-12');
    expect(calendar.planDayOf('2026-12-12')).toBe(6);
    expect(proposal.moves).toEqual([
      { taskKey: 'd4', from: '2026-12-10', to: '2026-12-12', reason: 'slipped_dependency' },
    ]);
    // Day 6 itself waits on d4 but is already on the buffer day.
    expect(proposal.unplaced).toEqual([]);
  });

  it('cascades through dependants due before the buffer day, and leaves later ones alone', () => {
    const proposal = proposeBufferMoves({ key: 'd8', newDate: '2026-12-15' }, tasks, calendar);
    expect(proposal.bufferDay).toBe('2026-12-19');
    expect(proposal.moves.map((move) => [move.taskKey, move.from, move.to])).toEqual([
      ['d9', '2026-12-15', '2026-12-19'],
      ['d10', '2026-12-16', '2026-12-19'],
      ['d11', '2026-12-17', '2026-12-19'],
    ]);
  });

  it('does not move a dependant due after the slipped task’s new date', () => {
    const proposal = proposeBufferMoves({ key: 'd10', newDate: '2026-12-16' }, tasks, calendar);
    expect(proposal.moves).toEqual([]);
  });

  it('does not move finished dependants', () => {
    const withDone = tasks.map((task) => (task.key === 'd4' ? { ...task, status: 'done' as const } : task));
    expect(proposeBufferMoves({ key: 'd3', newDate: '2026-12-10' }, withDone, calendar).moves).toEqual([]);
  });

  it('reports dependants it cannot place when no buffer day is left', () => {
    const proposal = proposeBufferMoves({ key: 'd19', newDate: '2026-12-27' }, tasks, calendar);
    expect(proposal.bufferDay).toBeNull();
    expect(proposal.moves).toEqual([]);
    expect(proposal.unplaced).toEqual(['d20', 'd21']);
  });

  it('survives a dependency cycle', () => {
    const cyclic: ScheduledTask[] = [
      { key: 'a', dueDate: '2026-12-08', status: 'todo', dependsOn: ['b'] },
      { key: 'b', dueDate: '2026-12-09', status: 'todo', dependsOn: ['a'] },
    ];
    const proposal = proposeBufferMoves({ key: 'a', newDate: '2026-12-10' }, cyclic, calendar);
    expect(proposal.moves).toEqual([
      { taskKey: 'b', from: '2026-12-09', to: '2026-12-12', reason: 'slipped_dependency' },
    ]);
  });
});

describe('a re-plan a dependant forces before the slip threshold (#17 item 2; seed 004, PT, 09:00-17:00)', () => {
  const ingestion = byKey('d3'); // Wednesday 2026-12-09; d4 Data Quality (Thursday) waits on it
  const iso = (instant: DateTime | null) => instant?.toISO() ?? null;

  it('is due at the close of business on the working day before the dependant, here d3’s own due day', () => {
    expect(iso(forcedReplanAt(ingestion, tasks, calendar, 1))).toBe('2026-12-09T17:00:00.000-08:00');
    // The slip alert is not due until Friday 09:00, after d4's date.
    expect(slipEscalationDueAt(ingestion, calendar, 1).toISO()).toBe('2026-12-11T09:00:00.000-08:00');
  });

  it('waits for the close of the working day before a later dependant, and stays away when the threshold comes first', () => {
    const monday: ScheduledTask = { ...ingestion, key: 'm', dueDate: '2026-12-07' };
    const wednesday = { key: 'w', dueDate: '2026-12-09', status: 'todo' as const, dependsOn: ['m'] };
    // Threshold 3 flags Monday's task only on Friday 09:00: Wednesday's dependant forces Tuesday's close.
    expect(iso(forcedReplanAt(monday, [wednesday], calendar, 3))).toBe('2026-12-08T17:00:00.000-08:00');
    // Threshold 0 flags it Tuesday 09:00, before that close: the proposal comes with the slip as before.
    expect(forcedReplanAt(monday, [wednesday], calendar, 0)).toBeNull();
    expect(forcedReplanAt(monday, [{ ...wednesday, status: 'done' }], calendar, 3)).toBeNull();
    expect(forcedReplanAt({ ...monday, status: 'done' }, [wednesday], calendar, 3)).toBeNull();
  });

  it('a task open after the close can be done the next working day at the earliest', () => {
    expect(earliestFinishDate(at('2026-12-09T16:59:00-08:00'), calendar)).toBe('2026-12-09');
    expect(earliestFinishDate(at('2026-12-09T17:00:00-08:00'), calendar)).toBe('2026-12-10');
    expect(earliestFinishDate(at('2026-12-11T17:30:00-08:00'), calendar)).toBe('2026-12-14');
  });
});
