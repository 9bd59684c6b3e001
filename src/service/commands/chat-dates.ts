import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { IsoDate } from '../../domain/types.js';

// chrono-node loads in about 0.2 s; a process that never reads a chat date should not pay it.
let chronoModule: typeof Chrono | undefined;
function chrono(): typeof Chrono {
  return (chronoModule ??= createRequire(import.meta.url)('chrono-node') as typeof Chrono);
}

export type ChatDates = { ok: true; from: IsoDate; to: IsoDate } | { ok: false; error: string };
export type ChatDate = { ok: true; date: IsoDate; rest: string } | { ok: false; error: string };

export const DATE_EXAMPLES = '2026-12-10, "dec 10", "tomorrow" or "next monday"';

// What may stand between two dates of a range and around them: "from … to …", "dec 10 - dec 12".
const RANGE_WORDS = /^(?:from|to|until|till|til|through|thru|and|[-–—,]|\s)*$/i;

/**
 * Reads dates as people type them in chat ("dec 10", "tomorrow", "next monday", 2026-12-10),
 * relative to `now` in the plan's zone: a date is a day of the plan, so "tomorrow" at 23:30 in
 * Los Angeles is the Los Angeles tomorrow, whatever the server's zone. Dates without a year are
 * the next one to come.
 */
function parseInZone(text: string, now: Date, zone: string): Chrono.ParsedResult[] {
  const local = DateTime.fromJSDate(now, { zone });
  // chrono reads relative words against a wall clock; give it the plan's wall clock as its reference.
  const reference = new Date(local.year, local.month - 1, local.day, local.hour, local.minute);
  return chrono().parse(text, reference, { forwardDate: true });
}

function isoOf(components: Chrono.ParsedComponents): IsoDate {
  const pad = (n: number | null, width = 2) => String(n ?? 0).padStart(width, '0');
  return `${pad(components.get('year'), 4)}-${pad(components.get('month'))}-${pad(components.get('day'))}`;
}

/** What is left of `text` once the dates chrono read are taken out. */
function leftover(text: string, results: readonly Chrono.ParsedResult[]): string {
  let rest = '';
  let at = 0;
  for (const result of results) {
    rest += `${text.slice(at, result.index)} `;
    at = result.index + result.text.length;
  }
  return (rest + text.slice(at)).replace(/\s+/g, ' ').trim();
}

/**
 * One day or a range, both days included: "dec 10", "dec 10 to dec 12", "2026-12-10 2026-12-12",
 * "monday - friday". A range that ends before it starts is refused, never swapped.
 */
export function readDateRange(text: string, now: Date, zone: string): ChatDates {
  const results = parseInZone(text, now, zone);
  if (results.length === 0)
    return { ok: false, error: `I could not read "${text}" as a date. Write ${DATE_EXAMPLES}.` };
  const rest = leftover(text, results);
  if (!RANGE_WORDS.test(rest))
    return { ok: false, error: `I could not read "${rest}" as a date. Write ${DATE_EXAMPLES}.` };
  if (results.length > 2 || (results.length === 2 && results.some((r) => r.end)))
    return { ok: false, error: `Give one day, or a first and a last day (e.g. "dec 10 to dec 12"), not more.` };
  const from = isoOf(results[0]!.start);
  const last = results.length === 2 ? results[1]!.start : results[0]!.end;
  const to = last ? isoOf(last) : from;
  if (to < from)
    return {
      ok: false,
      error: `The last day (${to}) is before the first (${from}); give the first day first, e.g. "${to} to ${from}". Nothing was changed.`,
    };
  return { ok: true, from, to };
}

/** One date and whatever else was written with it (a holiday's name): "dec 24 Christmas Eve". */
export function readDateAndText(text: string, now: Date, zone: string): ChatDate {
  const results = parseInZone(text, now, zone);
  const first = results[0];
  if (!first) return { ok: false, error: `I could not read a date in "${text}". Write ${DATE_EXAMPLES}.` };
  if (first.end) return { ok: false, error: 'Give one day at a time.' };
  const rest = leftover(text, [first])
    .replace(/^[\s"“”'\-–—:,]+|[\s"“”'\-–—:,]+$/g, '')
    .trim();
  return { ok: true, date: isoOf(first.start), rest };
}
