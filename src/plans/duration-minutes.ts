import { z } from 'zod';

const DURATION = /^\s*(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?\s*$/i;

/** "90m", "2h", "1h30m", "45 min" → minutes; undefined for anything else (or zero). */
export function durationMinutes(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const minutes = Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
  return minutes > 0 ? minutes : undefined;
}

/** A plan author's duration, kept as written so the document reads back as it was given. */
export const durationSchema = z
  .string()
  .refine((text) => durationMinutes(text) !== undefined, {
    message: 'expected a duration such as "90m", "2h" or "1h30m"',
  })
  .meta({ description: 'A duration: "90m", "2h", "1h30m"' });
