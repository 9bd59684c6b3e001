import { relativeLabel } from '../when/relative-when.js';
import type { WhenContext, WhenMention } from '../when/when-text.js';
import { whenMentions } from '../when/when-text.js';
import { firstName, looksLikeNames } from './name-text.js';

/** One line of a plan read for a task: what, who and when, whatever order they were written in. */
export interface ItemLine {
  title: string;
  owner?: string;
  /** Time expressions that belong to the item (its own title's words excluded). */
  when: WhenMention[];
}

// Status markers are written in capitals ("**DONE**"); "Complete the form" is an action.
const STATUS = /^(?:DONE|TODO|TO DO|WIP|IN PROGRESS|COMPLETED?|FINISHED|\u2705|\u2714\ufe0f?)(?![\w])\s*[:\-–]?\s*/;
const SEPARATOR = /\s[-–—]{1,2}\s|\s?—\s?|(?<=^\uE000\d{1,3}\uE000):\s|\s\|\s/;
const TRAILING_DATE_WORDS = /,?\s*(?:date\s+)?(?:started|completed|finished|done|due|on|by|at|from)?\s*[,;:]?\s*$/i;
const LEAD_PUNCT = /^[\s,;:./\-–—|@]+/;
const TRAIL_PUNCT = /[\s,;:/\-–—|@]+$/;

const mark = (i: number): string => `\uE000${i}\uE000`;
const MARK = /\uE000(\d{1,3})\uE000/g;

/**
 * Splits "Noor, 6:30am PDT - Post the launch note", "**10:30am - 10:35am** - Dr. Sandip Roy",
 * "Build login, Task 1 (Mira Holt), 02/03/2025" or "post tweet (T-5 days)" into title,
 * owner and the time expressions. Times are masked first so "8:00 PM - 9:00 PM" is one part.
 */
export function readItemLine(raw: string, context: WhenContext): ItemLine {
  const text = raw.replace(STATUS, '').replace(/\s+/g, ' ').trim();
  const mentions = whenMentions(text, context).filter((m, i, all) => i === 0 || m.index >= (all[i - 1]?.end ?? 0));
  let masked = '';
  let at = 0;
  mentions.forEach((m, i) => {
    masked += text.slice(at, m.index) + mark(i);
    at = m.end;
  });
  masked += text.slice(at);
  const parts = masked
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const when: WhenMention[] = [];
  const titles: string[] = [];
  const ownerAt = ownerPart(parts);
  let owner: string | undefined;
  parts.forEach((part, index) => {
    const ownMarks = [...part.matchAll(MARK)]
      .map((m) => mentions[Number(m[1])])
      .filter((m): m is WhenMention => m !== undefined);
    const bare = bareText(part);
    if (bare === '') {
      when.push(...ownMarks);
      return;
    }
    const label = ownMarks.length === 0 && parts.length > 1 ? relativeLabel(bare) : undefined;
    if (label) {
      when.push({ ...label, meridiem: false });
      return;
    }
    if (index === ownerAt) {
      const named = part.replace(MARK, ' ').replace(/\s+/g, ' ').replace(LEAD_PUNCT, '').replace(TRAIL_PUNCT, '');
      owner = looksLikeNames(named) ? named : (named.split(/,\s/)[0] ?? named);
      when.push(...ownMarks);
      return;
    }
    titles.push(part);
  });
  let title = stripEdgeWhens(titles.join(' - '), text, mentions, when);
  const trailing = /^(.*\S)\s*\(([^()]{2,60})\)$/.exec(title);
  if (owner === undefined && trailing && looksLikeNames(trailing[2] ?? '')) {
    title = (trailing[1] ?? '').replace(TRAIL_PUNCT, '');
    owner = trailing[2];
  }
  return { title, ...(owner === undefined ? {} : { owner: firstName(owner) }), when };
}

function isWeekdayOnly(m: WhenMention): boolean {
  return m.weekday !== undefined && m.time === undefined && m.date === undefined && m.monthDay === undefined;
}

function bareText(part: string): string {
  return part
    .replace(MARK, ' ')
    .replace(/[()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(LEAD_PUNCT, '')
    .replace(TRAIL_PUNCT, '');
}

/**
 * Which part names the owner: the first ("Noor, 6:30am - Post the launch note", "Kofi - work on …") or
 * the last when it is a full name ("… - Rohan Mehta"); never the only words left.
 */
function ownerPart(parts: readonly string[]): number | undefined {
  const wordy = parts
    .map((p, i) => ({ bare: bareText(p), i }))
    .filter((p) => p.bare !== '' && relativeLabel(p.bare) === undefined);
  if (wordy.length < 2) return undefined;
  const first = wordy[0];
  const last = wordy[wordy.length - 1];
  const head = first?.bare.split(/,\s/)[0] ?? '';
  if (
    first &&
    (looksLikeNames(first.bare) ||
      ((MARK_TEST.test(parts[first.i] ?? '') || head !== first.bare) && looksLikeNames(head)))
  )
    return first.i;
  // A one-word last part is a name only with a time after it: "… — Priya — Feb 1", not "… - Submit".
  if (last && (last.bare.includes(' ') || last.i < parts.length - 1) && looksLikeNames(last.bare)) return last.i;
  return undefined;
}

const MARK_TEST = /\uE000\d{1,3}\uE000/;

/** A leading time, or a trailing one in parentheses, is the item's schedule, not its words. */
function stripEdgeWhens(masked: string, source: string, mentions: readonly WhenMention[], when: WhenMention[]): string {
  let text = masked;
  const take = (index: string | undefined): void => {
    const m = mentions[Number(index)];
    if (m) when.push(m);
  };
  const LEAD = /^\s*\(?\uE000(\d{1,3})\uE000\)?[\s,;:\-–—]*/;
  for (let lead = LEAD.exec(text); lead; lead = LEAD.exec(text)) {
    const m = mentions[Number(lead[1])];
    // "Monday meeting" keeps its weekday: it is part of the name, not a schedule prefix.
    if (m && isWeekdayOnly(m) && /^[a-z]/.test(text.slice(lead[0].length)) && !/[,;:\-–—]\s*$/.test(lead[0])) break;
    take(lead[1]);
    text = text.slice(lead[0].length);
  }
  // A trailing time is the schedule when set apart: "(T-5 days)", ", 02/03/2025", " - 12 May", "(Ann) 12/03".
  const tail =
    /\s*\((?:[^()]*?)\uE000(\d{1,3})\uE000(?:[^()]*?)\)\s*$|\s*(?:[,;]|\s[-–—]|(?<=\)))\s*\uE000(\d{1,3})\uE000\s*$/.exec(
      text,
    );
  if (tail && /[\p{L}]/u.test(text.slice(0, tail.index))) {
    take(tail[1] ?? tail[2]);
    text = text.slice(0, tail.index).replace(TRAILING_DATE_WORDS, '');
  }
  for (const m of text.matchAll(MARK)) take(m[1]);
  return text
    .replace(MARK, (_, i: string) => {
      const m = mentions[Number(i)];
      return m ? source.slice(m.index, m.end) : '';
    })
    .replace(TRAIL_PUNCT, '')
    .trim();
}
