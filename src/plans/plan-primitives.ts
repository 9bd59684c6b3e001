import { Info } from 'luxon';
import { z } from 'zod';
import { isoDateSchema } from '../domain/iso-date.js';

/** A calendar date without time, as plan authors write it: `2026-12-07`. */
export const planDateSchema = isoDateSchema.meta({ description: 'ISO calendar date, YYYY-MM-DD' });

/** A wall-clock time in a zone; rituals keep local time so 09:00 stays 09:00 across DST. */
export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time "HH:mm"')
  .meta({ description: '24-hour local time, HH:mm' });

/**
 * Only IANA names: abbreviations like "PST" are ambiguous across DST, so the importer
 * translates them before the plan reaches this schema.
 */
export const ianaZoneSchema = z
  .string()
  .min(1)
  .refine((zone) => Info.isValidIANAZone(zone), { message: 'unknown IANA time zone' })
  .meta({ description: 'IANA time zone, e.g. America/Los_Angeles' });

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's numbering). */
export const isoWeekdaySchema = z
  .number()
  .int()
  .min(1)
  .max(7)
  .meta({ description: 'ISO weekday, 1 = Monday … 7 = Sunday' });

/** Keys survive re-imports so a re-baseline can tell a moved task from a new one. */
export const planKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'expected a key of letters, digits, ".", "_" or "-"')
  .max(120);

export const memberRoleSchema = z.enum(['member', 'lead', 'sponsor', 'on-call']);

export const ritualKindSchema = z.enum(['standup', 'weekend_checkin', 'triage', 'sync', 'weekly_memo']);
