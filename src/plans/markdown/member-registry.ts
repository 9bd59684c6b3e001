import { matchMember, memberKey, splitOwnerText } from '../member-match.js';
import type { MemberRole, PlanMember } from '../plan-schema.js';
import { slugify } from '../plan-keys.js';
import type { ImportWarning } from '../plan-import-types.js';
import { mergeRoles, rolesFromTitle } from './owner-roles.js';

export interface MemberFacts {
  title?: string;
  roles?: readonly MemberRole[];
  email?: string;
  slackHandle?: string;
}

/**
 * The people of one import. Listed people (contacts, team leads) are added first; owners are
 * then matched against them, and every tolerant match or invented member becomes a warning.
 */
export class MemberRegistry {
  readonly members: PlanMember[] = [];
  readonly lines = new Map<PlanMember, number>();
  /** Owner texts already matched tolerantly; the same cell again is not a new guess. */
  private readonly aliases = new Map<string, PlanMember>();
  private readonly warnings: ImportWarning[];

  constructor(warnings: ImportWarning[]) {
    this.warnings = warnings;
  }

  /** A person the document names outright; merges facts when the name is already known. */
  declare(name: string, facts: MemberFacts, line: number): PlanMember {
    const existing = matchMember(this.members, name);
    if (existing) {
      this.merge(existing.member, facts);
      return existing.member;
    }
    const member: PlanMember = {
      key: this.uniqueKey(name),
      name,
      roles: mergeRoles([], [...(facts.roles ?? []), ...rolesFromTitle(facts.title)]),
    };
    this.merge(member, facts);
    this.members.push(member);
    this.lines.set(member, line);
    return member;
  }

  /** Resolves an owner cell like "Sam Jackson (On-call)" to a member key, creating one if needed. */
  owner(text: string, line: number): string | undefined {
    const cell = text.replace(/\s+/g, ' ').trim();
    if (cell === '' || /^(tbd|tba|n\/?a|none|-|—|–|\?)$/i.test(cell)) return undefined;
    const { name, title } = splitOwnerText(cell);
    const known = this.aliases.get(cell.toLowerCase());
    if (known) return memberKey(known);
    const match = matchMember(this.members, cell);
    if (match) {
      this.aliases.set(cell.toLowerCase(), match.member);
      const added = rolesFromTitle(title).filter((role) => !match.member.roles.includes(role));
      if (!match.exact) {
        const roleNote = added.length > 0 ? `; added role ${added.join(', ')}` : '';
        const how = match.how === 'by name' ? '' : ` ${match.how}`;
        this.warnings.push({ line, message: `owner '${cell}' matched member '${match.member.name}'${how}${roleNote}` });
      }
      match.member.roles = mergeRoles(match.member.roles, added);
      if (match.member.title === undefined && title !== undefined) match.member.title = title;
      return memberKey(match.member);
    }
    const member = this.declare(name, title === undefined ? {} : { title }, line);
    this.warnings.push({ line, message: `owner '${cell}' matches no listed member; created member '${member.name}'` });
    return memberKey(member);
  }

  find(reference: string): PlanMember | undefined {
    return matchMember(this.members, reference)?.member;
  }

  /** The earliest member whose name appears in a phrase, with where it appears. */
  firstNamedIn(text: string): { member: PlanMember; index: number } | undefined {
    let best: { member: PlanMember; index: number } | undefined;
    for (const member of this.members) {
      const escaped = member.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const index = new RegExp(`(?<![\\w])${escaped}(?![\\w])`, 'i').exec(text)?.index;
      if (index !== undefined && (best === undefined || index < best.index)) best = { member, index };
    }
    return best;
  }

  private merge(member: PlanMember, facts: MemberFacts): void {
    if (facts.title !== undefined && member.title === undefined) member.title = facts.title;
    if (facts.email !== undefined && member.email === undefined) member.email = facts.email;
    if (facts.slackHandle !== undefined && member.slackHandle === undefined) member.slackHandle = facts.slackHandle;
    member.roles = mergeRoles(member.roles, [...(facts.roles ?? []), ...rolesFromTitle(facts.title)]);
  }

  private uniqueKey(name: string): string {
    const base = slugify(name, 'member');
    const taken = new Set(this.members.map(memberKey));
    let key = base;
    for (let n = 2; taken.has(key); n += 1) key = `${base}-${n}`;
    return key;
  }
}
