import { formatDate } from './format.js';
import { stripControls } from './message-safety.js';
import type { MemberState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';

/**
 * What the "Report a blocker" form (the Slack modal, the Teams card) offers one member: their
 * open tasks to pick from, earliest due first, and a box for what blocks it. Submitting runs the
 * `block` command, so the form can offer nothing the command would refuse.
 */
export interface BlockerForm {
  planId: string;
  planName: string;
  tasks: { key: string; label: string }[];
}

export function blockerFormFor(view: PlanView, member: MemberState): BlockerForm {
  const tasks = view
    .openTasks()
    .filter((t) => t.ownerId === member.id)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key));
  return {
    planId: view.state.plan.id,
    planName: view.state.plan.name,
    tasks: tasks.map((t) => ({
      key: t.key,
      label: `${t.key} · ${stripControls(t.title)} (due ${formatDate(t.dueDate)})`,
    })),
  };
}
