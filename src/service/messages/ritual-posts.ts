import { DateTime } from 'luxon';
import { isFinished } from '../../domain/task-status.js';
import { rankBlockersByImpact } from '../../domain/impact.js';
import { addDays } from '../../domain/iso-date.js';
import type { IsoDate, Milestone } from '../../domain/types.js';
import { shouldRebaseline, varianceReport } from '../../domain/variance.js';
import { memberMention, mention } from '../read-model/addressing.js';
import { withMentions } from './mentions.js';
import type { RankedBlockerView } from './blocker-entry.js';
import { standupPrompt } from './standup-prompt.js';
import { syncReminder } from './sync-reminder.js';
import { triage as triageMessage } from './triage.js';
import { weekendCheckin } from './weekend-checkin.js';
import { weeklyMemo } from './weekly-memo.js';
import type { Message } from './message.js';
import type { MemberState, RitualState, TaskState } from '../read-model/plan-state.js';
import type { PlanView } from '../read-model/plan-view.js';
import { composeCheckpoint } from '../deciders/milestone-gate.js';
import { ritualHeldOn } from '../deciders/ritual-held.js';
import { datedMilestones } from '../../plans/milestone-dates.js';
import { occurrenceKey } from './outbox-drafts.js';
import { standupAsked, standupAway } from '../deciders/standup-asked.js';
import { awayDueLine, tasksDueWhileAway } from './away-due.js';

/** What a ritual posts at `scheduledAt`, or null when it has nothing to say (a holiday, no blockers to triage). */
export function composeRitualPost(view: PlanView, ritual: RitualState, scheduledAt: Date): Message | null {
  const date = DateTime.fromJSDate(scheduledAt, { zone: view.zone }).toISODate() as IsoDate;
  switch (ritual.kind) {
    case 'standup':
      return ritualHeldOn(view, ritual.kind, date) ? standup(view, ritual, date, scheduledAt) : null;
    case 'weekend_checkin':
      return checkin(view, date);
    case 'triage':
      return ritualHeldOn(view, ritual.kind, date) ? triage(view, date, scheduledAt) : null;
    case 'sync':
      return syncReminder({ planName: view.state.plan.name, at: scheduledAt, zone: ritual.timezone });
    case 'weekly_memo':
      return memo(view, date, scheduledAt);
    case 'milestone_checkpoint':
      return composeCheckpoint(view, date);
  }
}

const isOpen = (t: TaskState) => !isFinished(t.status);

/** Those the stand-up asks (owners with work, or everyone: deciders/standup-asked.ts), with their work. */
function standupOwners(view: PlanView, ritual: RitualState, date: IsoDate) {
  return standupAsked(view, ritual, date).map(({ member, dueToday, overdue }) => ({
    member,
    owner: {
      mention: mention(view.state, member),
      dueToday: dueToday.map((t) => ({ key: t.key, title: t.title })),
      overdue: overdue.map((t) => ({
        key: t.key,
        title: t.title,
        daysLate: view.calendar.businessDaysBetween(t.dueDate, date),
      })),
    },
  }));
}

function standup(view: PlanView, ritual: RitualState, date: IsoDate, scheduledAt: Date): Message {
  const due = standupOwners(view, ritual, date);
  const owners = due.map((o) => o.owner);
  const off = standupAway(view, ritual, date).map((m) => m.displayName);
  return withMentions(
    standupPrompt({
      planName: view.state.plan.name,
      date,
      owners,
      off,
      ...(ritual.questions.length ? { questions: ritual.questions } : {}),
      updateRef: occurrenceKey(ritual.id, scheduledAt),
    }),
    due.map((o) => memberMention(view.state, o.member)),
  );
}

/** A stand-up that goes by DM: each owner's own prompt, naming only their work. Nothing on a holiday. */
export function personalStandups(
  view: PlanView,
  ritual: RitualState,
  scheduledAt: Date,
): { member: MemberState; message: Message }[] {
  const date = DateTime.fromJSDate(scheduledAt, { zone: view.zone }).toISODate() as IsoDate;
  if (view.calendar.isHoliday(date)) return [];
  return standupOwners(view, ritual, date).map(({ member, owner }) => ({
    member,
    message: withMentions(
      standupPrompt({
        planName: view.state.plan.name,
        date,
        owners: [owner],
        off: [],
        ...(ritual.questions.length ? { questions: ritual.questions } : {}),
        updateRef: occurrenceKey(ritual.id, scheduledAt),
      }),
      [memberMention(view.state, member)],
    ),
  }));
}

/** Who a weekend check-in names: owners of that day's open work and of open blockers, with those. */
function checkinPeople(view: PlanView, date: IsoDate) {
  const openBlockers = view.state.blockers.filter((b) => b.status !== 'resolved');
  return view.state.members.flatMap((m) => {
    const bufferTasks = view.state.tasks.filter((t) => t.ownerId === m.id && t.dueDate === date && isOpen(t));
    const blockers = openBlockers.filter((b) => b.reporterId === m.id || view.task(b.taskId)?.ownerId === m.id);
    if (bufferTasks.length + blockers.length === 0) return [];
    return [
      {
        member: m,
        mention: mention(view.state, m),
        bufferTasks: bufferTasks.map((t) => ({ key: t.key, title: t.title })),
        openBlockers: blockers.map((b) => ({ number: b.number, summary: b.summary })),
      },
    ];
  });
}

/**
 * The members a stand-up or check-in at `scheduledAt` names, as its post is composed now: recorded
 * with the occurrence so a report counts who was asked. Other rituals ask nobody.
 */
