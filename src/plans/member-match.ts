import type { PlanMember } from './plan-schema.js';
import { slugify } from './plan-keys.js';

// Abbreviations teams use for the same job title; "Eng #1" and "Engineer 1" are one person.
const WORD_ALIASES: Readonly<Record<string, string>> = {
  eng: 'engineer',
  engr: 'engineer',
  mgr: 'manager',
  dev: 'developer',
  sr: 'senior',
  jr: 'junior',
};

export interface OwnerText {
  /** The name with any "(Role)" suffix removed. */
  name: string;
  /** What was in the parentheses or after a dash, e.g. "Project Lead". */
  title?: string;
}

/** Splits "Sam Jackson (Project Lead)" or "Sam Jackson — Project Lead" into name and title. */
export function splitOwnerText(text: string): OwnerText {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  const paren = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(trimmed);
  if (paren?.[1] && paren[2]) return { name: paren[1].trim(), title: paren[2].trim() };
  const dash = /^(.+?)\s+[—–-]\s+(.+)$/.exec(trimmed);
  if (dash?.[1] && dash[2]) return { name: dash[1].trim(), title: dash[2].trim() };
  return { name: trimmed };
}

/** Comparable form of a person or role name: case, punctuation, "#" numbering and abbreviations ignored. */
export function normalizeName(text: string): string {
  return splitOwnerText(text)
    .name.normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/#\s*(\d+)/g, ' $1')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => WORD_ALIASES[word] ?? word)
    .join(' ');
}

export function memberKey(member: Pick<PlanMember, 'key' | 'name'>): string {
  return member.key ?? slugify(member.name, 'member');
}

export type MemberMatch = { member: PlanMember; exact: true } | { member: PlanMember; exact: false; how: string };

/**
 * Finds the member an owner reference means. `exact` is false when the match needed tolerance
 * (a role suffix, numbering, a handle, a first name) so the caller can report the guess.
 */
export function matchMember(members: readonly PlanMember[], reference: string): MemberMatch | undefined {
  const ref = reference.trim();
  const lower = ref.toLowerCase();
  for (const member of members) {
    if (member.name.toLowerCase() === lower || memberKey(member) === lower) return { member, exact: true };
  }
  const handle = lower.startsWith('@') ? lower.slice(1) : undefined;
  if (handle !== undefined) {
    const byHandle = members.find((m) => m.slackHandle?.toLowerCase() === handle);
    if (byHandle) return { member: byHandle, exact: false, how: 'by Slack handle' };
  }
  const byEmail = members.find((m) => m.email !== undefined && m.email.toLowerCase() === lower);
  if (byEmail) return { member: byEmail, exact: false, how: 'by email' };
  const normalized = normalizeName(ref);
  if (normalized === '') return undefined;
  const byName = members.find((m) => normalizeName(m.name) === normalized);
  if (byName) {
    const { title } = splitOwnerText(ref);
    const sameTitle = title !== undefined && byName.title?.toLowerCase() === title.toLowerCase();
    const sameName = splitOwnerText(ref).name.toLowerCase() === byName.name.toLowerCase();
    if (sameTitle && sameName) return { member: byName, exact: true };
    return { member: byName, exact: false, how: 'by name' };
  }
  if (!normalized.includes(' ')) {
    const byFirstName = members.filter((m) => normalizeName(m.name).split(' ')[0] === normalized);
    if (byFirstName.length === 1 && byFirstName[0])
      return { member: byFirstName[0], exact: false, how: 'by first name' };
  }
  return undefined;
}
