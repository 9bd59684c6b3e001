import { DateTime } from 'luxon';
import { nextEscalation } from '../domain/ladder.js';
import type { Effect } from './effects.js';
import { escalationMessage } from './posts/escalation-posts.js';
import { directMessage, postToChannel } from './outbox-drafts.js';
import type { BlockerState } from './plan-state.js';
import type { PlanView } from './plan-view.js';

/**
 * What to do for a blocker whose next ladder tier may be due: fire the tier (claim it, DM
 * whoever it names) and point the blocker at the tier after it; or just fix the pointer when
 * nothing is due. Tiers fire one at a time, so after downtime each late tier still goes out once.
 */
export function decideEscalation(view: PlanView, blocker: BlockerState, now: Date): Effect[] {
  const state = { status: blocker.status, openedAt: DateTime.fromJSDate(blocker.openedAt, { zone: view.zone }), tiersSent: blocker.steps.length };
  const next = nextEscalation(state, view.ladder, view.calendar);
  const guard = (nextEscalationAt: Date | null): Effect => ({ type: 'blocker.update', blockerId: blocker.id, expectStatus: ['open'], data: { nextEscalationAt } });
  if (next === null) return [guard(null)];
  if (next.dueAt.toMillis() > now.getTime()) return [guard(next.dueAt.toJSDate())];

  const following = nextEscalation({ ...state, tiersSent: state.tiersSent + 1 }, view.ladder, view.calendar);
  const planTier = view.state.plan.document.ladder[next.index];
  const recipients = view.membersFor(next.tier.target);
  const task = view.task(blocker.taskId);
  const message = escalationMessage({
    blockerId: blocker.id,
    blockerNumber: blocker.number,
    summary: blocker.summary,
    tier: next.index + 1,
    tierLabel: planTier?.label,
    reporter: view.member(blocker.reporterId)?.displayName,
    task: task ? { key: task.key, title: task.title } : undefined,
    openedAt: blocker.openedAt,
    now,
    zone: view.zone,
    reason: next.index === 0 ? 'reported' : `unacknowledged after tier ${next.index}`,
    planName: view.state.plan.name,
  });
  const key = `escalation:${blocker.id}:${next.index}`;
  const deliveries =
    recipients.length > 0
      ? recipients.map((member) => directMessage(view.state, member, key, message, now))
      : // Nobody to DM (an unknown name, a pager with no chat contact): say so where the team sees it.
        [postToChannel(view.state, key, message, now)];
  return [
    { type: 'escalation.claim', blockerId: blocker.id, tier: next.index, target: next.tier.target, dueAt: next.dueAt.toJSDate(), at: now, nextEscalationAt: following?.dueAt.toJSDate() ?? null },
    ...deliveries,
    { type: 'audit', planId: view.state.plan.id, actor: 'planbot', action: 'blocker.escalated', detail: { blocker: blocker.number, tier: next.index + 1, target: next.tier.target }, at: now },
  ];
}
