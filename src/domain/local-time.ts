import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { IsoDate, LocalTime } from './types.js';

export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm (24 h)');

export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
}

export function parseLocalTime(time: LocalTime): ClockTime {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (match === null) {
    throw new RangeError(`Not a local time (HH:mm): "${time}"`);
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

const MINUTE_MS = 60_000;

/**
 * The instant `time` happens on local `date` in `zone`, with one rule for the two DST oddities:
 * - a time inside a spring-forward gap (02:30 in Los Angeles on 2026-03-08) does not exist, so it
 *   happens at the first valid instant after the gap (03:00 local), not luxon's shifted 03:30 —
 *   a ritual should run as soon as its time has passed, not an extra half hour later;
 * - a time that happens twice on fall-back (01:30 on 2026-11-01) resolves to the earlier instant
 *   (the pre-transition offset), so a ritual fires once and as early as its time is reached.
 */
export function atLocalTime(date: IsoDate, time: LocalTime | ClockTime, zone: string): DateTime {
  const { hour, minute } = typeof time === 'string' ? parseLocalTime(time) : time;
  const [year, month, day] = date.split('-').map(Number);
  const candidate = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (!candidate.isValid) {
    throw new RangeError(
      `Cannot place ${date} ${hour}:${minute} in zone "${zone}": ${candidate.invalidExplanation ?? ''}`,
    );
  }
  if (candidate.hour !== hour || candidate.minute !== minute) {
    return endOfGap(candidate.offset, Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour, minute), zone);
  }
  const possible = candidate.getPossibleOffsets();
  const earliest = possible.reduce((a, b) => (b.toMillis() < a.toMillis() ? b : a), candidate);
  return earliest.setZone(zone);
}

// Luxon pushes a nonexistent time forward by the gap's length; find the transition instant instead.
// Reading the wall time with the offset after the gap gives an instant before the transition, and
// with the offset before the gap one at or after it; transitions fall on whole minutes, so a
// binary search over minutes between the two finds it.
function endOfGap(offsetAfter: number, wallAsUtc: number, zone: string): DateTime {
  const tz = IANAZone.create(zone);
  let lo = wallAsUtc - offsetAfter * MINUTE_MS;
  const offsetBefore = tz.offset(lo);
  let hi = wallAsUtc - offsetBefore * MINUTE_MS;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (tz.offset(mid) === offsetAfter) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return DateTime.fromMillis(hi, { zone });
}
