import { addDays } from './iso-date.js';
import type { TimeOffRange } from './member-availability.js';
import type { IsoDate } from './types.js';

/**
 * A member's time off with `range` added: sorted, and ranges that overlap or touch merged, so
 * "away until" reads one date however the days were entered (Mon–Tue, then Wed).
 */
export function withTimeOff(ranges: readonly TimeOffRange[], range: TimeOffRange): TimeOffRange[] {
  const sorted = [...ranges, range].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: TimeOffRange[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last && next.from <= addDays(last.to, 1)) {
      merged[merged.length - 1] = { from: last.from, to: next.to > last.to ? next.to : last.to };
    } else {
      merged.push({ ...next });
    }
  }
  return merged;
}

export interface BackFromTimeOff {
  readonly ranges: TimeOffRange[];
  /** The range that held `today`, now ended; undefined when the member was not off today. */
  readonly ended?: TimeOffRange;
}

/**
 * "I'm back": the range holding `today` ends yesterday (or goes, when it began today). Ranges
 * ahead are left alone: being back early does not cancel next month's leave.
 */
export function backFromTimeOff(ranges: readonly TimeOffRange[], today: IsoDate): BackFromTimeOff {
  const current = ranges.find((range) => range.from <= today && today <= range.to);
  if (!current) return { ranges: [...ranges] };
  const rest = ranges.filter((range) => range !== current);
  const kept = current.from < today ? [{ from: current.from, to: addDays(today, -1) }] : [];
  return { ranges: [...kept, ...rest].sort((a, b) => (a.from < b.from ? -1 : 1)), ended: current };
}

/**
 * The last day of the time off holding `date`, following ranges that run on into each other;
 * undefined when the member is not off that day. "Away until Fri 11 Dec" is this date.
 */
export function awayUntil(ranges: readonly TimeOffRange[], date: IsoDate): IsoDate | undefined {
  let until: IsoDate | undefined;
  let day = date;
  for (let found = holding(ranges, day); found; found = holding(ranges, day)) {
    until = found.to;
    day = addDays(found.to, 1);
  }
  return until;
}

/** The time off without the range holding `date` (a plan changed: "away cancel dec 10"). */
export function withoutTimeOff(ranges: readonly TimeOffRange[], date: IsoDate): BackFromTimeOff {
  const removed = holding(ranges, date);
  return removed ? { ranges: ranges.filter((range) => range !== removed), ended: removed } : { ranges: [...ranges] };
}

/** Ranges still running or ahead on `today`: what "your time off" lists. */
export function currentAndFutureTimeOff(ranges: readonly TimeOffRange[], today: IsoDate): TimeOffRange[] {
  return ranges.filter((range) => range.to >= today);
}

function holding(ranges: readonly TimeOffRange[], date: IsoDate): TimeOffRange | undefined {
  return ranges.find((range) => range.from <= date && date <= range.to);
}
