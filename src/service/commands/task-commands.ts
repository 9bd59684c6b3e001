import type { CommandHandler } from './command-handler.js';
import { requireTask } from './blocker-commands.js';
import { message } from '../messages/message.js';
import { PlanError } from '../../domain/plan-error.js';
import type { PlanView } from '../read-model/plan-view.js';
import type { Effect } from '../effects.js';
import type { MemberState, TaskState } from '../read-model/plan-state.js';

/** `done <task>`: the owner or a lead marks a task done. */
export const doneCommand: CommandHandler<'done'> = ({ view, actor, command, now }) => {
  const member = requireMember(actor);
  const task = requireTask(view, command.args.taskKey);
  if (task.ownerId !== member.id && !member.roles.some((r) => r === 'lead' || r === 'sponsor')) {
    const owner = view.member(task.ownerId)?.displayName ?? 'nobody';
    throw new PlanError('forbidden', `${task.key} belongs to ${owner}; only its owner or a lead can mark it done.`);
  }
  if (task.status === 'done')
    return {
      reply: message('reply', `${task.key} (${task.title}) is already done.`, undefined, { ephemeral: true }),
      effects: [],
    };
  const late = view.calendar.businessDaysBetween(task.dueDate, view.today(now));
  return {
    reply: message(
      'reply',
      `✓ ${task.key} (${task.title}) marked done${late > 0 ? `, ${late} business day${late === 1 ? '' : 's'} after it was due` : ''}.`,
    ),
    effects: doneEffects(view, task, member, now),
  };
};

/** Marking a task done, the same from `/plan done` and a stand-up's quick status. */
export function doneEffects(view: PlanView, task: TaskState, by: MemberState, now: Date): Effect[] {
  return [
    { type: 'task.update', taskId: task.id, data: { status: 'done', doneAt: now } },
    {
      type: 'audit',
      planId: view.state.plan.id,
      actor: by.key,
      action: 'task.done',
      detail: { task: task.key },
      at: now,
    },
  ];
}

export function requireMember(actor: MemberState | undefined): MemberState {
  if (!actor)
    throw new PlanError(
      'member_not_found',
      'You are not linked to a member of this plan yet. Link yourself with `/plan link "Your Name as in the plan"`.',
    );
  return actor;
}
