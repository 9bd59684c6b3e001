import type { CommandHandler, CommandInput } from './command-handler.js';
import { escalationResolved } from '../messages/escalation-resolved.js';
import { formatDateTime } from '../messages/format.js';
import { message } from '../messages/message.js';
import { pagedPagerDuty } from '../../domain/ladder.js';
import type { Effect } from '../effects.js';
import { decideEscalation } from '../deciders/escalation-decision.js';
import { directMessage, pagerDutyDraft, pagerDutyKey, postToChannel } from '../messages/outbox-drafts.js';
import { pagerDutyFollowUp } from '../messages/pagerduty-event.js';
import { PlanError } from '../../domain/plan-error.js';
import type { BlockerState, MemberState } from '../read-model/plan-state.js';
import { findByRef, type PlanView } from '../read-model/plan-view.js';
import { PlanNumbers } from '../read-model/plan-numbers.js';

/** `block <task> <text>`: opens a blocker; its ladder starts at once (tier 1 is due when it opens, per the plan's delays). */
export const blockCommand: CommandHandler<'block'> = ({ view, actor, command, now, newId }) => {
  // Opening a blocker pages people (PagerDuty too): not something anyone in the workspace may do.
  if (!actor && view.state.plan.document.rules.guestsMayOpenBlockers !== true)
    throw new PlanError(
      'member_not_found',
      `Only members of ${view.state.plan.name} can open blockers there. If you are in the plan, link yourself first: \`/plan link "Your Name as in the plan"\`; otherwise ask a lead to add you.`,
    );
  const task = requireTask(view, command.args.taskKey);
  const blockerId = newId();
  const opened = view.openBlocker({
    blockerId,
    summary: command.args.text,
    taskId: task.id,
    reporterId: actor?.id ?? null,
    now,
    numbers: new PlanNumbers(view.state),
  });
  const { number } = opened;
  const text = `Blocker *#${number}* opened on ${task.key} (${task.title}) by ${actor?.displayName ?? 'someone'}: ${command.args.text}`;
  return {
    // The channel post below is the announcement; the asker's confirmation is theirs alone, so
    // the channel reads it once.
    reply: message('reply', `${text}\n${ladderNote(view, opened.nextEscalationAt, now, actor)}`, undefined, {
      ephemeral: true,
    }),
    effects: [
      opened,
      ...(task.status === 'done'
        ? []
        : [{ type: 'task.update' as const, taskId: task.id, data: { status: 'blocked' as const } }]),
      postToChannel(view.state, `blocker:${blockerId}:opened`, message('reply', text), now),
      {
        type: 'audit',
        planId: view.state.plan.id,
        actor: actor?.key ?? 'unknown',
        action: 'blocker.open',
        detail: { blocker: number, task: task.key },
        at: now,
      },
    ],
  };
};

/** `ack <n>`: someone owns it now, so no further tier is paged. */
export const ackCommand: CommandHandler<'ack'> = ({ view, actor, command, now }) => {
  const blocker = requireBlocker(view, command.args.blockerRef);
  if (blocker.status !== 'open')
    throw new PlanError('invalid_state', `Blocker #${blocker.number} is already ${blocker.status}.`);
  requireMayHandle(view, actor, blocker);
  if (isOwnersOwnAck(view, actor, blocker)) return ownersAck(view, actor, blocker, now);
  return {
    reply: message(
      'reply',
      `Blocker *#${blocker.number}* acknowledged by ${actor!.displayName}; escalation stopped.${command.args.note ? ` Note: ${command.args.note}` : ''}`,
    ),
    effects: [
      {
        type: 'blocker.update',
        blockerId: blocker.id,
        expectStatus: ['open'],
        expectTiersSent: blocker.steps.length,
        data: { status: 'acknowledged', acknowledgedAt: now, acknowledgedById: actor!.id, nextEscalationAt: null },
      },
      ...pagerDutyFollowUps(blocker, 'acknowledge', now),
      {
        type: 'audit',
        planId: view.state.plan.id,
        actor: actor!.key,
        action: 'blocker.ack',
        detail: { blocker: blocker.number },
        at: now,
      },
    ],
  };
};

