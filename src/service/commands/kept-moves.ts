import type { IsoDate } from '../../domain/types.js';
import { optionalCalendarOf, taskDueDate } from '../../plans/plan-dates.js';
import type { Plan } from '../../plans/plan-schema.js';
import { formatDate } from '../messages/format.js';
import type { PlanSnapshot } from '../read-model/plan-snapshot.js';

/** How a plan version was written by an approved re-plan (src/store writes it so). */
export const REPLAN_SOURCE = 'replan';

/** One stored plan version, as the store hands it to a re-import. */
export interface StoredVersion {
  sourceName: string | null;
  document: unknown;
  variance: unknown;
}

/** An approved re-plan move a re-import kept because the new document did not change that task's date. */
export interface KeptMove {
  key: string;
  title: string;
  /** The date the document gives the task (unchanged since the last import). */
  documentDate: IsoDate;
  /** The date the approved re-plan moved it to, which stays. */
  date: IsoDate;
  replan: number;
}

interface Move {
  to: IsoDate;
  replan: number;
}

/**
 * Which approved re-plan moves a re-import keeps. `history` is the plan's versions newest first,
 * back to (and including) the last one that was an import. A task keeps its moved date when the
 * new document gives it the same date the last imported document did (the author fixed a typo, not
 * the schedule) and the plan still has it on the moved date; when the document changes the date,
 * the document wins.
 */
export function keptMoves(history: readonly StoredVersion[], snapshot: PlanSnapshot): KeptMove[] {
  const importAt = history.findIndex((v) => v.sourceName !== REPLAN_SOURCE);
  if (importAt < 0) return [];
  const imported = history[importAt]!;
  const importedKept = keptOf(imported.variance);
  // What the last imported document itself said: its stored document carries the moves it kept.
  const documentDates = datesOf(imported.document);
  for (const k of importedKept) documentDates.set(k.key, k.documentDate);
  const moves = new Map<string, Move>(importedKept.map((k) => [k.key, { to: k.date, replan: k.replan }]));
  for (let i = importAt - 1; i >= 0; i -= 1) {
    const variance = history[i]!.variance as { replan?: unknown; moved?: unknown } | null;
    if (typeof variance?.replan !== 'number' || !Array.isArray(variance.moved)) continue;
    for (const m of variance.moved as { taskKey: string; to: IsoDate }[])
      moves.set(m.taskKey, { to: m.to, replan: variance.replan });
  }
  const current = datesOf(history[0]!.document);
  // Read the new document as the old one was read (a holiday move applies to both alike).
  const next = datesOf(snapshot.document);
  const kept: KeptMove[] = [];
  for (const task of snapshot.tasks) {
    const move = moves.get(task.key);
    const date = next.get(task.key);
    if (!move || date === undefined || move.to === date) continue;
    if (documentDates.get(task.key) !== date) continue;
    // Moved again since (a later re-plan or import): that date is not the approved one.
    if (current.get(task.key) !== move.to) continue;
    kept.push({ key: task.key, title: task.title, documentDate: date, date: move.to, replan: move.replan });
  }
  return kept;
}

/** The snapshot with the kept moves applied to its task rows and to the document stored with it. */
export function withKeptMoves(snapshot: PlanSnapshot, kept: readonly KeptMove[]): PlanSnapshot {
  if (kept.length === 0) return snapshot;
  const to = new Map(kept.map((k) => [k.key, k.date]));
  return {
    ...snapshot,
    tasks: snapshot.tasks.map((t) => (to.has(t.key) ? { ...t, dueDate: to.get(t.key)! } : t)),
    document: {
      ...snapshot.document,
      tasks: snapshot.document.tasks.map((t) => {
        const date = to.get(t.key);
        if (!date) return t;
        // As an approved re-plan writes it: a dated task, no longer a plan day or week.
        const { day: _day, week: _week, ...rest } = t;
        return { ...rest, date };
      }),
    },
  };
}

/** "kept 1 approved move: d4 Data quality stays on Sat 12 Dec (re-plan #1)". */
export function keptMovesText(kept: readonly KeptMove[]): string | undefined {
  if (kept.length === 0) return undefined;
  const items = kept.map((k) => `${k.key} ${k.title} stays on ${formatDate(k.date)} (re-plan #${k.replan})`);
  return `kept ${kept.length} approved move${kept.length === 1 ? '' : 's'}: ${items.join('; ')}`;
}

function keptOf(variance: unknown): KeptMove[] {
  const kept = (variance as { kept?: unknown } | null)?.kept;
  return Array.isArray(kept) ? (kept as KeptMove[]) : [];
}

function datesOf(document: unknown): Map<string, IsoDate | undefined> {
  const plan = document as Plan;
  const calendar = optionalCalendarOf(plan);
  return new Map(plan.tasks.map((t) => [t.key, taskDueDate(t, calendar)]));
}
