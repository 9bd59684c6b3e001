import { DateTime } from 'luxon';
import { dayRangeIn } from './day-references.js';

export type DayCell =
  | { kind: 'day'; day: number; endDay: number }
  | { kind: 'week'; week: number }
  | { kind: 'date'; date: string; guessedYear?: number };

const DATE_FORMATS = ['MMM d, yyyy', 'MMMM d, yyyy', 'd MMM yyyy', 'd MMMM yyyy', 'MMM d yyyy', 'MMMM d yyyy'];
const YEARLESS_FORMATS = [
  'MMM d',
  'MMMM d',
  'd MMM',
  'd MMMM',
  'EEE MMM d',
  'EEEE MMMM d',
  'EEE, MMM d',
  'EEEE, MMMM d',
];

/**
 * One cell of a Day / Date / When / Week column. `unit` comes from the header, so a bare "3"
 * under "Week" is week 3 and under "Day" is day 3. Returns undefined when nothing fits.
 */
export function parseDayCell(
  raw: string,
  unit: 'day' | 'date' | 'week' | 'when',
  yearHint?: number,
): DayCell | undefined {
  const text = raw.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  const iso = /^(\d{4}-\d{2}-\d{2})\b/.exec(text)?.[1];
  if (iso && DateTime.fromISO(iso).isValid) return { kind: 'date', date: iso };
  const week = /^(?:week|wk|w)\s*(\d{1,3})\b/i.exec(text)?.[1];
  if (week) return { kind: 'week', week: Number(week) };
  if (/^(?:days?|d)\s*\d/i.test(text)) {
    const range = dayRangeIn(text.replace(/^d\s*(?=\d)/i, 'Day '));
    if (range) return { kind: 'day', day: range.from, endDay: range.to };
  }
  const bare = /^(\d{1,4})(?:\s*[-–—]\s*(\d{1,4}))?$/.exec(text);
  if (bare?.[1]) {
    const from = Number(bare[1]);
    const to = bare[2] === undefined ? from : Number(bare[2]);
    if (from < 1 || to < from) return undefined;
    return unit === 'week' ? { kind: 'week', week: from } : { kind: 'day', day: from, endDay: to };
  }
  return parseWrittenDate(text, yearHint);
}

function parseWrittenDate(text: string, yearHint: number | undefined): DayCell | undefined {
  const cleaned = text.replace(/(\d)(st|nd|rd|th)\b/g, '$1');
  for (const format of DATE_FORMATS) {
    const parsed = DateTime.fromFormat(cleaned, format, { locale: 'en-US' });
    if (parsed.isValid) return { kind: 'date', date: parsed.toISODate() ?? '' };
  }
  if (yearHint === undefined) return undefined;
  for (const format of YEARLESS_FORMATS) {
    const parsed = DateTime.fromFormat(`${cleaned} ${yearHint}`, `${format} yyyy`, { locale: 'en-US' });
    if (parsed.isValid) return { kind: 'date', date: parsed.toISODate() ?? '', guessedYear: yearHint };
  }
  return undefined;
}
