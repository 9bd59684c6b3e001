import { DateTime } from 'luxon';
import { median } from '../../domain/median.js';
import { varianceReport, type VarianceReport } from '../../domain/variance.js';
import type { BlockerActivity, PlanActivity, PromptActivity } from './plan-activity.js';
import type { BlockerState, MemberState, TaskState } from './plan-state.js';
import type { PlanView } from './plan-view.js';
import type { ReportWeek } from './report-week.js';

/** How one member answered the prompts of a week. */
export interface MemberParticipation {
  memberId: string;
  name: string;
  /** Stand-ups and check-ins that asked them (named their work, or that they answered). */
  prompts: number;
  answers: number;
  /** answers / prompts; null when nothing asked them, which is not the same as never answering. */
  answerRate: number | null;
  /** Median seconds from the prompt's scheduled instant to their answer; null without answers. */
  medianAnswerSeconds: number | null;
}

/** Acknowledgements that came while a ladder tier was the latest to be pinged. */
export interface TierAcks {
  /** As people number tiers (1 = first); 0 = before the ladder reached anyone. */
  tier: number;
  acknowledged: number;
  /** Median seconds from that tier's ping (for tier 0: the blocker's opening) to the acknowledgement. */
  medianSeconds: number;
}

export interface ParticipationReport {
  week: ReportWeek;
  members: MemberParticipation[];
  /** Every member's prompts and answers together. */
  totals: Omit<MemberParticipation, 'memberId' | 'name'>;
  blockers: {
    opened: number;
    resolved: number;
    /** Open (not resolved) at the end of the window. */
    open: number;
    acks: TierAcks[];
  };
  /** The weekly memo's planned / done / slipped / moved numbers for the week's dates. */
  delivery: VarianceReport;
  /** Re-plan proposals made in the window, and how many of those were approved. */
  replans: { proposed: number; approved: number };
}

/**
 * The numbers of a week's report from the plan's state and the rows the store read for the week.
 * Pure: `now` decides only what a still-open task counts as (slipped once its day has ended).
 */
export function participationReport(
  view: PlanView,
  activity: PlanActivity,
  week: ReportWeek,
  now: Date,
): ParticipationReport {
  const members = view.state.members.map((member) => participation(view, member, activity.prompts));
  const answered = members.flatMap((m) => answerSeconds(m.memberId, activity.prompts));
  const prompts = members.reduce((sum, m) => sum + m.prompts, 0);
  const answers = members.reduce((sum, m) => sum + m.answers, 0);
  const { from, to } = week.window;
  const inWindow = (at: Date | null) => at !== null && from <= at && at < to;
  return {
    week,
    members,
    totals: {
      prompts,
      answers,
      answerRate: prompts === 0 ? null : answers / prompts,
      medianAnswerSeconds: median(answered),
    },
    blockers: {
      opened: activity.blockers.filter((b) => inWindow(b.openedAt)).length,
      resolved: activity.blockers.filter((b) => inWindow(b.resolvedAt)).length,
      open: view.state.blockers.filter((b) => openAt(b, to)).length,
      acks: tierAcks(activity.blockers.filter((b) => inWindow(firstResponse(b)))),
    },
    delivery: varianceReport(
      view.state.tasks.map((t) => ({ ...t, doneAt: t.doneAt ? DateTime.fromJSDate(t.doneAt) : null })),
      week.range,
      DateTime.fromJSDate(now, { zone: view.zone }),
      view.calendar,
    ),
    replans: {
      proposed: view.state.replans.filter((r) => inWindow(r.createdAt)).length,
      approved: view.state.replans.filter((r) => inWindow(r.createdAt) && r.status === 'approved').length,
    },
  };
}

function participation(view: PlanView, member: MemberState, prompts: readonly PromptActivity[]): MemberParticipation {
  const asked = prompts.filter(
    (p) => p.replies.some((r) => r.memberId === member.id) || wasAsked(view, member, p),
  ).length;
  const seconds = answerSeconds(member.id, prompts);
  return {
    memberId: member.id,
    name: member.displayName,
    prompts: asked,
    answers: seconds.length,
    answerRate: asked === 0 ? null : seconds.length / asked,
    medianAnswerSeconds: median(seconds),
  };
}

function answerSeconds(memberId: string, prompts: readonly PromptActivity[]): number[] {
  return prompts.flatMap((p) =>
    p.replies
      .filter((r) => r.memberId === memberId)
      .map((r) => Math.max(0, (r.receivedAt.getTime() - p.scheduledAt.getTime()) / 1000)),
  );
}

/**
 * Whom a prompt named: as recorded when it was posted (ritual-posts.ts, askedMembers). A prompt
 * posted before that was kept is read back the same way from the plan as it stood then: a stand-up
 * names owners of work due that day or overdue who are not off; a check-in owners of that day's
 * work and of open blockers; a task moved since counts on its new date there.
 */
function wasAsked(view: PlanView, member: MemberState, prompt: PromptActivity): boolean {
  if (prompt.asked !== null) return prompt.asked.includes(member.id);
  const date = view.today(prompt.scheduledAt);
  const mine = view.state.tasks.filter((t) => t.ownerId === member.id && openAt(t, prompt.scheduledAt));
  if (prompt.kind === 'standup') return !view.isOff(member, date) && mine.some((t) => t.dueDate <= date);
  return (
    mine.some((t) => t.dueDate === date) ||
    view.state.blockers.some(
      (b) =>
        openAt(b, prompt.scheduledAt) &&
        b.openedAt <= prompt.scheduledAt &&
        (b.reporterId === member.id || view.task(b.taskId)?.ownerId === member.id),
    )
  );
}

/** A task not done or cancelled at `at`; a blocker not resolved at `at` (and opened before it). */
function openAt(item: TaskState | BlockerState, at: Date): boolean {
  if ('dueDate' in item) {
    if (item.status === 'cancelled') return false;
    return item.status !== 'done' || (item.doneAt !== null && item.doneAt > at);
  }
  return item.openedAt < at && (item.resolvedAt === null || item.resolvedAt >= at);
}

/** Resolving a blocker nobody acknowledged answers it too: it stops the ladder the same way. */
function firstResponse(blocker: BlockerActivity): Date | null {
  return blocker.acknowledgedAt ?? blocker.resolvedAt;
}

function tierAcks(blockers: readonly BlockerActivity[]): TierAcks[] {
  const byTier = new Map<number, number[]>();
  for (const blocker of blockers) {
    const at = firstResponse(blocker)!;
    // The tier pinged last before the answer is the one that got it.
    const pinged = blocker.steps
      .filter((s) => s.sentAt <= at)
      .reduce<BlockerActivity['steps'][number] | undefined>(
        (last, s) => (!last || s.sentAt >= last.sentAt ? s : last),
        undefined,
      );
    const tier = pinged ? pinged.tier + 1 : 0;
    const since = pinged ? pinged.sentAt : blocker.openedAt;
    const seconds = Math.max(0, (at.getTime() - since.getTime()) / 1000);
    byTier.set(tier, [...(byTier.get(tier) ?? []), seconds]);
  }
  return [...byTier.entries()]
    .sort(([a], [b]) => a - b)
    .map(([tier, seconds]) => ({ tier, acknowledged: seconds.length, medianSeconds: median(seconds)! }));
}
