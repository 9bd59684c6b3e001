import type { ListItem } from 'mdast';
import type { WhenMention } from '../when/when-text.js';

/** A piece of work the outline reader found, before its times are placed on plan days. */
export interface TaskCandidate {
  title: string;
  line: number;
  /** The list item it came from, when it came from one. */
  item?: ListItem;
  /** A "- [ ]" item: its shape alone says it is a task. */
  checkbox?: boolean;
  owner?: string;
  /** The item's own time expressions, most specific first. */
  when: WhenMention[];
  /** Times that hold for the whole section or table block it sits in, innermost first. */
  context: WhenMention[];
  checklist: string[];
  stream?: string;
  priority?: string;
  effort?: string;
  /** Words a ritual row or heading recurs with; set when the candidate turned out to be a ritual. */
  description?: string;
}

/** What one field of the schedule resolves to: the first mention that says it wins. */
export interface PlacedWhen {
  date?: string;
  day?: number;
  dayTo?: number;
  week?: number;
  offset?: WhenMention['offset'];
  time?: string;
  zone?: string;
  weekday?: number;
  monthDay?: { month: number; day: number };
  /** A written span the item sits in ("Week 7 10/14 - 10/20"), for "Saturday" inside it. */
  span?: { from: { month: number; day: number; year?: number }; to: { month: number; day: number; year?: number } };
  meridiem: boolean;
  /** The date is the item's own, not its section's. */
  ownDate?: boolean;
}

function monthDayOf(date: string): { month: number; day: number; year: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Own times first, then the section's; a task's own date beats its week heading. */
export function placeWhen(candidate: Pick<TaskCandidate, 'when' | 'context'>): PlacedWhen {
  const placed: PlacedWhen = { meridiem: false };
  const own = new Set(candidate.when);
  for (const m of [...candidate.when, ...candidate.context]) {
    // A section's span ("Week 7 10/14 - 10/20") bounds its items; it is not each item's date.
    const span = !own.has(m) && (m.dateTo !== undefined || m.monthDayTo !== undefined);
    if (m.date !== undefined && placed.date === undefined && !span) {
      placed.date = m.date;
      placed.ownDate = own.has(m);
    }
    if (m.monthDay !== undefined && placed.monthDay === undefined && !span) placed.monthDay = m.monthDay;
    if (m.day !== undefined && placed.day === undefined) {
      placed.day = m.day;
      if (m.dayTo !== undefined) placed.dayTo = m.dayTo;
    }
    if (m.week !== undefined && placed.week === undefined) placed.week = m.week;
    if (m.offset !== undefined && placed.offset === undefined) placed.offset = m.offset;
    if (m.time !== undefined && placed.time === undefined) {
      placed.time = m.time;
      placed.meridiem = m.meridiem;
      if (m.zone !== undefined) placed.zone = m.zone;
    }
    if (m.weekday !== undefined && placed.weekday === undefined) placed.weekday = m.weekday;
    const from = m.date === undefined ? m.monthDay : monthDayOf(m.date);
    const to = m.dateTo === undefined ? m.monthDayTo : monthDayOf(m.dateTo);
    if (from !== undefined && to !== undefined && placed.span === undefined) placed.span = { from, to };
  }
  // A written date is the most exact; "Day 1" above it only said which day that was.
  if (placed.date !== undefined) {
    delete placed.day;
    delete placed.dayTo;
  }
  return placed;
}
