import type { CommandHandler } from './command-handler.js';
import { requireTask } from './blocker-commands.js';
import { message } from './message.js';
import { PlanError } from './plan-error.js';
import type { TaskStatus } from './plan-state.js';
import type { PlanView } from './plan-view.js';
import type { Effect } from './effects.js';
import type { MemberState } from './plan-state.js';

/** `done <task>`: the owner or a lead marks a task done. */
export const doneCommand: CommandHandler<'done'> = ({ view, actor, command, now }) => {
  const member = requireMember(actor);
  const task = requireTask(view, command.args.taskKey);
  if (task.ownerId !== member.id && !member.roles.some((r) => r === 'lead' || r === 'sponsor')) {
    const owner = view.member(task.ownerId)?.displayName ?? 'nobody';
    throw new PlanError('forbidden', `${task.key} belongs to ${owner}; only its owner or a lead can mark it done.`);
  }
  if (task.status === 'done') return { reply: message('reply', `${task.key} (${task.title}) is already done.`, undefined, { ephemeral: true }), effects: [] };
  const late = view.calendar.businessDaysBetween(task.dueDate, view.today(now));
  return {
    reply: message('reply', `✓ ${task.key} (${task.title}) marked done${late > 0 ? `, ${late} business day${late === 1 ? '' : 's'} after it was due` : ''}.`),
    effects: [
      { type: 'task.update', taskId: task.id, data: { status: 'done', doneAt: now } },
      { type: 'audit', planId: view.state.plan.id, actor: member.key, action: 'task.done', detail: { task: task.key }, at: now },
    ],
  };
};

/**
 * `standup did: … doing: … blockers: …`: the answer to the latest stand-up. A status per task
 * comes from the form; free text with "blockers:" other than "none" opens a blocker on the
 * member's first open task of the day.
 */
export function standupEffects(
  view: PlanView,
  member: MemberState,
  occurrenceId: string,
  answer: { did?: string; doing?: string; blockers?: string | null; taskStatuses?: Record<string, TaskStatus> },
  now: Date,
  newId: () => string,
): { effects: Effect[]; openedBlocker: number | null } {
  const statuses = answer.taskStatuses ?? {};
  const effects: Effect[] = [
    { type: 'standup.reply', occurrenceId, memberId: member.id, ...(answer.did ? { did: answer.did } : {}), ...(answer.doing ? { doing: answer.doing } : {}), ...(answer.blockers ? { blockers: answer.blockers } : {}), taskStatuses: statuses, at: now },
  ];
  for (const [key, status] of Object.entries(statuses)) {
    const task = view.taskByKey(key);
    if (task && task.ownerId === member.id && task.status !== status) {
      effects.push({ type: 'task.update', taskId: task.id, data: { status, ...(status === 'done' ? { doneAt: now } : {}) } });
    }
  }
  if (!answer.blockers) return { effects, openedBlocker: null };
  const today = view.today(now);
  const mine = view.openTasks().filter((t) => t.ownerId === member.id);
  const task = mine.find((t) => t.dueDate <= today) ?? mine[0];
  const opened = view.openBlocker({ blockerId: newId(), summary: answer.blockers, taskId: task?.id ?? null, reporterId: member.id, now });
  effects.push(opened);
  return { effects, openedBlocker: opened.number };
}

export function requireMember(actor: MemberState | undefined): MemberState {
  if (!actor) throw new PlanError('member_not_found', 'You are not linked to a member of this plan yet. Link yourself with `/plan link "Your Name as in the plan"`.');
  return actor;
}
