import type { HeadingInfo } from './document-blocks.js';
import type { ImportContext } from './import-context.js';
import { matchTeam } from './team-match.js';

/**
 * Week sections list work under team sub-headings without naming a person. The team's lead
 * (from the team overview) is the best owner; the division lead takes what no team claims.
 */
export function ownerForGroup(
  ctx: ImportContext,
  group: HeadingInfo | undefined,
  cache: Map<string, string | undefined>,
): string | undefined {
  if (group === undefined) return ctx.divisionLead;
  // One warning per sub-heading name: "QA" under every week is the same guess.
  const id = group.text.toLowerCase();
  if (cache.has(id)) return cache.get(id);
  const match = matchTeam(ctx.teams, group.text);
  let owner: string | undefined;
  if (match?.team.lead !== undefined) {
    owner = match.team.lead;
    const via = match.via === 'name' ? '' : ' (by its roles)';
    ctx.warn(
      group.line,
      `tasks under '${group.text}' have no owner; assigned to ${nameOf(ctx, owner)}, lead of '${match.team.name}'${via}`,
    );
  } else if (ctx.divisionLead !== undefined) {
    owner = ctx.divisionLead;
    ctx.warn(group.line, `tasks under '${group.text}' match no team; assigned to division lead ${nameOf(ctx, owner)}`);
  } else {
    ctx.warn(group.line, `tasks under '${group.text}' have no owner`);
  }
  cache.set(id, owner);
  return owner;
}

function nameOf(ctx: ImportContext, key: string): string {
  return `'${ctx.members.find(key)?.name ?? key}'`;
}
