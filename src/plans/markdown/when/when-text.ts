import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';
import { lookupZone } from '../zone-abbreviations.js';
import type { EventOffset } from './event-offset.js';
import { relativeMentions } from './relative-when.js';

/** One time expression found in a phrase, calendar or plan-relative. */
export interface WhenMention {
  index: number;
  end: number;
  /** ISO date, when the year is written or known from the document. */
  date?: string;
  /** A month and day whose year nobody wrote. */
  monthDay?: { month: number; day: number };
  /** The end of a written range ("9/30 - 10/6"), as date or month and day. */
  dateTo?: string;
  monthDayTo?: { month: number; day: number };
  /** 1 = Monday … 7 = Sunday. */
  weekday?: number;
  day?: number;
  dayTo?: number;
  week?: number;
  weekTo?: number;
  offset?: EventOffset;
  /** "HH:mm", 24-hour. */
  time?: string;
  endTime?: string;
  /** AM/PM was written (or the hour is past 12), so the time is not a guess. */
  meridiem: boolean;
  /** IANA zone of a written zone ("PDT", "UTC", "AoE"). */
  zone?: string;
}

export interface WhenContext {
  /** The year the document states, for "October 18". */
  year?: number;
  /** "10/03/2024" is 10 March: the document writes day before month. */
  dayFirst: boolean;
  /** The weekday of day 1 (1 = Monday): "Friday" in an undated plan is the first Friday from it. */
  startWeekday?: number;
  /** Phrases already read in this document; readers ask about the same line more than once. */
  cache?: Map<string, readonly WhenMention[]>;
}

const NUMERIC_DATE = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b|\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})\b/;
const CLOCK_TEXT = /\d[:.]\d\d|\d\s?(?:a|p)\.?m?\.?(?![a-z])|\bnoon\b|\bmidnight\b/i;
const CASUAL =
  /^(?:today|tonight|tomorrow|yesterday|now|this|last|next|the|morning|afternoon|evening|night|on|at|in|from)\b/i;
// "the day of the call", "today": chrono's reading relative to its own clock, not a date in the plan.
const RELATIVE_DAY = /\b(?:today|tonight|tomorrow|yesterday|now|the day|this|last|next|ago|later)\b/i;
// A calendar date is written with a month name or in numbers; "after 2 hours" is not one.
const WRITTEN_DATE = /\d{1,4}[/.-]\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
const ANYWHERE_ON_EARTH = /\b(?:AoE|anywhere on earth)\b/i;
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Every date, time and relative day/week/offset in a phrase, in order. Callers must not change the result. */
export function whenMentions(text: string, context: WhenContext): readonly WhenMention[] {
  const cached = context.cache?.get(text);
  if (cached) return cached;
  const found = readMentions(text, context);
  if (context.cache && context.cache.size < 50_000) context.cache.set(text, found);
  return found;
}

// chrono-node loads in about 0.2 s; a planbot process that reads no plan should not pay it.
let chronoModule: typeof Chrono | undefined;
function chrono(): typeof Chrono {
  return (chronoModule ??= createRequire(import.meta.url)('chrono-node') as typeof Chrono);
}

// chrono is the costly step; a phrase with no digit and no month, day or clock word has no date.
const MAY_HAVE_DATE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|noon|midnight)/i;

function readMentions(text: string, context: WhenContext): WhenMention[] {
  const found: WhenMention[] = [];
  for (const result of MAY_HAVE_DATE.test(text) ? chrono().parse(text, REFERENCE) : []) {
    const mention = fromChrono(result, text, context);
    if (mention) found.push(mention);
  }
  for (const rel of relativeMentions(text)) {
    if (
      found.some((m) => m.index <= rel.index && rel.end <= m.end && (m.date !== undefined || m.monthDay !== undefined))
    )
      continue;
    found.push({ ...rel, meridiem: false });
  }
  if (ANYWHERE_ON_EARTH.test(text)) for (const m of found) m.zone ??= 'Etc/GMT+12';
  return found.sort((a, b) => a.index - b.index);
}