/** `resolve <n>`: closes the blocker and tells everyone the ladder already reached. */
export const resolveCommand: CommandHandler<'resolve'> = ({ view, actor, command, now }) => {
  const blocker = requireBlocker(view, command.args.blockerRef);
  if (blocker.status === 'resolved')
    throw new PlanError('invalid_state', `Blocker #${blocker.number} is already resolved.`);
  requireMayHandle(view, actor, blocker);
  const task = view.task(blocker.taskId);
  const notified = uniqueMembers(blocker.steps.flatMap((step) => view.membersFor(step.target))).filter(
    (m) => m.id !== actor!.id,
  );
  const resolved = escalationResolved({
    planName: view.state.plan.name,
    blocker: { number: blocker.number, summary: blocker.summary, openedAt: blocker.openedAt },
    task: task ? { key: task.key, title: task.title } : null,
    resolvedBy: actor.displayName,
    resolvedAt: now,
    resolution: command.args.note ?? null,
  });
  return {
    reply: message(
      'reply',
      `Blocker *#${blocker.number}* resolved.${notified.length ? ` Told ${notified.map((m) => m.displayName).join(', ')}.` : ''}`,
    ),
    effects: [
      {
        type: 'blocker.update',
        blockerId: blocker.id,
        expectStatus: ['open', 'acknowledged'],
        expectTiersSent: blocker.steps.length,
        data: { status: 'resolved', resolvedAt: now, resolution: command.args.note ?? null, nextEscalationAt: null },
      },
      ...(task?.status === 'blocked' && !otherOpenBlockers(view, blocker)
        ? [{ type: 'task.update' as const, taskId: task.id, data: { status: 'in_progress' as const } }]
        : []),
      ...notified.map((m) => directMessage(view.state, m, `blocker:${blocker.id}:resolved`, resolved, now)),
      ...pagerDutyFollowUps(blocker, 'resolve', now),
      {
        type: 'audit',
        planId: view.state.plan.id,
        actor: actor!.key,
        action: 'blocker.resolve',
        detail: { blocker: blocker.number },
        at: now,
      },
    ],
  };
};

/**
 * `escalate <n>`: the next tier hears now instead of after its delay (the Escalate button in a
 * triage thread). Claimed like a scheduled tier, so the scheduler never fires it a second time.
 */
export const escalateCommand: CommandHandler<'escalate'> = ({ view, actor, command, now }) => {
  const blocker = requireBlocker(view, command.args.blockerRef);
  if (blocker.status !== 'open')
    throw new PlanError(
      'invalid_state',
      `Blocker #${blocker.number} is ${blocker.status}: escalation has stopped${blocker.status === 'acknowledged' ? ' because someone owns it' : ''}.`,
    );
  requireMayHandle(view, actor, blocker);
  const effects = decideEscalation(view, blocker, now, { force: { by: actor.displayName } });
  const claim = effects.find((e) => e.type === 'escalation.claim');
  if (!claim)
    throw new PlanError('invalid_state', `Blocker #${blocker.number} has already reached the last tier of the ladder.`);
  const tier = view.state.plan.document.ladder[claim.tier];
  return {
    reply: message(
      'reply',
      `Blocker *#${blocker.number}* escalated by ${actor.displayName} to tier ${claim.tier + 1}${tier?.label ? ` (${tier.label})` : ''}.`,
    ),
    effects: [
      ...effects,
      {
        type: 'audit',
        planId: view.state.plan.id,
        actor: actor.key,
        action: 'blocker.escalate',
        detail: { blocker: blocker.number, tier: claim.tier + 1 },
        at: now,
      },
    ],
  };
};

/**
 * The blocked task's owner is the one who is stuck: their "I'm on it" must not silence the people
 * the ladder exists to bring in. Unless the plan says so, or the owner holds a seat that may stop
 * escalations anyway (lead, sponsor, on-call).
 */
function isOwnersOwnAck(view: PlanView, actor: MemberState, blocker: BlockerState): boolean {
  if (view.state.plan.document.rules.ownerAckStopsEscalation === true) return false;
  if (actor.roles.some((r) => r === 'lead' || r === 'sponsor' || r === 'on_call')) return false;
  return view.task(blocker.taskId)?.ownerId === actor.id;
}

