import { digestInstant } from '../../domain/digest-instant.js';
import { nextFiring } from '../../domain/next-firing.js';
import type { Effect } from '../effects.js';
import { directMessage, occurrenceKey, postToChannel } from '../messages/outbox-drafts.js';
import type { RitualState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';
import { datedMilestones } from '../../plans/milestone-dates.js';
import { askedMembers, composeRitualPost, personalStandups } from '../messages/ritual-posts.js';
import { isAnswered } from '../read-model/occurrence-ref.js';

export interface FiringPolicy {
  /** Occurrences later than this still post after downtime; older ones are recorded as skipped. */
  catchUpWindowMs: number;
  /** Stand-up: when members who have not answered get their one reminder. */
  reminderDelayMs: number;
  claimedBy: string;
}

/** The instant after `after` this ritual fires next (the rule: domain/next-firing.ts). */
export function nextFiringOf(view: PlanView, ritual: RitualState, after: Date): Date | null {
  const checkpointDates = datedMilestones(view.state.plan.document, view.calendar).map((m) => m.date);
  return nextFiring(ritual, { calendar: view.calendar, lastDay: view.lastDay, checkpointDates }, after);
}

/**
 * Effects of one due firing: claim the occurrence (unique per ritual + instant, so it happens
 * once however many schedulers race), move the ritual to its next firing, and queue the post —
 * or record it as skipped when it is too late (downtime) or has nothing to say.
 */
export function decideRitualFiring(
  view: PlanView,
  ritual: RitualState,
  scheduledAt: Date,
  now: Date,
  policy: FiringPolicy,
): { effects: Effect[]; posted: boolean } {
  const late = now.getTime() - scheduledAt.getTime() > policy.catchUpWindowMs;
  const key = occurrenceKey(ritual.id, scheduledAt);
  const byDm = ritual.kind === 'standup' && ritual.dm;
  // By DM, each owner's prompt is keyed `<occurrence>:<member>`, so their reminder threads under it.
  const deliveries: Effect[] = late
    ? []
    : byDm
      ? personalStandups(view, ritual, scheduledAt).map(({ member, message }) =>
          directMessage(view.state, member, key, message, now),
        )
      : [composeRitualPost(view, ritual, scheduledAt)].flatMap((post) =>
          post ? [postToChannel(view.state, key, post, now, { channel: ritual.channel })] : [],
        );
  const advance: Effect = {
    type: 'ritual.advance',
    ritualId: ritual.id,
    from: scheduledAt,
    to: nextFiringOf(view, ritual, scheduledAt),
  };
  if (deliveries.length === 0) {
    return {
      effects: [
        { type: 'occurrence.claim', ritualId: ritual.id, scheduledAt, claimedBy: policy.claimedBy, status: 'skipped' },
        advance,
      ],
      posted: false,
    };
  }
  return {
    effects: [
      {
        type: 'occurrence.claim',
        ritualId: ritual.id,
        scheduledAt,
        claimedBy: policy.claimedBy,
        status: 'posted',
        ...(ritual.kind === 'standup' ? standupFollowUps(ritual, scheduledAt, policy) : {}),
        ...(isAnswered(ritual.kind) ? { asked: askedMembers(view, ritual, scheduledAt) } : {}),
      },
      advance,
      ...deliveries,
    ],
    posted: true,
  };
}

/**
 * When a posted stand-up's one reminder and its digest are due: the ritual's own delay (the
 * plan's `remindAfter`) or the scheduler's default, and the digest only when the plan asks for one.
 */
function standupFollowUps(
  ritual: RitualState,
  scheduledAt: Date,
  policy: FiringPolicy,
): { remindAt: Date; digestAt?: Date } {
  const delayMs = ritual.remindAfterMinutes !== undefined ? ritual.remindAfterMinutes * 60_000 : policy.reminderDelayMs;
  const digestAt = ritual.digest ? digestInstant(ritual.digest, scheduledAt, ritual.timezone) : null;
  return { remindAt: new Date(scheduledAt.getTime() + delayMs), ...(digestAt ? { digestAt } : {}) };
}
