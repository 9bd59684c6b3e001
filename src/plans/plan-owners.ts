import type { ImportWarning } from './plan-import-types.js';
import { matchMember, memberKey, splitOwnerText } from './member-match.js';
import type { PlanPath } from './plan-checks.js';
import { memberRoleSchema } from './plan-primitives.js';
import type { Plan, PlanMember } from './plan-schema.js';
import { slugify } from './plan-keys.js';

/**
 * Rewrites every task owner to a member key, creating a member for an owner nobody listed.
 * Runs on raw input before validation so a missing member is a warning, not an error; anything
 * malformed is left alone for the schema to report.
 */
export function resolveOwnersInInput(input: unknown, lineOf: (path: PlanPath) => number | undefined): ImportWarning[] {
  if (!isRecord(input) || !Array.isArray(input.tasks)) return [];
  if (input.members === undefined) input.members = [];
  if (!Array.isArray(input.members)) return [];
  const members: unknown[] = input.members;
  const known = (): PlanMember[] =>
    members.filter((m): m is PlanMember => isRecord(m) && typeof m.name === 'string' && m.name !== '');
  const warnings: ImportWarning[] = [];
  input.tasks.forEach((task: unknown, index) => {
    if (!isRecord(task) || typeof task.owner !== 'string' || task.owner.trim() === '') return;
    const owner = task.owner;
    const line = lineOf(['tasks', index, 'owner']) ?? 1;
    const match = matchMember(known(), owner);
    if (match) {
      if (!match.exact)
        warnings.push({ line, message: `owner '${owner}' matched member '${match.member.name}' ${match.how}` });
      return;
    }
    const { name, title } = splitOwnerText(owner);
    const key = uniqueMemberKey(known(), name);
    members.push({ key, name, ...(title ? { title } : {}), roles: ['member'] });
    warnings.push({ line, message: `owner '${owner}' matches no member; created member '${name}'` });
  });
  return warnings;
}

/** After validation: references to members become keys so consumers never match names again. */
export function canonicalizeReferences(plan: Plan): Plan {
  const toKey = (ref: string): string => {
    const match = matchMember(plan.members, ref);
    return match ? memberKey(match.member) : ref;
  };
  const roles: readonly string[] = memberRoleSchema.options;
  const escalatesTo = plan.rules.slipEscalatesTo;
  return {
    ...plan,
    members: plan.members.map((member) => ({ ...member, key: memberKey(member) })),
    tasks: plan.tasks.map((task) => (task.owner === undefined ? task : { ...task, owner: toKey(task.owner) })),
    ladder: plan.ladder.map((tier) =>
      tier.target.kind === 'role' || tier.target.member === undefined
        ? tier
        : { ...tier, target: { ...tier.target, member: toKey(tier.target.member) } },
    ),
    rules: {
      ...plan.rules,
      ...(escalatesTo === undefined || roles.includes(escalatesTo) ? {} : { slipEscalatesTo: toKey(escalatesTo) }),
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function uniqueMemberKey(members: readonly PlanMember[], name: string): string {
  const base = slugify(name, 'member');
  const taken = new Set(members.map(memberKey));
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}-${n}`;
  return key;
}
