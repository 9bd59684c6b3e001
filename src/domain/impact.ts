import type { DateTime } from 'luxon';
import { daysBetween } from './iso-date.js';
import { isFinished } from './task-status.js';
import type { IsoDate, Milestone, ScheduledTask } from './types.js';

type DependencyNode = Pick<ScheduledTask, 'key' | 'dependsOn'>;

/** prerequisite key → keys of the tasks that wait for it directly. */
function directDependants(tasks: readonly DependencyNode[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const task of tasks) {
    for (const prerequisite of task.dependsOn) {
      const list = index.get(prerequisite) ?? [];
      list.push(task.key);
      index.set(prerequisite, list);
    }
  }
  return index;
}

function walk(taskKey: string, index: ReadonlyMap<string, readonly string[]>): string[] {
  // A visited set keeps a dependency cycle in a hand-written plan from looping forever.
  const seen = new Set<string>([taskKey]);
  const found: string[] = [];
  const queue = [taskKey];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const dependant of index.get(next) ?? []) {
      if (!seen.has(dependant)) {
        seen.add(dependant);
        found.push(dependant);
        queue.push(dependant);
      }
    }
  }
  return found;
}

/** Every task that waits on `taskKey`, directly or through others, nearest first; never `taskKey` itself. */
export function transitiveDependants(taskKey: string, tasks: readonly DependencyNode[]): string[] {
  return walk(taskKey, directDependants(tasks));
}

export interface ImpactBlocker {
  readonly id: string;
  /** The blocked task; a blocker on no task threatens nothing downstream. */
  readonly taskKey?: string | null;
  readonly openedAt: DateTime;
}

export interface RankedBlocker<B extends ImpactBlocker> {
  readonly blocker: B;
  /** Unfinished tasks downstream of the blocked task. */
  readonly dependants: readonly string[];
  /** The nearest milestone, on or after today, that the blocked work feeds. */
  readonly milestone: Milestone | null;
  readonly daysToMilestone: number | null;
}

/**
 * Orders open blockers for triage: most unfinished transitive dependants first, then the nearest
 * threatened milestone (a blocker threatening none comes after those that do), then the oldest.
 * Done and cancelled dependants are not counted: they cannot be held up any more.
 */
export function rankBlockersByImpact<B extends ImpactBlocker>(
  blockers: readonly B[],
  tasks: readonly ScheduledTask[],
  milestones: readonly Milestone[],
  today: IsoDate,
): RankedBlocker<B>[] {
  const index = directDependants(tasks);
  const byKey = new Map(tasks.map((task) => [task.key, task]));
  const upcoming = milestones
    .filter((milestone) => milestone.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date));

  const ranked = blockers.map((blocker): RankedBlocker<B> => {
    const taskKey = blocker.taskKey ?? null;
    if (taskKey === null) {
      return { blocker, dependants: [], milestone: null, daysToMilestone: null };
    }
    const dependants = walk(taskKey, index).filter((key) => {
      const task = byKey.get(key);
      return task !== undefined && !isFinished(task.status);
    });
    const affected = [taskKey, ...dependants];
    const milestone = upcoming.find((candidate) => threatens(candidate, affected, byKey)) ?? null;
    return {
      blocker,
      dependants,
      milestone,
      daysToMilestone: milestone === null ? null : daysBetween(today, milestone.date),
    };
  });

  return ranked.sort(
    (a, b) =>
      b.dependants.length - a.dependants.length ||
      (a.daysToMilestone ?? Number.POSITIVE_INFINITY) - (b.daysToMilestone ?? Number.POSITIVE_INFINITY) ||
      a.blocker.openedAt.toMillis() - b.blocker.openedAt.toMillis() ||
      a.blocker.id.localeCompare(b.blocker.id),
  );
}

function threatens(
  milestone: Milestone,
  affected: readonly string[],
  byKey: ReadonlyMap<string, ScheduledTask>,
): boolean {
  if (milestone.taskKeys !== undefined) {
    const gate = new Set(milestone.taskKeys);
    return affected.some((key) => gate.has(key));
  }
  return affected.some((key) => {
    const task = byKey.get(key);
    return task !== undefined && task.dueDate <= milestone.date;
  });
}
