import type { Table } from 'mdast';
import { lineOf, textOf } from '../markdown-tree.js';
import { relativeLabel } from '../when/relative-when.js';
import type { WhenContext, WhenMention } from '../when/when-text.js';
import { readItemLine } from './item-line.js';
import { looksLikeNames } from './name-text.js';
import { isBreak } from './non-task.js';
import type { RosterEntry } from './list-reader.js';
import type { TaskCandidate } from './task-candidate.js';
import { fixClockOrder } from './clock-order.js';

// Header words are hints only: a column is the "when" because its cells are times, whatever
// its header says (Time, Hour, Weeks from Release, Date, Local).
const OWNER_HEADER =
  /\b(?:owner|who|dri|assignee|responsible|responder|instructor|speaker|presenter|host|facilitator|lead|by)\b/i;
const TITLE_HEADER =
  /\b(?:task|activity|topic|event|what|action|item|session|title|description|focus|agenda|work|deliverable|milestone|step)s?\b/i;

interface ColumnFacts {
  when: number;
  names: number;
  letters: number;
}

function cellWhen(text: string, when: WhenContext): WhenMention[] | undefined {
  if (text === '') return undefined;
  const label = relativeLabel(text);
  if (label) return [{ ...label, meridiem: false }];
  const line = readItemLine(text, when);
  return line.when.length > 0 && line.title === '' ? line.when : undefined;
}

function columnFacts(rows: readonly string[][], column: number, when: WhenContext): ColumnFacts {
  const cells = rows.map((r) => r[column] ?? '').filter((c) => c !== '');
  if (cells.length === 0) return { when: 0, names: 0, letters: 0 };
  const count = (test: (c: string) => boolean): number => cells.filter(test).length / cells.length;
  return {
    when: count((c) => cellWhen(c, when) !== undefined),
    names: count((c) => looksLikeNames(c)),
    letters: cells.reduce((sum, c) => sum + (c.match(/\p{L}/gu)?.length ?? 0), 0) / cells.length,
  };
}

export interface TableReading {
  tasks: TaskCandidate[];
}

/**
 * A table is a schedule when one column's cells are times or dates; the descriptive column is
 * the title and a column of names the owner. Bold "Day 2 | 2021-06-29" rows start a new day;
 * a row with no time runs alongside the row above it. Tables with no time column (glossaries,
 * statuses, rosters) are not schedules and give undefined.
 */
export function readScheduleTable(table: Table, context: WhenMention[], when: WhenContext): TableReading | undefined {
  const [header, ...body] = table.children;
  if (!header || body.length === 0) return undefined;
  const headers = header.children.map((c) => textOf(c));
  const rows = body.map((row) => row.children.map((c) => textOf(c)));
  const width = Math.max(headers.length, ...rows.map((r) => r.length));
  const facts = Array.from({ length: width }, (_, i) => columnFacts(rows, i, when));
  const whenColumn = facts.findIndex((f) => f.when >= 0.5);
  // Without a time column, only a table that says it lists tasks ("| Task | Owner |") is one.
  if (
    whenColumn < 0 &&
    !headers.some((h) => /^\s*(?:tasks?|to-?dos?|action items?|work items?|deliverables?)\s*$/i.test(h))
  )
    return undefined;
  const others = facts.map((_, i) => i).filter((i) => i !== whenColumn);
  const byHeader = others.find((i) => TITLE_HEADER.test(headers[i] ?? ''));
  const ownerColumn = others.find(
    (i) => i !== byHeader && (OWNER_HEADER.test(headers[i] ?? '') || (facts[i]?.names ?? 0) >= 0.6),
  );
  const titleColumn =
    byHeader ??
    others.filter((i) => i !== ownerColumn).sort((a, b) => (facts[b]?.letters ?? 0) - (facts[a]?.letters ?? 0))[0];
  if (titleColumn === undefined) return undefined;

  const tasks: TaskCandidate[] = [];
  const clock: { when: WhenMention[]; reset: boolean }[] = [];
  let rowContext: WhenMention[] = [];
  let previous: WhenMention[] = [];
  body.forEach((row, index) => {
    const cells = rows[index] ?? [];
    const whenText = whenColumn < 0 ? '' : (cells[whenColumn] ?? '');
    const own = cellWhen(whenText, when);
    if (own && own.every((m) => m.time === undefined) && isDayRow(cells, whenColumn, titleColumn, when)) {
      // "| **Day 2** | **2021-06-29** <br> Module title |": a day separator, not an activity.
      rowContext = [...cells.flatMap((c) => readItemLine(c, when).when.filter((m) => m.date !== undefined)), ...own];
      previous = [];
      clock.push({ when: [], reset: true });
      return;
    }
    const title = cells[titleColumn] ?? '';
    const rowWhen = own ?? (whenText === '' ? previous : readItemLine(whenText, when).when);
    if (own) previous = own;
    if (title === '' || isBreak(title)) {
      clock.push({ when: rowWhen, reset: false });
      return;
    }
    const owner = ownerColumn === undefined ? undefined : cells[ownerColumn];
    const candidate: TaskCandidate = {
      title,
      line: lineOf(row),
      when: rowWhen,
      context: [...rowContext, ...context],
      checklist: [],
      ...(owner && looksLikeNames(owner) ? { owner } : {}),
    };
    clock.push({ when: rowWhen, reset: false });
    tasks.push(candidate);
  });
  fixClockOrder(clock);
  return { tasks };
}

function isDayRow(cells: readonly string[], whenColumn: number, titleColumn: number, when: WhenContext): boolean {
  const title = cells[titleColumn] ?? '';
  const dated = readItemLine(title, when).when.some((m) => m.date !== undefined || m.day !== undefined);
  return dated || /^\s*(?:day|week)\b/i.test(cells[whenColumn] ?? '');
}

/** A table of people (Role | Lead | Shadow): every name cell becomes a member with the row's role. */
export function rosterTable(table: Table): RosterEntry[] {
  const [header, ...body] = table.children;
  if (!header) return [];
  const headers = header.children.map((c) => textOf(c));
  const entries: RosterEntry[] = [];
  for (const row of body) {
    const cells = row.children.map((c) => textOf(c));
    const role = cells[0] ?? '';
    cells.slice(1).forEach((cell, i) => {
      const name = cell
        .replace(/@[\w.-]+/g, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (name === '' || !looksLikeNames(name) || !/@|\b[A-Z][a-z]+\b/.test(cell)) return;
      entries.push({
        name,
        line: lineOf(row),
        title: [role, headers[i + 1]].filter((t) => t !== undefined && t !== '').join(' - '),
      });
    });
  }
  return entries;
}
