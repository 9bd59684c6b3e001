import { DateTime } from 'luxon';

/** When a stand-up's digest posts: a local time on the stand-up's day, or a while after the prompt. */
export type DigestTiming = { at: string } | { afterMinutes: number };

/**
 * The digest's instant for a stand-up posted at `scheduledAt`. A local time is read on the
 * stand-up's own day in `zone`, so "11:00" stays 11:00 across a DST change. Null when that
 * instant would not come after the prompt (a digest before the answers has nothing to say).
 */
export function digestInstant(timing: DigestTiming, scheduledAt: Date, zone: string): Date | null {
  let at: Date;
  if ('afterMinutes' in timing) {
    at = new Date(scheduledAt.getTime() + timing.afterMinutes * 60_000);
  } else {
    const [hour, minute] = timing.at.split(':').map(Number) as [number, number];
    at = DateTime.fromJSDate(scheduledAt, { zone }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
  }
  return at.getTime() > scheduledAt.getTime() ? at : null;
}
