import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plan } from '../../../src/plans/plan-schema.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const seedsDir = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('../../fixtures/plans/', import.meta.url));

export function seedFiles(): string[] {
  return existsSync(seedsDir)
    ? readdirSync(seedsDir)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];
}

export function readSeed(name: string): string {
  return readFileSync(`${seedsDir}${name}`, 'utf8');
}

export function readFixture(name: string): string {
  return readFileSync(`${fixturesDir}${name}`, 'utf8');
}

/** Tasks per owner name, for exact assertions that read like the document. */
export function tasksPerOwner(plan: Plan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const task of plan.tasks) {
    const name = plan.members.find((m) => m.key === task.owner)?.name ?? '(none)';
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

export function tasksPerWeek(plan: Plan): number[] {
  const counts: number[] = [];
  for (const task of plan.tasks) if (task.week !== undefined) counts[task.week - 1] = (counts[task.week - 1] ?? 0) + 1;
  return counts;
}