function ownersAck(view: PlanView, actor: MemberState, blocker: BlockerState, now: Date) {
  const next = blocker.nextEscalationAt;
  const when = next ? ` The next tier hears at ${formatDateTime(next, view.zone)}` : ' The ladder goes on';
  return {
    reply: message(
      'reply',
      `Noted that you are on blocker *#${blocker.number}*, ${actor.displayName}.${when} unless someone else on the ladder or a lead acknowledges it: the task is yours, so your own ack does not stop the escalation.`,
    ),
    effects: [
      {
        type: 'audit' as const,
        planId: view.state.plan.id,
        actor: actor.key,
        action: 'blocker.owner_ack',
        detail: { blocker: blocker.number },
        at: now,
      },
    ],
  };
}

/**
 * Acknowledging or resolving in chat closes the loop in PagerDuty too, so the on-call is not paged
 * again for a blocker someone already owns. Only when a tier actually paged: an event for an
 * incident that never existed would open none, but it would be noise in PagerDuty's log.
 */
function pagerDutyFollowUps(blocker: BlockerState, action: 'acknowledge' | 'resolve', now: Date): Effect[] {
  if (!pagedPagerDuty(blocker.steps.map((step) => step.target))) return [];
  return [pagerDutyDraft(pagerDutyKey(blocker.id, action), pagerDutyFollowUp(action, blocker.id), now)];
}

/** What happens next on the ladder, in the words of the plan's rule. */
function ladderNote(view: PlanView, firstTierAt: Date | null, now: Date, reporter: MemberState | undefined): string {
  if (firstTierAt === null) return 'This plan has no escalation ladder.';
  const first = view.ladder[0];
  const told = first ? view.membersFor(first.target) : [];
  const firstIsYou = reporter !== undefined && told.length > 0 && told.every((m) => m.id === reporter.id);
  if (firstIsYou && view.ladder.length > 1)
    return 'Tier 1 of the ladder is you, so nobody else is told until tier 2 is due; `ack` it to stop escalating.';
  if (firstTierAt.getTime() <= now.getTime()) return 'The escalation ladder starts now; `ack` it to stop escalating.';
  const when = formatDateTime(firstTierAt, view.zone);
  return view.ladderStart.kind === 'next_window'
    ? `It goes to the first escalation contact at the next triage window (${when}) unless someone \`ack\`s it first.`
    : `It goes to the first escalation contact at ${when} unless someone \`ack\`s it first.`;
}

export function requireTask(view: PlanView, key: string) {
  const task = view.taskByKey(key.replace(/^#/, ''));
  if (!task)
    throw new PlanError(
      'task_not_found',
      `No task "${key}" in ${view.state.plan.name}. \`/plan today\` lists your tasks with their keys.`,
    );
  return task;
}

/** By the number people see (`3`, `#3`) or the id a button carries. Only this plan's blockers: ids of other workspaces are not found. */
export function requireBlocker(view: PlanView, ref: string): BlockerState {
  const blocker = findByRef(view.state.blockers, ref);
  if (!blocker)
    throw new PlanError(
      'blocker_not_found',
      `No blocker ${ref} in ${view.state.plan.name}. \`/plan blockers\` lists the open ones.`,
    );
  return blocker;
}

/** Leads, sponsors and on-call, the reporter, the task's owner, or anyone the ladder reached. */
function requireMayHandle(
  view: PlanView,
  actor: MemberState | undefined,
  blocker: BlockerState,
): asserts actor is MemberState {
  if (!actor)
    throw new PlanError(
      'member_not_found',
      'You are not linked to a member of this plan yet: `/plan link "Your Name"`.',
    );
  const task = view.task(blocker.taskId);
  const reached = blocker.steps.some((step) => view.membersFor(step.target).some((m) => m.id === actor.id));
  const allowed =
    actor.roles.some((r) => r === 'lead' || r === 'sponsor' || r === 'on_call') ||
    blocker.reporterId === actor.id ||
    task?.ownerId === actor.id ||
    reached;
  if (!allowed)
    throw new PlanError(
      'forbidden',
      `Only the reporter, the task's owner, whoever the ladder reached, or a lead can change blocker #${blocker.number}.`,
    );
}

function otherOpenBlockers(view: PlanView, blocker: BlockerState): boolean {
  return view.state.blockers.some((b) => b.id !== blocker.id && b.taskId === blocker.taskId && b.status !== 'resolved');
}

function uniqueMembers(members: MemberState[]): MemberState[] {
  return [...new Map(members.map((m) => [m.id, m])).values()];
}

export type { CommandInput };
