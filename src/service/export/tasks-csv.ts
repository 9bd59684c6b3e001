import { stringify } from 'csv-stringify/sync';
import type { PlanView } from '../read-model/plan-view.js';
import { taskRows } from './task-rows.js';

/** The CSV header, in column order; README lists what each holds. */
export const TASK_CSV_COLUMNS = [
  'key',
  'title',
  'owner',
  'owner_email',
  'stream',
  'plan_day',
  'due_date',
  'planned_date',
  'status',
  'depends_on',
  'deliverable',
  'priority',
  'critical',
] as const;

/**
 * The plan's tasks as CSV, one row per task under a header row. Dates are ISO dates in the plan's
 * zone; `depends_on` is task keys separated by spaces. A cell that would start a spreadsheet
 * formula (=, +, -, @) gets a leading apostrophe: titles come from whoever wrote the plan
 * document, and opening the export must not run what they typed.
 */
export function tasksCsv(view: PlanView): string {
  const records = taskRows(view).map((row) => [
    row.key,
    row.title,
    row.owner ?? '',
    row.ownerEmail ?? '',
    row.stream ?? '',
    row.planDay,
    row.dueDate,
    row.plannedDate,
    row.status,
    row.dependsOn.join(' '),
    row.deliverable ?? '',
    row.priority ?? '',
    row.critical ? 'yes' : 'no',
  ]);
  return stringify(records, { header: true, columns: [...TASK_CSV_COLUMNS], escape_formulas: true });
}
