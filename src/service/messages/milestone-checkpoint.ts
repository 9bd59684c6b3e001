import type { IsoDate } from '../../domain/types.js';
import type { Message } from './message.js';
import { formatDate, plural, taskLabel, type TaskRef } from './format.js';
import { composeMessage } from './limits.js';

export type CriterionStatus = 'met' | 'not_met' | 'at_risk' | 'unknown';

/** A gated task at the checkpoint: done, late (due before the milestone day), blocked, or due that day. */
export type GatedTaskState = 'done' | 'late' | 'blocked' | 'due_today';

export interface MilestoneCheckpointInput {
  planName: string;
  milestone: { name: string; date: IsoDate };
  criteria: readonly { text: string; status: CriterionStatus; note?: string }[];
  /** The gated tasks still open at the checkpoint. */
  openTasks?: readonly (TaskRef & { owner?: string | null; state?: GatedTaskState })[];
  /** Gated tasks done out of all gated tasks. */
  progress?: { done: number; total: number };
}

/** How a gated task's state reads in a checkpoint post and in a criterion's note. */
export const STATE_LABEL: Record<GatedTaskState, string> = {
  done: 'done',
  late: 'late',
  blocked: 'blocked',
  due_today: 'due today',
};

const STATUS_LABEL: Record<CriterionStatus, string> = {
  met: 'Met',
  not_met: 'Not met',
  at_risk: 'At risk',
  unknown: 'Unknown',
};

// The count in the verdict is complete; naming a few dozen tasks is enough to act on.
const MAX_TASKS = 30;

function shownTasks(tasks: NonNullable<MilestoneCheckpointInput['openTasks']>): string[] {
  const lines = tasks
    .slice(0, MAX_TASKS)
    .map(
      (task) =>
        `${taskLabel(task)}${task.owner ? ` · ${task.owner}` : ''}${task.state ? ` · _${STATE_LABEL[task.state]}_` : ''}`,
    );
  return tasks.length > MAX_TASKS ? [...lines, `…and ${tasks.length - MAX_TASKS} more`] : lines;
}

/** The gate at the end of a milestone day: each criterion with its status, and a verdict. */
export function milestoneCheckpoint(input: MilestoneCheckpointInput): Message {
  const open = input.criteria.filter((criterion) => criterion.status !== 'met').length;
  const tasks = input.openTasks ?? [];
  const passed = open === 0 && tasks.length === 0;
  const unfinished = tasks.length > 0 ? plural(tasks.length, 'gated task') + ' unfinished' : '';
  const verdict = passed
    ? `*Gate passed:* ${input.criteria.length > 0 ? 'every criterion is met' : 'every gated task is done'}.`
    : input.criteria.length === 0
      ? `*Gate not passed yet:* ${unfinished}.`
      : `*Gate not passed yet:* ${open} of ${plural(input.criteria.length, 'criterion', 'criteria')} open${unfinished ? `, ${unfinished}` : ''}.`;
  const blocks = [
    { type: 'header' as const, text: `Milestone checkpoint · ${input.milestone.name}` },
    { type: 'context' as const, text: `${input.planName} · ${formatDate(input.milestone.date)}` },
    { type: 'section' as const, text: verdict },
    ...(input.progress
      ? [
          {
            type: 'context' as const,
            text: `${input.progress.done} of ${plural(input.progress.total, 'gated task')} done.`,
          },
        ]
      : []),
    ...(input.criteria.length > 0
      ? [
          {
            type: 'list' as const,
            items: input.criteria.map((c) => `*${STATUS_LABEL[c.status]}* · ${c.text}${c.note ? ` (${c.note})` : ''}`),
          },
        ]
      : []),
    ...(tasks.length > 0
      ? [
          { type: 'section' as const, text: '*Still open*' },
          { type: 'list' as const, items: shownTasks(tasks) },
        ]
      : []),
  ];
  return composeMessage(
    'milestone_checkpoint',
    `${input.milestone.name} checkpoint: ${passed ? 'gate passed' : 'gate not passed yet'}.`,
    blocks,
  );
}
