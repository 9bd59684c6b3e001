import { PlanError } from '../domain/plan-error.js';
import type { Database } from '../store/database.js';

export interface NamedPlan {
  id: string;
  name: string;
  workspace: string;
}

/**
 * A stored plan by the name a person types, in any workspace (the CLI runs with the database's
 * rights, not a chat user's): an exact name (any case) wins, else the one name containing it.
 * No match, or several, is an error that lists the plans there are.
 */
export async function planByName(database: Database, wanted: string): Promise<NamedPlan> {
  const rows = await database.prisma.plan.findMany({
    where: { archived: false },
    select: { id: true, name: true, workspace: { select: { platform: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const plans = rows.map((row) => ({
    id: row.id,
    name: row.name,
    workspace: row.workspace.platform === 'console' ? 'console' : `${row.workspace.platform} ${row.workspace.name}`,
  }));
  const key = wanted.trim().toLowerCase();
  const exact = plans.filter((plan) => plan.name.toLowerCase() === key);
  const found = exact.length > 0 ? exact : plans.filter((plan) => plan.name.toLowerCase().includes(key));
  if (found.length === 1) return found[0]!;
  const list = (some: NamedPlan[]) => some.map((plan) => `"${plan.name}" (${plan.workspace})`).join(', ');
  if (found.length > 1)
    throw new PlanError('invalid_command', `"${wanted}": several plans match (${list(found)}); give more of the name.`);
  throw new PlanError(
    'plan_not_found',
    plans.length === 0
      ? `"${wanted}": no plan has been imported yet. Import one first: planbot import <file>.`
      : `"${wanted}": no plan by that name. Plans: ${list(plans)}.`,
  );
}
