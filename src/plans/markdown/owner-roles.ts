import type { MemberRole } from '../plan-schema.js';

/** Plan roles a written title implies; a title with none of them is a plain member. */
export function rolesFromTitle(title: string | undefined): MemberRole[] {
  if (title === undefined) return [];
  const roles: MemberRole[] = [];
  if (/\blead\b|^head of\b|\bdivision lead\b/i.test(title)) roles.push('lead');
  if (/\bsponsor\b/i.test(title)) roles.push('sponsor');
  if (/\bon[- ]?call\b/i.test(title)) roles.push('on-call');
  return roles;
}

export function mergeRoles(current: readonly MemberRole[], added: readonly MemberRole[]): MemberRole[] {
  const all = new Set<MemberRole>([...current.filter((r) => r !== 'member'), ...added.filter((r) => r !== 'member')]);
  return all.size === 0 ? ['member'] : [...all];
}
