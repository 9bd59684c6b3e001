import { z } from 'zod';
import { isoDateSchema } from './iso-date.js';
import type { IsoDate } from './types.js';

/** A member's time off: both dates included, as stored on the member (`[{ from, to }]`). */
export const timeOffRangeSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .refine((range) => range.from <= range.to, 'time off must end on or after its first day');

export type TimeOffRange = z.output<typeof timeOffRangeSchema>;

/** A member who is off on `date` gets no prompt that day. */
export function isMemberAvailable(timeOff: readonly TimeOffRange[] | null | undefined, date: IsoDate): boolean {
  return !(timeOff ?? []).some((range) => range.from <= date && date <= range.to);
}
