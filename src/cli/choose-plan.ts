import { PlanError } from '../domain/plan-error.js';

export type ListedPlan = { id: string; name: string; channel: string | null };

/**
 * Picks one of `plans` by the name a user typed: an exact name (any case) wins, else the one name
 * containing it. `asked` is how they typed it (`--plan launch`, `"launch"`), so the error quotes it.
 * None or several matching is an error that lists the plans, so the next try can be right.
 */
export function choosePlan<P extends ListedPlan>(
  plans: P[],
  wanted: string | undefined,
  asked = `--plan ${wanted}`,
): P {
  if (wanted === undefined) return plans[0]!;
  const key = wanted.trim().toLowerCase();
  const exact = plans.filter((p) => p.name.toLowerCase() === key);
  const partial = plans.filter((p) => p.name.toLowerCase().includes(key));
  const found = exact.length === 1 ? exact : partial;
  if (found.length === 1) return found[0]!;
  if (found.length > 1)
    throw new PlanError(
      'invalid_command',
      `${asked}: several plans match (${planNames(found)}); give more of the name.`,
    );
  throw new PlanError(
    'plan_not_found',
    plans.length === 0
      ? `${asked}: no plan has been imported here yet. Import it first: planbot import <file>.`
      : `${asked}: no plan by that name. Plans here: ${planNames(plans)}.`,
  );
}

export const planNames = (plans: ListedPlan[]) => plans.map((p) => `"${p.name}"`).join(', ');
