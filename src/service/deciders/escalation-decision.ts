import { DateTime } from 'luxon';
import { nextEscalation, pages } from '../../domain/ladder.js';
import type { Effect } from '../effects.js';
import { escalation } from '../messages/escalation.js';
import { directMessage, pagerDutyDraft, pagerDutyKey, postToChannel } from '../messages/outbox-drafts.js';
import { pagerDutyTrigger } from '../messages/pagerduty-event.js';
import type { BlockerState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';

/**
 * What to do for a blocker whose next ladder tier may be due: fire the tier (claim it, DM
 * whoever it names) and point the blocker at the tier after it; or just fix the pointer when
 * nothing is due. Tiers fire one at a time, so after downtime each late tier still goes out once.
 */
export function decideEscalation(
  view: PlanView,
  blocker: BlockerState,
  now: Date,
  options: { force?: { by: string } } = {},
): Effect[] {
  const state = {
    status: blocker.status,
    openedAt: DateTime.fromJSDate(blocker.openedAt, { zone: view.zone }),
    tiersSent: blocker.steps.length,
  };
  const next = nextEscalation(state, view.ladder, view.calendar, view.ladderStart);
  const guard = (nextEscalationAt: Date | null): Effect => ({
    type: 'blocker.update',
    blockerId: blocker.id,
    expectStatus: ['open'],
    data: { nextEscalationAt },
  });
  if (next === null) return [guard(null)];
  // `escalate` fires the next tier before its delay ran out; the scheduler only when it is due.
  if (!options.force && next.dueAt.toMillis() > now.getTime()) return [guard(next.dueAt.toJSDate())];

  const following = nextEscalation(
    { ...state, tiersSent: state.tiersSent + 1 },
    view.ladder,
    view.calendar,
    view.ladderStart,
  );
  const planTier = view.state.plan.document.ladder[next.index];
  // Whoever reported the blocker knows of it: a tier naming them tells the others it names, and
  // when it names only them it is passed in silence, the next tier counting from it as usual.
  const recipients = view.membersFor(next.tier.target).filter((member) => member.id !== blocker.reporterId);
  const onlyReporter = namesOnlyReporter(view, blocker, next.tier.target);
  const task = view.task(blocker.taskId);
  const previous = view.state.plan.document.ladder[next.index - 1];
  const schedule = planTier?.target.kind === 'pagerduty' ? planTier.target.schedule : undefined;
  const message = escalation({
    planName: view.state.plan.name,
    blocker: { id: blocker.id, number: blocker.number, summary: blocker.summary, openedAt: blocker.openedAt },
    tier: { number: next.index + 1, ...(planTier?.label ? { label: planTier.label } : {}) },
    reportedBy: view.member(blocker.reporterId)?.displayName ?? null,
    owner: view.member(task?.ownerId)?.displayName ?? null,
    task: task ? { key: task.key, title: task.title } : null,
    now,
    reason: options.force
      ? { kind: 'manual', by: options.force.by }
      : next.index === 0 || !previous
        ? { kind: 'first_tier' }
        : {
            kind: 'unacknowledged',
            previousTier: next.index,
            ...(previous.label ? { previousLabel: previous.label } : {}),
            delayMinutes: next.tier.delayMinutes,
            businessHours: next.tier.businessHours,
            ...(namesOnlyReporter(view, blocker, view.ladder[next.index - 1]?.target)
              ? { previousWasReporter: view.member(blocker.reporterId)!.displayName }
              : {}),
          },
    ...(pages(next.tier.target) ? { paged: schedule ? { schedule } : {} } : {}),
  });
  const key = `escalation:${blocker.id}:${next.index}`;
  const deliveries =
    recipients.length > 0
      ? recipients.map((member) => directMessage(view.state, member, key, message, now))
      : onlyReporter
        ? []
        : // Nobody to DM (an unknown name, a PagerDuty tier naming nobody): say so where the team sees it.
          [postToChannel(view.state, key, message, now)];
  // The page goes out in the same transaction as the claim: a tier is paged once, whatever the races.
  const page = pages(next.tier.target)
    ? [
        pagerDutyDraft(
          pagerDutyKey(blocker.id, 'trigger', next.index),
          pagerDutyTrigger({
            planName: view.state.plan.name,
            blocker: { id: blocker.id, number: blocker.number, summary: blocker.summary, openedAt: blocker.openedAt },
            task: task ? { key: task.key, title: task.title } : null,
            owner: view.member(task?.ownerId)?.displayName ?? null,
            reportedBy: view.member(blocker.reporterId)?.displayName ?? null,
            tier: { number: next.index + 1, ...(planTier?.label ? { label: planTier.label } : {}) },
            ...(schedule ? { schedule } : {}),
            now,
          }),
          now,
        ),
      ]
    : [];
  return [
    {
      type: 'escalation.claim',
      blockerId: blocker.id,
      tier: next.index,
      target: next.tier.target,
      dueAt: options.force ? now : next.dueAt.toJSDate(),
      at: now,
      nextEscalationAt: following?.dueAt.toJSDate() ?? null,
    },
    ...deliveries,
    ...page,
    {
      type: 'audit',
      planId: view.state.plan.id,
      actor: 'planbot',
      action: 'blocker.escalated',
      detail: {
        blocker: blocker.number,
        tier: next.index + 1,
        target: next.tier.target,
        ...(onlyReporter ? { passed: 'the tier names only the reporter' } : {}),
      },
      at: now,
    },
  ];
}

function namesOnlyReporter(view: PlanView, blocker: BlockerState, target: string | undefined): boolean {
  const named = target === undefined ? [] : view.membersFor(target);
  return named.length > 0 && named.every((member) => member.id === blocker.reporterId);
}
