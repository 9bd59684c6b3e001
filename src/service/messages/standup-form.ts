import { stripControls } from './message-safety.js';
import { isFinished } from '../../domain/task-status.js';
import type { MemberState } from '../read-model/plan-state.js';
import type { TaskStatus } from '../../domain/types.js';
import type { PlanView } from '../read-model/plan-view.js';

/**
 * What a stand-up form shows one member (the Slack modal, the Teams card): their tasks due today
 * (whatever their status, so "done" can be seen and undone) and their overdue open ones, each with
 * its current status for the form to preselect.
 */
export interface StandupForm {
  memberName: string;
  planName: string;
  tasks: { key: string; title: string; status: TaskStatus; overdue: boolean }[];
}

export function standupFormFor(view: PlanView, member: MemberState, now: Date): StandupForm {
  const today = view.today(now);
  const isOpen = (status: TaskStatus) => !isFinished(status);
  const tasks = view.state.tasks
    .filter(
      (t) =>
        t.ownerId === member.id &&
        t.status !== 'cancelled' &&
        (t.dueDate === today || (t.dueDate < today && isOpen(t.status))),
    )
    // Overdue first (oldest first): that is what the lead will ask about.
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key));
  return {
    memberName: member.displayName,
    planName: view.state.plan.name,
    tasks: tasks.map((t) => ({
      key: t.key,
      title: stripControls(t.title),
      status: t.status,
      overdue: t.dueDate < today,
    })),
  };
}
