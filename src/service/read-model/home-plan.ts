import { addDays, weekdayOf } from '../../domain/iso-date.js';
import type { IsoDate, TaskStatus } from '../../domain/types.js';
import { nextFiringOf } from '../deciders/ritual-firing.js';
import type { RankedBlockerView } from '../messages/blocker-entry.js';
import type { ScheduledRitualKind } from '../messages/schedule-reply.js';
import type { TaskRef } from '../messages/format.js';
import { rankedBlockers } from '../messages/ritual-posts.js';
import { isLead } from './chat-context.js';
import { isAnswered, type AnsweredKind, type OccurrenceRef } from './occurrence-ref.js';
import type { MemberState } from './plan-state.js';
import type { PlanView } from './plan-view.js';

/** One plan as a member's home shows it: their day, their stand-up, and what waits on them. */
export interface HomePlan {
  planId: string;
  planName: string;
  /** The member's local date in the plan's zone (plan dates are local). */
  date: IsoDate;
  day: { number: number; of: number } | null;
  off: boolean;
  isLead: boolean;
  dueToday: (TaskRef & { status: TaskStatus })[];
  overdue: (TaskRef & { daysLate: number })[];
  /** Open tasks due after today and by Sunday of this week. */
  thisWeek: (TaskRef & { dueDate: IsoDate })[];
  /** The next few after this week. */
  upcoming: (TaskRef & { dueDate: IsoDate })[];
  standup: {
    /** Where the member reads times: their own zone when the plan gives one. */
    zone: string;
    /** Whose zone that is, so a reader knows whether to convert: theirs, or the plan's for want of one. */
    zoneOf: 'member' | 'profile' | 'plan';
    /** The next stand-up or weekend check-in, or null when none is scheduled any more. */
    next: { at: Date; kind: AnsweredKind } | null;
    /** The last one posted on the member's date, and whether they answered it. */
    today: { at: Date; kind: AnsweredKind; answered: boolean } | null;
    /** A stand-up has been posted, so there is one to answer with the form. */
    canAnswer: boolean;
    /** The plan's other rituals (triage, memo, …): each one's next firing, soonest first. */
    others: { kind: ScheduledRitualKind; at: Date }[];
  };
  /** Open blockers the member reported or that block their tasks, with how far up the ladder each went. */
  mine: {
    id: string;
    number: number;
    summary: string;
    taskKey: string | null;
    acknowledged: boolean;
    /** Who acknowledged it (a name), when someone has. */
    acknowledgedBy: string | null;
    /** The highest tier it reached (1-based, with the plan's label and whom it reached), or null before the first. */
    reached: { tier: number; label: string | null; who: string[] } | null;
    /** When the next tier fires if nobody acknowledges; null once acknowledged or at the ladder's end. */
    nextTierAt: Date | null;
  }[];
  /**
   * Open blockers someone expects this member to act on, ranked by impact: every one for a lead
   * or sponsor (they triage), else the ones the ladder has reached them with (on-call, a named tier).
   */
  needsMe: RankedBlockerView[];
  /** Re-plan proposals waiting for a lead's decision (leads only). */
  proposals: { id: string; number: number; slippedTaskKey: string; moves: number }[];
}

/**
 * What a member's App Home shows for one plan, decided from the plan at `now`. `latestPrompt` is
 * the last stand-up posted (the store's), `answeredBy` who answered it: both read by the caller.
 */
