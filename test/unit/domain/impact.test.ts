import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { rankBlockersByImpact, transitiveDependants } from '../../../src/domain/impact.js';
import type { Milestone, ScheduledTask } from '../../../src/domain/types.js';
import { seed004Calendar, seed004Tasks } from './seed-004.js';

const at = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true });
const task = (
  key: string,
  dueDate: string,
  dependsOn: string[] = [],
  status: ScheduledTask['status'] = 'todo',
): ScheduledTask => ({
  key,
  dueDate,
  dependsOn,
  status,
});

describe('transitiveDependants', () => {
  const tasks = [
    task('a', '2026-12-07'),
    task('b', '2026-12-08', ['a']),
    task('c', '2026-12-09', ['b']),
    task('d', '2026-12-10', ['a', 'c']),
  ];

  it('finds direct and indirect dependants, nearest first, each once', () => {
    expect(transitiveDependants('a', tasks)).toEqual(['b', 'd', 'c']);
    expect(transitiveDependants('c', tasks)).toEqual(['d']);
    expect(transitiveDependants('d', tasks)).toEqual([]);
  });

  it('survives a dependency cycle and never lists the task itself', () => {
    const cyclic = [task('x', '2026-12-07', ['z']), task('y', '2026-12-08', ['x']), task('z', '2026-12-09', ['y'])];
    expect(transitiveDependants('x', cyclic)).toEqual(['y', 'z']);
  });

  it('follows seed 004 from the API layer down to the retrospective', () => {
    const tasks004 = seed004Tasks(seed004Calendar());
    expect(transitiveDependants('d10', tasks004)).toEqual(['d11', 'd13']);
    expect(transitiveDependants('d15', tasks004)).toEqual(['d16', 'd17', 'd18', 'd19', 'd20', 'd21']);
  });
});

describe('rankBlockersByImpact (seed 004, triage on Monday 2026-12-14)', () => {
  const tasks = seed004Tasks(seed004Calendar());
  const milestones: Milestone[] = [
    { key: 'playback', date: '2026-12-21', taskKeys: ['d15'] },
    { key: 'launch', date: '2026-12-25', taskKeys: ['d19'] },
    { key: 'week-1-gate', date: '2026-12-11' },
  ];
  const today = '2026-12-14';

  it('ranks by dependants, then the nearest threatened milestone, then age', () => {
    const blockers = [
      { id: 'qa', taskKey: 'd11', openedAt: at('2026-12-10T10:00:00.000-08:00') },
      { id: 'playback', taskKey: 'd15', openedAt: at('2026-12-14T09:30:00.000-08:00') },
      { id: 'staging', taskKey: 'd16', openedAt: at('2026-12-14T09:00:00.000-08:00') },
      { id: 'uat-old', taskKey: 'd18', openedAt: at('2026-12-11T09:00:00.000-08:00') },
      { id: 'uat-new', taskKey: 'd18', openedAt: at('2026-12-13T09:00:00.000-08:00') },
      { id: 'seo', taskKey: 'd14', openedAt: at('2026-12-01T09:00:00.000-08:00') },
      { id: 'no-task', taskKey: null, openedAt: at('2026-11-30T09:00:00.000-08:00') },
    ];
    const ranked = rankBlockersByImpact(blockers, tasks, milestones, today);
    expect(ranked.map((entry) => entry.blocker.id)).toEqual([
      'playback',
      'staging',
      'uat-old',
      'uat-new',
      'qa',
      'no-task',
      'seo',
    ]);
    expect(ranked[0]).toMatchObject({ dependants: ['d16', 'd17', 'd18', 'd19', 'd20', 'd21'], daysToMilestone: 7 });
    expect(ranked[0]?.milestone?.key).toBe('playback');
    expect(ranked[1]).toMatchObject({ daysToMilestone: 11 });
    expect(ranked[1]?.milestone?.key).toBe('launch');
    // The week-1 gate is in the past, so it threatens nothing any more.
    expect(ranked.find((entry) => entry.blocker.id === 'qa')).toMatchObject({ dependants: ['d13'], milestone: null });
  });

  it('breaks a tie on dependants with the nearer milestone before age', () => {
    const ranked = rankBlockersByImpact(
      [
        { id: 'old-far', taskKey: 'd19', openedAt: at('2026-12-01T09:00:00.000-08:00') },
        { id: 'new-near', taskKey: 'd15b', openedAt: at('2026-12-14T09:00:00.000-08:00') },
      ],
      [...tasks, task('d15b', '2026-12-21'), task('x', '2026-12-22', ['d15b'])],
      milestones.concat([{ key: 'sign-off', date: '2026-12-21', taskKeys: ['d15b'] }]),
      today,
    );
    // d19 has d20 and d21 downstream; d15b only x — more dependants wins even if the milestone is later.
    expect(ranked.map((entry) => entry.blocker.id)).toEqual(['old-far', 'new-near']);
    const tied = rankBlockersByImpact(
      [
        { id: 'old-far', taskKey: 'p', openedAt: at('2026-12-01T09:00:00.000-08:00') },
        { id: 'new-near', taskKey: 'q', openedAt: at('2026-12-14T09:00:00.000-08:00') },
      ],
      [
        task('p', '2026-12-24'),
        task('p2', '2026-12-24', ['p']),
        task('q', '2026-12-16'),
        task('q2', '2026-12-17', ['q']),
      ],
      [
        { key: 'end', date: '2026-12-31' },
        { key: 'mid', date: '2026-12-18' },
      ],
      today,
    );
    expect(tied.map((entry) => [entry.blocker.id, entry.milestone?.key])).toEqual([
      ['new-near', 'mid'],
      ['old-far', 'end'],
    ]);
  });

  it('does not count finished dependants', () => {
    const withDone = tasks.map((entry) =>
      entry.key === 'd17' || entry.key === 'd18' ? { ...entry, status: 'done' as const } : entry,
    );
    const [ranked] = rankBlockersByImpact(
      [{ id: 'b', taskKey: 'd16', openedAt: at('2026-12-14T09:00:00.000-08:00') }],
      withDone,
      [],
      today,
    );
    expect(ranked?.dependants).toEqual(['d19', 'd20', 'd21']);
  });
});
