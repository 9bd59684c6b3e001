import type { EventOffset } from './event-offset.js';
import { offsetUnit, offsetWindow } from './event-offset.js';

/** A plan-relative time a parser of calendar dates does not know: Day N, Week N, T-minus. */
export interface RelativeMention {
  index: number;
  end: number;
  day?: number;
  dayTo?: number;
  week?: number;
  weekTo?: number;
  offset?: EventOffset;
}

// Every pattern is linear: bounded digit runs, optional single spaces, no nested quantifiers.
const SIGN = '[-+\u2212\u2010\u2011\u2012\u2013\u2014]';
const T_OFFSET = new RegExp(
  `(?<![\\w])T\\s?(${SIGN})\\s?(\\d{1,3})\\s?(months?|mos?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|[mhdw])(?![a-z])`,
  'gi',
);
const T_ZERO = /(?<![\w-])T\s?(?:[-+]\s?0)?(?![\w-])/;
const T_ALONE = /\(\s?T\s?\)/g;
const T_CLOCK = new RegExp(`(?<![\\w])T\\s?(${SIGN})\\s?(\\d{1,2}):([0-5]\\d)(?!\\d)`, 'g');
const BEFORE_AFTER =
  /(?<![\w-])(\d{1,3})(?:\s?(?:-|–|to)\s?(\d{1,3}))?[\s-]?(months?|weeks?|days?|hours?)\s(?:in advance|before|prior|ahead|out|after|later)\b/gi;
const DAY = /\bdays?\s?(\d{1,3})(?:\s?(?:-|–|to|and)\s?(?:days?\s?)?(\d{1,3}))?(?![\d/])/gi;
const WEEK = new RegExp(
  `\\bweeks?\\s?(${SIGN}?\\s?\\d{1,2})(?:\\s?(?:-|–|to)\\s?(?:weeks?\\s?)?(${SIGN}?\\s?\\d{1,2}))?(?![\\d/])`,
  'gi',
);
const SIGNED_WEEKS = new RegExp(
  `^(${SIGN})?\\s?(\\d{1,2})\\s?(weeks?|days?|months?)(?:\\s(?:from|before|after)\\b.*)?$`,
  'i',
);
const DAY_MARK = /^(?:first\s|by\s|within\s|the\s)?(\d{1,3})[\s-]?days?$/i;
const DAY_OF = /\b(?:on\s)?the\sday\sof\b|\bday[-\s]of\b/i;
const NIGHT_BEFORE = /\bnight before\b|\bday before\b/i;
const RIGHT_AFTER = /\bimmediately after\b/i;

function sign(text: string | undefined): number {
  return text === undefined || text === '+' ? 1 : -1;
}

function signedNumber(text: string): number {
  const trimmed = text.replace(/\s/g, '');
  const first = trimmed.charAt(0);
  const digits = Number(trimmed.replace(/^[^\d]/, ''));
  return /\d/.test(first) ? digits : first === '+' ? digits : -digits;
}

/** Relative times anywhere in a phrase. */
export function relativeMentions(text: string): RelativeMention[] {
  const found: RelativeMention[] = [];
  for (const m of text.matchAll(T_OFFSET)) {
    const unit = offsetUnit(m[3] ?? '');
    if (unit === undefined) continue;
    found.push({
      index: m.index,
      end: m.index + m[0].length,
      offset: { from: { value: sign(m[1]) * Number(m[2]), unit } },
    });
  }
  // "T+0:05": hours and minutes from the event.
  for (const m of text.matchAll(T_CLOCK)) {
    found.push({
      index: m.index,
      end: m.index + m[0].length,
      offset: { from: { value: sign(m[1]) * (Number(m[2]) * 60 + Number(m[3])), unit: 'm' } },
    });
  }
  // "(T)": at the event itself.
  for (const m of text.matchAll(T_ALONE))
    found.push({ index: m.index, end: m.index + m[0].length, offset: { from: { value: 0, unit: 'd' } } });
  for (const m of text.matchAll(BEFORE_AFTER)) {
    const unit = offsetUnit(m[3] ?? '');
    if (unit === undefined) continue;
    const direction = /after|later/i.test(m[0]) ? 1 : -1;
    const a = { value: direction * Number(m[1]), unit };
    const b = m[2] === undefined ? undefined : { value: direction * Number(m[2]), unit };
    found.push({ index: m.index, end: m.index + m[0].length, offset: offsetWindow(a, b) });
  }
  for (const m of text.matchAll(DAY)) {
    const from = Number(m[1]);
    const to = m[2] === undefined ? undefined : Number(m[2]);
    if (from < 1 || (to !== undefined && to < from)) continue;
    found.push({ index: m.index, end: m.index + m[0].length, day: from, ...(to === undefined ? {} : { dayTo: to }) });
  }
  for (const m of text.matchAll(WEEK)) {
    const from = signedNumber(m[1] ?? '');
    const to = m[2] === undefined ? undefined : signedNumber(m[2]);
    const relative = from < 1 || (to !== undefined && to < 1) || /^\s?[-+\u2212]/.test(m[1] ?? '');
    const mention: RelativeMention = { index: m.index, end: m.index + m[0].length };
    if (relative)
      mention.offset = offsetWindow(
        { value: from, unit: 'w' },
        to === undefined ? undefined : { value: to, unit: 'w' },
      );
    else {
      mention.week = from;
      if (to !== undefined && to > from) mention.weekTo = to;
    }
    found.push(mention);
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * A whole label that is only a relative time: "-8 Weeks", "30 Days", "T", "ON THE DAY OF OR
 * NIGHT BEFORE THE EVENT", "Immediately After the Call". Only whole labels: inside a sentence
 * "30 days" is a duration, not a date.
 */
export function relativeLabel(text: string): RelativeMention | undefined {
  const label = text
    .replace(/[*_()[\]:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const end = text.length;
  if (T_ZERO.test(label) && label.replace(T_ZERO, '').trim() === '')
    return { index: 0, end, offset: { from: { value: 0, unit: 'd' } } };
  const signed = SIGNED_WEEKS.exec(label);
  if (signed) {
    const unit = offsetUnit(signed[3] ?? '');
    const value = Number(signed[2]);
    if (unit !== undefined && (signed[1] !== undefined || value === 0 || /\b(?:from|before|after)\b/i.test(label))) {
      const direction = signed[1] !== undefined ? sign(signed[1]) : /\bbefore\b/i.test(label) ? -1 : 1;
      return { index: 0, end, offset: { from: { value: direction * value, unit } } };
    }
  }
  const mark = DAY_MARK.exec(label);
  if (mark) return { index: 0, end, day: Number(mark[1]) };
  const night = NIGHT_BEFORE.test(label);
  if (DAY_OF.test(label) || night) {
    const dayOf = { value: 0, unit: 'd' as const };
    return {
      index: 0,
      end,
      offset: night ? offsetWindow({ value: -1, unit: 'd' }, DAY_OF.test(label) ? dayOf : undefined) : { from: dayOf },
    };
  }
  if (RIGHT_AFTER.test(label)) return { index: 0, end, offset: { from: { value: 0, unit: 'm' } } };
  return undefined;
}
