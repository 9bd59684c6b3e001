import { DateTime } from 'luxon';
import { nextEscalation, pages, tierDueAt } from '../../domain/ladder.js';
import type { IsoDate } from '../../domain/types.js';
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
  // Someone on time off today is passed the same way, and the next tier is told why.
  const today = view.today(now);
  const recipients = view
    .membersFor(next.tier.target)
    .filter((member) => member.id !== blocker.reporterId && !view.isOff(member, today));
  const onlyReporter = namesOnlyReporter(view, blocker, next.tier.target);
  const away = awayAtTier(view, blocker, next.tier.target, today);
  const isLastTier = next.index === view.ladder.length - 1;
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
            ...previousPassed(view, blocker, next.index),
          },
    ...(pages(next.tier.target) ? { paged: schedule ? { schedule } : {} } : {}),
  });
  const key = `escalation:${blocker.id}:${next.index}`;
  const deliveries =
    recipients.length > 0
      ? recipients.map((member) => directMessage(view.state, member, key, message, now))
      : // The last tier away would leave nobody told: then the team's channel hears instead.
        onlyReporter || (away.length > 0 && !isLastTier)
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
        ...(!onlyReporter && recipients.length === 0 && away.length > 0
          ? { passed: 'the tier names only people on time off', away: away.map((a) => a.name) }
          : {}),
      },
      at: now,
    },
  ];
}

/**
 * The people a tier names who are on time off on `date`, when that is why nobody at the tier is
 * told (everyone it names is off, or off and the reporter); empty otherwise.
 */
function awayAtTier(
  view: PlanView,
  blocker: BlockerState,
  target: string | undefined,
  date: IsoDate,
): { name: string; until: IsoDate }[] {
  const named = target === undefined ? [] : view.membersFor(target).filter((m) => m.id !== blocker.reporterId);
  const away = named.flatMap((m) => {
    const until = view.awayUntil(m, date);
    return until ? [{ name: m.displayName, until }] : [];
  });
  return named.length > 0 && away.length === named.length ? away : [];
}

/** Why the previous tier was passed without being told: it named only the reporter, or people away when it was due. */
function previousPassed(
  view: PlanView,
  blocker: BlockerState,
  index: number,
): { previousWasReporter?: string; previousAway?: { name: string; until: IsoDate }[] } {
  const target = view.ladder[index - 1]?.target;
  const openedAt = DateTime.fromJSDate(blocker.openedAt, { zone: view.zone });
  const due = tierDueAt(view.ladder, index - 1, openedAt, view.calendar, view.ladderStart);
  const away = awayAtTier(view, blocker, target, view.calendar.dateOf(due));
  if (away.length > 0) return { previousAway: away };
  if (namesOnlyReporter(view, blocker, target))
    return { previousWasReporter: view.member(blocker.reporterId)!.displayName };
  return {};
}

function namesOnlyReporter(view: PlanView, blocker: BlockerState, target: string | undefined): boolean {
  const named = target === undefined ? [] : view.membersFor(target);
  return named.length > 0 && named.every((member) => member.id === blocker.reporterId);
}
