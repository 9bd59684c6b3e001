import type { IsoDate, TaskStatus } from '../../domain/types.js';
import type { PlanView } from '../read-model/plan-view.js';

/** One task as an export shows it: current dates (approved re-plans applied), owner by name. */
export interface TaskRow {
  key: string;
  title: string;
  owner: string | null;
  ownerEmail: string | null;
  stream: string | null;
  /** The plan day the task is due on now (day 1 = the start date). */
  planDay: number;
  dueDate: IsoDate;
  /** The baseline date slips are measured against (moves since the last import leave it). */
  plannedDate: IsoDate;
  status: TaskStatus;
  dependsOn: string[];
  deliverable: string | null;
  priority: string | null;
  critical: boolean;
}

/**
 * Every stored task, cancelled ones too (a task a re-import dropped is still history), in due
 * order. Stream and priority live only in the document, so they come from its task by key.
 */
export function taskRows(view: PlanView): TaskRow[] {
  const documented = new Map(view.state.plan.document.tasks.map((t) => [t.key, t]));
  return [...view.state.tasks]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key))
    .map((task) => {
      const owner = view.member(task.ownerId);
      const written = documented.get(task.key);
      return {
        key: task.key,
        title: task.title,
        owner: owner?.displayName ?? null,
        ownerEmail: owner?.email ?? null,
        stream: written?.stream ?? null,
        planDay: view.calendar.planDayOf(task.dueDate),
        dueDate: task.dueDate,
        plannedDate: task.plannedDate,
        status: task.status,
        dependsOn: [...task.dependsOn],
        deliverable: task.deliverable,
        priority: written?.priority ?? null,
        critical: task.critical,
      };
    });
}
