import type { CommandHandler } from './command-handler.js';
import { message } from '../messages/message.js';
import { postToChannel } from '../messages/outbox-drafts.js';
import { PlanError } from '../../domain/plan-error.js';
import { findByRef } from '../read-model/plan-view.js';

/**
 * `replan approve|reject <n>` (leads): approving moves the proposal's tasks to the buffer day,
 * bumps the plan version with the variance recorded, and tells the channel.
 */
export const replanCommand: CommandHandler<'replan'> = ({ view, actor, command, now }) => {
  const ref = command.args.proposalRef;
  const proposal = findByRef(view.state.replans, ref);
  if (!proposal) throw new PlanError('invalid_command', `No re-plan proposal ${ref} in ${view.state.plan.name}.`);
  if (proposal.status !== 'pending')
    throw new PlanError('invalid_state', `Proposal #${proposal.number} was already ${proposal.status}.`);
  const by = actor?.key ?? 'lead';
  const decide = {
    type: 'replan.decide' as const,
    replanId: proposal.id,
    status: command.args.decision === 'approve' ? ('approved' as const) : ('rejected' as const),
    by,
    at: now,
  };
  if (command.args.decision === 'reject') {
    return {
      reply: message('reply', `Re-plan proposal *#${proposal.number}* rejected; dates stay as planned.`),
      effects: [decide],
    };
  }
  const moved = new Map(proposal.moves.map((m) => [m.taskKey, m.to]));
  const document = {
    ...view.state.plan.document,
    tasks: view.state.plan.document.tasks.map((t) => {
      const to = moved.get(t.key);
      if (!to) return t;
      const { day: _day, week: _week, ...rest } = t;
      return { ...rest, date: to };
    }),
  };
  const lines = proposal.moves.map((m) => `${m.taskKey}: ${m.from} → ${m.to}`);
  const text = `Re-plan *#${proposal.number}* approved by ${actor?.displayName ?? 'a lead'}: ${proposal.moves.length} task${proposal.moves.length === 1 ? '' : 's'} moved after ${proposal.slippedTaskKey} slipped (plan version ${view.state.plan.version + 1}).`;
  return {
    reply: message('reply', text, [
      { type: 'section', text },
      { type: 'list', items: lines },
    ]),
    effects: [
      decide,
      ...proposal.moves.flatMap((m) => {
        const task = view.taskByKey(m.taskKey);
        return task ? [{ type: 'task.update' as const, taskId: task.id, data: { dueDate: m.to } }] : [];
      }),
      {
        type: 'plan.version',
        planId: view.state.plan.id,
        fromVersion: view.state.plan.version,
        document,
        variance: { replan: proposal.number, moved: proposal.moves },
        by,
        at: now,
      },
      postToChannel(
        view.state,
        `replan:${proposal.id}:approved`,
        message('reply', text, [
          { type: 'section', text },
          { type: 'list', items: lines },
        ]),
        now,
      ),
      {
        type: 'audit',
        planId: view.state.plan.id,
        actor: by,
        action: 'replan.approve',
        detail: { proposal: proposal.number },
        at: now,
      },
    ],
  };
};
