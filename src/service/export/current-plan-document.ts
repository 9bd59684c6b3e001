import { planSchema, type Plan } from '../../plans/plan-schema.js';
import { buildPlanSnapshot } from '../read-model/plan-snapshot.js';
import type { PlanView } from '../read-model/plan-view.js';

/** The stored plan's document as it stands now, with what the document cannot hold said per task. */
export interface CurrentPlanDocument {
  document: Plan;
  /** Per task key: its status, and where a date it was moved to came from; a YAML writer shows them as comments. */
  taskNotes: Map<string, string>;
}

/**
 * The document of the plan's current version, brought up to date: a task whose stored date differs
 * from what its document says (an approved re-plan moved it) gets that date as its `date`, in
 * place of its day or week, so importing the result gives every task the date it has now and
 * reports no variance. The plan format has no status, so statuses travel as notes; a re-import
 * into the same plan keeps the stored statuses anyway.
 */
export function currentPlanDocument(view: PlanView, now: Date): CurrentPlanDocument {
  const document = view.state.plan.document;
  const written = new Map(buildPlanSnapshot(document, now).tasks.map((t) => [t.key, t.dueDate]));
  const stored = new Map(view.state.tasks.map((t) => [t.key, t]));
  const taskNotes = new Map<string, string>();
  const tasks = document.tasks.map((task) => {
    const current = stored.get(task.key);
    if (!current) return task;
    const from = written.get(task.key);
    const moved = from !== undefined && from !== current.dueDate;
    taskNotes.set(
      task.key,
      `status: ${current.status}${moved ? `; moved from ${from}${task.day ? ` (day ${task.day})` : ''}` : ''}`,
    );
    if (!moved) return task;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- day and week give way to the date
    const { day, week, ...rest } = task;
    return { ...rest, date: current.dueDate };
  });
  // Parsing puts fields back in the format's order: the database (jsonb) keeps them sorted its own way.
  return { document: planSchema.parse({ ...document, tasks }), taskNotes };
}
