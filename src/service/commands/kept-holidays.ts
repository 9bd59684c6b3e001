import { moveTasksOffHolidays } from '../../domain/holiday-move.js';
import { planCalendarOf } from '../../plans/plan-dates.js';
import type { PlanSnapshot } from '../read-model/plan-snapshot.js';
import type { PlanHoliday } from '../read-model/plan-state.js';

/**
 * A re-import keeps the holidays added in chat: the plan's calendar is the document's holidays
 * and these, so a task the new document puts on one moves to the next working day, as it would
 * on a holiday the document names. The document itself is stored as written.
 */
export function withChatHolidays(snapshot: PlanSnapshot, holidays: readonly PlanHoliday[]): PlanSnapshot {
  if (holidays.length === 0) return snapshot;
  const doc = snapshot.document;
  const calendar = planCalendarOf(
    { ...doc, holidays: [...new Set([...doc.holidays, ...holidays.map((h) => h.date)])] },
    snapshot.startDate,
  );
  const { tasks, moves } = moveTasksOffHolidays(snapshot.tasks, calendar);
  return moves.length === 0 ? snapshot : { ...snapshot, tasks, moves: [...snapshot.moves, ...moves] };
}