export function askedMembers(view: PlanView, ritual: RitualState, scheduledAt: Date): string[] {
  const date = DateTime.fromJSDate(scheduledAt, { zone: view.zone }).toISODate() as IsoDate;
  if (ritual.kind === 'standup') return standupOwners(view, ritual, date).map((o) => o.member.id);
  if (ritual.kind === 'weekend_checkin') return checkinPeople(view, date).map((p) => p.member.id);
  return [];
}

/** Swap rule: a clean close of the last working day (no open blockers, nothing overdue) lets owners pull work forward. */
function checkin(view: PlanView, date: IsoDate): Message {
  let previous = addDays(date, -1);
  for (let i = 0; i < 14 && !view.calendar.isWorkingDay(previous); i += 1) previous = addDays(previous, -1);
  const openBlockers = view.state.blockers.filter((b) => b.status !== 'resolved');
  const overdue = view.state.tasks.filter((t) => isOpen(t) && t.dueDate <= previous);
  const people = checkinPeople(view, date);
  const swapRule = view.state.plan.document.buffer.swapRule;
  return withMentions(
    weekendCheckin({
      planName: view.state.plan.name,
      date,
      previousWorkingDay: previous,
      openBlockers: openBlockers.length,
      overdueTasks: overdue.length,
      people,
      ...(swapRule ? { swapRule } : {}),
    }),
    people.map((person) => memberMention(view.state, person.member)),
  );
}

export function rankedBlockers(view: PlanView, date: IsoDate): RankedBlockerView[] {
  const open = view.state.blockers.filter((b) => b.status !== 'resolved');
  const ranked = rankBlockersByImpact(
    open.map((b) => ({
      id: b.id,
      taskKey: view.task(b.taskId)?.key ?? null,
      openedAt: DateTime.fromJSDate(b.openedAt),
    })),
    view.state.tasks.map((t) => ({ key: t.key, dueDate: t.dueDate, status: t.status, dependsOn: t.dependsOn })),
    milestones(view),
    date,
  );
  return ranked.map(({ blocker, dependants, milestone, daysToMilestone }) => {
    const b = open.find((o) => o.id === blocker.id)!;
    const task = view.task(b.taskId);
    const name = milestone
      ? (view.state.plan.document.milestones.find((m) => m.key === milestone.key)?.name ?? milestone.key)
      : undefined;
    return {
      id: b.id,
      number: b.number,
      summary: b.summary,
      status: b.status === 'acknowledged' ? 'acknowledged' : 'open',
      owner: view.member(task?.ownerId)?.displayName ?? view.member(b.reporterId)?.displayName ?? null,
      task: task ? { key: task.key, title: task.title } : null,
      openedAt: b.openedAt,
      dependants: dependants.length,
      milestone: name && daysToMilestone !== null ? { name, daysUntil: daysToMilestone } : null,
      acknowledgedBy: view.member(b.acknowledgedById)?.displayName ?? null,
    };
  });
}

function triage(view: PlanView, date: IsoDate, now: Date): Message | null {
  const entries = rankedBlockers(view, date);
  const awayDue = tasksDueWhileAway(view, date).map(awayDueLine);
  return entries.length === 0 && awayDue.length === 0
    ? null
    : triageMessage({ planName: view.state.plan.name, now, zone: view.zone, blockers: entries, awayDue });
}

function milestones(view: PlanView): Milestone[] {
  return datedMilestones(view.state.plan.document, view.calendar).map((m) => ({ key: m.key, date: m.date }));
}

/** The week that ended yesterday, against the baseline dates. */
function memo(view: PlanView, date: IsoDate, now: Date): Message {
  const range = { from: addDays(date, -7), to: addDays(date, -1) };
  const tasks = view.state.tasks.map((t) => ({
    ...t,
    doneAt: t.doneAt ? DateTime.fromJSDate(t.doneAt) : null,
    slipEscalatedAt: null,
  }));
  const report = varianceReport(tasks, range, DateTime.fromJSDate(now, { zone: view.zone }), view.calendar);
  const ref = (key: string) => ({ key, title: view.taskByKey(key)?.title ?? key });
  const slipped = report.slipped.map((key) => view.taskByKey(key)!);
  const threshold = view.state.plan.document.rules.rebaselineWhenCriticalSlips;
  const memo = weeklyMemo({
    planName: view.state.plan.name,
    planVersion: view.state.plan.version,
    week: range,
    now,
    planned: report.planned.map(ref),
    done: report.done.map(ref),
    slipped: slipped.map((t) => ({ key: t.key, title: t.title, owner: view.member(t.ownerId)?.displayName ?? null })),
    moved: report.moved.map((m) => ({ ...ref(m.taskKey), from: m.from, to: m.to })),
    openBlockers: view.state.blockers
      .filter((b) => b.status !== 'resolved')
      .map((b) => ({
        number: b.number,
        summary: b.summary,
        task: view.task(b.taskId) ? ref(view.task(b.taskId)!.key) : null,
        openedAt: b.openedAt,
      })),
    rebaseline:
      threshold && shouldRebaseline(slipped, threshold)
        ? { criticalSlipped: slipped.filter((t) => t.critical).map((t) => ref(t.key)), threshold }
        : null,
    awayDue: tasksDueWhileAway(view, date).map(awayDueLine),
  });
  // The memo's week in pictures; the sender draws it at delivery (charts are not stored in the outbox).
  return { ...memo, chart: { planId: view.state.plan.id, ...range } };
}