function fromChrono(result: Chrono.ParsedResult, text: string, context: WhenContext): WhenMention | undefined {
  // chrono reads "Week 14 12/2" as 14:00 on 2 December; the number before a numeric date is not part of it.
  const stray = /^\d{1,3}\s+(?=\d{1,2}[/.]\d)/.exec(result.text)?.[0].length ?? 0;
  // chrono may end its match on a closing bracket ("Monday)"); the bracket is the sentence's.
  const full = result.text.replace(/[^\p{L}\p{N}.]+$/u, '');
  const written = full.slice(stray);
  if (CASUAL.test(written) && !/\d/.test(written)) return undefined;
  const start = result.start;
  const mention: WhenMention = { index: result.index + stray, end: result.index + full.length, meridiem: false };
  if (start.isCertain('hour') && CLOCK_TEXT.test(written) && stray === 0) {
    mention.time = `${pad(start.get('hour') ?? 0)}:${pad(start.get('minute') ?? 0)}`;
    mention.meridiem =
      start.isCertain('meridiem') || (start.get('hour') ?? 0) > 12 || /^0\d|^00/.test(written.replace(/^\D+/, ''));
    const end = result.end;
    if (end?.isCertain('hour')) mention.endTime = `${pad(end.get('hour') ?? 0)}:${pad(end.get('minute') ?? 0)}`;
    const zone = zoneAfter(text, mention.end, written);
    if (zone !== undefined) mention.zone = zone;
  }
  if (start.isCertain('day') && start.isCertain('month') && !RELATIVE_DAY.test(written) && WRITTEN_DATE.test(written)) {
    let month = start.get('month') ?? 1;
    let day = start.get('day') ?? 1;
    const numeric = NUMERIC_DATE.exec(written);
    if (numeric) {
      const a = Number(numeric[1] ?? numeric[4]);
      const b = Number(numeric[2] ?? numeric[5]);
      [day, month] = context.dayFirst && a <= 31 && b <= 12 ? [a, b] : a <= 12 ? [b, a] : [a, b];
    }
    const year = start.isCertain('year') ? start.get('year') : context.year;
    if (!validDay(year ?? 2000, month, day)) return undefined;
    if (year !== undefined && year !== null) mention.date = `${year}-${pad(month)}-${pad(day)}`;
    else mention.monthDay = { month, day };
    const end = result.end;
    if (end?.isCertain('day') && end.isCertain('month')) {
      const to = { month: end.get('month') ?? month, day: end.get('day') ?? day };
      const endYear = end.isCertain('year') ? end.get('year') : year;
      if (endYear !== undefined && endYear !== null) mention.dateTo = `${endYear}-${pad(to.month)}-${pad(to.day)}`;
      else mention.monthDayTo = to;
    }
  }
  if (start.isCertain('weekday')) mention.weekday = (((start.get('weekday') ?? 0) + 6) % 7) + 1;
  if (
    mention.time === undefined &&
    mention.date === undefined &&
    mention.monthDay === undefined &&
    mention.weekday === undefined
  )
    return undefined;
  return mention;
}

/** chrono reads "PDT" into an offset; planbot keeps the IANA zone so DST stays right. */
function zoneAfter(text: string, end: number, written: string): string | undefined {
  const inside = /\b([A-Z]{2,5})\b\)?$/.exec(written)?.[1];
  const after = /^\s?\(?([A-Z]{2,5}|Pacific|Eastern|Central|Mountain)\b/.exec(text.slice(end, end + 12))?.[1];
  for (const token of [inside, after]) {
    if (token === undefined) continue;
    const zone = lookupZone(token);
    if (zone) return zone.zone;
  }
  return undefined;
}

/** Reads the document's conventions once: its year and whether it writes day before month. */
export function whenContextOf(text: string, today?: string): WhenContext {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const m of text.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b/g)) {
    if (Number(m[1]) > 12) dayFirst += 1;
    if (Number(m[2]) > 12) monthFirst += 1;
  }
  const years = new Map<number, number>();
  for (const m of text.matchAll(/(?<![\d/.-])(19[89]\d|20\d\d)(?![\d/.-]|\s?[-–]\s?\d)/g)) {
    const year = Number(m[1]);
    years.set(year, (years.get(year) ?? 0) + 1);
  }
  for (const m of text.matchAll(/\b(19[89]\d|20\d\d)-\d\d-\d\d\b/g))
    years.set(Number(m[1]), (years.get(Number(m[1])) ?? 0) + 1);
  const written = [...years.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
  const year = written ?? (today === undefined ? undefined : yearFromWeekdays(text, Number(today.slice(0, 4))));
  return { dayFirst: dayFirst > monthFirst, cache: new Map(), ...(year === undefined ? {} : { year }) };
}

/**
 * "Tuesday 10/29" with no year: the weekday pins the year. Takes the year nearest today (the
 * earlier on a tie) in which every such pair in the document falls on its weekday.
 */
function yearFromWeekdays(text: string, thisYear: number): number | undefined {
  const pairs: { month: number; day: number; weekday: number }[] = [];
  for (const result of chrono().parse(text, REFERENCE)) {
    const s = result.start;
    if (s.isCertain('weekday') && s.isCertain('day') && s.isCertain('month') && !s.isCertain('year')) {
      pairs.push({ month: s.get('month') ?? 1, day: s.get('day') ?? 1, weekday: s.get('weekday') ?? 0 });
    }
  }
  if (pairs.length === 0) return undefined;
  for (const distance of [0, 1, 2, 3, 4, 5, 6]) {
    for (const year of [thisYear - distance, thisYear + distance]) {
      if (pairs.every((p) => new Date(Date.UTC(year, p.month - 1, p.day)).getUTCDay() === p.weekday)) return year;
    }
  }
  return undefined;
}
