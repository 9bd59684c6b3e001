import { DateTime } from 'luxon';

export interface Due {
  dueDay?: number;
  dueWeek?: number;
  dueDate?: string;
}

/** "End of Week 2", "Week 2", "Day 10", "2026-12-18" → when a milestone is due. */
export function parseDue(text: string | undefined): Due | undefined {
  if (text === undefined) return undefined;
  const week = /\bweek\s+(\d{1,3})\b/i.exec(text)?.[1];
  if (week) return { dueWeek: Number(week), dueDay: Number(week) * 7 };
  const day = /\bday\s+(\d{1,4})\b/i.exec(text)?.[1];
  if (day) return { dueDay: Number(day) };
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text)?.[1];
  if (iso && DateTime.fromISO(iso).isValid) return { dueDate: iso };
  return undefined;
}
