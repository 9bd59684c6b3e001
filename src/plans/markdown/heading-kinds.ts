import { dayRangeIn } from './day-references.js';

export type HeadingKind =
  | { kind: 'week'; week: number }
  | { kind: 'days'; from: number; to: number }
  | { kind: 'role'; role: string }
  | { kind: 'task'; number: number; title: string; priority?: string }
  | { kind: 'stream'; name: string }
  | { kind: 'milestone'; name: string; due?: string }
  | { kind: 'team'; name: string }
  | { kind: 'ritual'; ritual: RitualWord }
  | { kind: 'other' };

export type RitualWord = 'standup' | 'weekend_checkin' | 'triage' | 'sync' | 'weekly_memo';

const PRIORITY = /\s*\((P[0-4]|critical|high|medium|low)\)\s*$/i;

/** What a heading announces, judged from its text alone; context is resolved later. */
export function classifyHeading(text: string): HeadingKind {
  const week = /^weeks?\s+(\d{1,3})\b/i.exec(text);
  if (week?.[1]) return { kind: 'week', week: Number(week[1]) };
  if (/^days?\s+\d/i.test(text)) {
    const range = dayRangeIn(text);
    if (range) return { kind: 'days', from: range.from, to: range.to };
  }
  const role = /^role\s*[:\-–—]\s*(.+)$/i.exec(text);
  if (role?.[1]) return { kind: 'role', role: role[1].trim() };
  const task = /^task\s+(\d{1,4})\s*[:.\-–—]\s*(.+)$/i.exec(text);
  if (task?.[1] && task[2]) {
    const priority = PRIORITY.exec(task[2]);
    const title = task[2].replace(PRIORITY, '').trim();
    return { kind: 'task', number: Number(task[1]), title, ...(priority?.[1] ? { priority: priority[1] } : {}) };
  }
  const stream = /^(?:work\s*)?stream\s*[\w.]{0,4}\s*[:.\-–—]\s*(.+)$/i.exec(text);
  if (stream?.[1]) return { kind: 'stream', name: stream[1].trim() };
  const milestone = parseMilestoneTitle(text);
  if (milestone) return { kind: 'milestone', ...milestone };
  if (/^(\d+(\.\d+)*\.?\s+)?.+\bteam$/i.test(text) && !/^(sub-?teams?|team overview|the team)$/i.test(text)) {
    return { kind: 'team', name: text.replace(/^\d+(\.\d+)*\.?\s+/, '').trim() };
  }
  const ritual = ritualWordIn(text);
  if (ritual && text.length <= 60) return { kind: 'ritual', ritual };
  return { kind: 'other' };
}

export function parseMilestoneTitle(text: string): { name: string; due?: string } | undefined {
  const match = /^milestone\s*[\w.]{0,4}\s*[:.\-–—]\s*(.+?)\s*(?:\(([^()]*)\))?\s*:?$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  return { name: match[1].trim(), ...(match[2] ? { due: match[2].trim() } : {}) };
}

/** The ritual a phrase talks about, if any; "weekend" only counts next to a check-in. */
export function ritualWordIn(text: string): RitualWord | undefined {
  if (/stand[- ]?ups?\b/i.test(text)) return 'standup';
  if (/triage/i.test(text)) return 'triage';
  if (/check[- ]?ins?\b/i.test(text)) return /weekend/i.test(text) ? 'weekend_checkin' : 'sync';
  if (/\bmemo\b|status report|weekly (status|update|report)/i.test(text)) return 'weekly_memo';
  if (/\bsync(s|-?ups?)?\b/i.test(text)) return 'sync';
  return undefined;
}