export function homePlanOf(
  view: PlanView,
  member: MemberState,
  now: Date,
  latestPrompt: { occurrence: OccurrenceRef; answeredBy: readonly string[] } | null,
  profileZone?: string,
): HomePlan {
  const date = view.today(now);
  const mine = view.openTasks().filter((t) => t.ownerId === member.id);
  const ref = (t: { key: string; title: string }) => ({ key: t.key, title: t.title });
  const day = view.calendar.planDayOf(date);
  const length = view.calendar.planDayOf(view.lastDay);
  const lead = isLead(member);
  const open = view.state.blockers.filter((b) => b.status !== 'resolved');
  const isMine = (b: (typeof open)[number]) => b.reporterId === member.id || view.task(b.taskId)?.ownerId === member.id;
  const reached = new Set(
    open
      .filter((b) => b.steps.some((step) => view.membersFor(step.target).some((m) => m.id === member.id)))
      .map((b) => b.id),
  );
  const firings = view.state.rituals
    .flatMap((r) => {
      const at = r.active && r.nextRunAt && r.nextRunAt > now ? r.nextRunAt : nextFiringOf(view, r, now);
      return r.active && at ? [{ at, kind: r.kind }] : [];
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const next = firings.flatMap((f) => (isAnswered(f.kind) ? [{ at: f.at, kind: f.kind }] : []))[0];
  const others = firings.filter((f) => !isAnswered(f.kind));
  // Plan weeks run Monday to Sunday (ISO), as the plan document counts them.
  const weekEnd = addDays(date, 7 - weekdayOf(date));
  // The plan's word for the member first (a lead set it), then their chat profile's, then the plan's own.
  const zoneOf = member.timezone ? 'member' : profileZone ? 'profile' : 'plan';
  const zone = member.timezone ?? profileZone ?? view.zone;
  const tiers = view.state.plan.document.ladder;
  const reachedOf = (steps: readonly { tier: number; target: string }[]) => {
    const top = steps.reduce<{ tier: number; target: string } | null>((a, b) => (a && a.tier >= b.tier ? a : b), null);
    if (!top) return null;
    const who = view.membersFor(top.target).map((m) => m.displayName);
    return { tier: top.tier + 1, label: tiers[top.tier]?.label ?? null, who: who.length > 0 ? who : [top.target] };
  };
  const postedToday = latestPrompt && view.today(latestPrompt.occurrence.scheduledAt) === date ? latestPrompt : null;
  return {
    planId: view.state.plan.id,
    planName: view.state.plan.name,
    date,
    day: day >= 1 && day <= length ? { number: day, of: length } : null,
    off: view.isOff(member, date),
    isLead: lead,
    dueToday: mine.filter((t) => t.dueDate === date).map((t) => ({ ...ref(t), status: t.status })),
    overdue: mine
      .filter((t) => t.dueDate < date)
      .map((t) => ({ ...ref(t), daysLate: view.calendar.businessDaysBetween(t.dueDate, date) })),
    thisWeek: mine
      .filter((t) => t.dueDate > date && t.dueDate <= weekEnd)
      .map((t) => ({ ...ref(t), dueDate: t.dueDate })),
    upcoming: mine
      .filter((t) => t.dueDate > weekEnd)
      .slice(0, 3)
      .map((t) => ({ ...ref(t), dueDate: t.dueDate })),
    standup: {
      zone,
      zoneOf,
      next: next ?? null,
      today: postedToday
        ? {
            at: postedToday.occurrence.scheduledAt,
            kind: isAnswered(postedToday.occurrence.kind) ? postedToday.occurrence.kind : 'standup',
            answered: postedToday.answeredBy.includes(member.id),
          }
        : null,
      canAnswer: latestPrompt !== null,
      others,
    },
    mine: open.filter(isMine).map((b) => ({
      id: b.id,
      number: b.number,
      summary: b.summary,
      taskKey: view.task(b.taskId)?.key ?? null,
      acknowledged: b.status === 'acknowledged',
      acknowledgedBy: view.member(b.acknowledgedById)?.displayName ?? null,
      reached: reachedOf(b.steps),
      nextTierAt: b.status === 'open' ? b.nextEscalationAt : null,
    })),
    // Their own blockers are listed above; asking them to acknowledge those would not stop the ladder.
    needsMe: rankedBlockers(view, date).filter(
      (b) => (lead || reached.has(b.id)) && !isMine(open.find((o) => o.id === b.id)!),
    ),
    proposals: lead
      ? view.state.replans
          .filter((r) => r.status === 'pending')
          .map((r) => ({ id: r.id, number: r.number, slippedTaskKey: r.slippedTaskKey, moves: r.moves.length }))
      : [],
  };
}
