import { DateTime } from 'luxon';
import { moveTasksOffHolidays } from '../../domain/holiday-move.js';
import { weekdayOf } from '../../domain/iso-date.js';
import type { DateMove, IsoDate, IsoWeekday } from '../../domain/types.js';
import { memberKey } from '../../plans/member-match.js';
import { planCalendarOf, taskDueDate } from '../../plans/plan-dates.js';
import type { Plan, PlanRitual } from '../../plans/plan-schema.js';
import { checkpointTime, datedMilestones } from '../../plans/milestone-dates.js';
import { nextFiring, type FiringBounds } from '../../domain/next-firing.js';
import { PlanError } from '../../domain/plan-error.js';
import type { StoredRole } from './plan-state.js';
import { standupSettingsOf, type StandupSettings } from './standup-settings.js';
import { planLastDay } from '../../plans/plan-dates.js';

/** A plan as rows: dates resolved in the plan's zone, owners as member keys, next firings as instants. */
export interface PlanSnapshot {
  name: string;
  timezone: string;
  startDate: IsoDate;
  document: Plan;
  members: {
    key: string;
    displayName: string;
    roles: StoredRole[];
    email?: string;
    timezone?: string;
    slack?: { id?: string; handle?: string };
    teamsId?: string;
  }[];
  tasks: {
    key: string;
    title: string;
    ownerKey?: string;
    dueDate: IsoDate;
    planDay?: number;
    planWeek?: number;
    priority?: string;
    effort?: string;
    deliverable?: string;
    stream?: string;
    critical: boolean;
    dependsOn: string[];
    details: {
      description?: string;
      time?: string;
      offset?: string;
      checklist: string[];
      dependencies: string[];
      buffer: boolean;
    };
  }[];
  bufferDays: { date: IsoDate; planDay: number; swapRule?: string }[];
  rituals: ({
    kind: PlanRitual['kind'] | 'milestone_checkpoint';
    localTime: string;
    timezone: string;
    days: IsoWeekday[];
    onBufferDays: boolean;
    channel?: string;
    inThread: boolean;
    questions: string[];
    dm: boolean;
    nextRunAt: Date | null;
  } & StandupSettings)[];
  /** Tasks the calendar moved (a due date on a holiday), so the import can say so. */
  moves: DateMove[];
}

/** Resolves a plan against its start date and `now` (the first firing of each ritual after now). */
export function buildPlanSnapshot(plan: Plan, now: Date, startDateOverride?: IsoDate): PlanSnapshot {
  const startDate = startDateOverride ?? plan.startDate;
  if (!startDate) {
    throw new PlanError(
      'import_invalid',
      `Plan "${plan.name}" has only day or week numbers: give its first day, e.g. --start 2026-12-07.`,
    );
  }
  const calendar = planCalendarOf(plan, startDate);
  const dated = plan.tasks.map((task) => ({ task, key: task.key, dueDate: taskDueDate(task, calendar) }));
  // A task the document gave no day is still on the plan: it is due when the plan ends.
  const end = planLastDay(
    plan,
    startDate,
    dated.flatMap((t) => (t.dueDate === undefined ? [] : [t.dueDate])),
  );
  const scheduled = dated.map((t) => ({ ...t, dueDate: t.dueDate ?? end }));
  const { tasks: moved, moves } = moveTasksOffHolidays(scheduled, calendar);
  // Rituals start with the plan: nothing is posted for a plan that has not begun.
  const planStart = DateTime.fromISO(startDate, { zone: plan.timezone });
  const nowLocal = DateTime.fromJSDate(now, { zone: plan.timezone });
  const after = nowLocal < planStart ? planStart.minus({ milliseconds: 1 }) : nowLocal;
  const lastDay = planLastDay(
    plan,
    startDate,
    moved.map((t) => t.dueDate),
  );
  const bounds: FiringBounds = {
    calendar,
    lastDay,
    checkpointDates: datedMilestones(plan, calendar).map((m) => m.date),
  };

  return {
    name: plan.name,
    timezone: plan.timezone,
    startDate,
    document: { ...plan, startDate },
    members: plan.members.map((m) => ({
      key: memberKey(m),
      displayName: m.name,
      roles: m.roles.map((role) => (role === 'on-call' ? 'on_call' : role)),
      ...(m.email ? { email: m.email } : {}),
      ...(m.timezone ? { timezone: m.timezone } : {}),
      ...(m.slackId || m.slackHandle
        ? { slack: { ...(m.slackId ? { id: m.slackId } : {}), ...(m.slackHandle ? { handle: m.slackHandle } : {}) } }
        : {}),
      ...(m.teamsId ? { teamsId: m.teamsId } : {}),
    })),
    tasks: moved.map(({ task, dueDate }) => ({
      key: task.key,
      title: task.title,
      ...(task.owner ? { ownerKey: task.owner } : {}),
      dueDate,
      ...(task.day ? { planDay: task.day } : {}),
      ...(task.week ? { planWeek: task.week } : {}),
      ...(task.priority ? { priority: task.priority } : {}),
      ...(task.effort ? { effort: task.effort } : {}),
      ...(task.deliverable ? { deliverable: task.deliverable } : {}),
      ...(task.stream ? { stream: task.stream } : {}),
      critical: task.critical,
      dependsOn: task.dependsOn,
      details: {
        ...(task.description ? { description: task.description } : {}),
        ...(task.time ? { time: task.time } : {}),
        ...(task.offset ? { offset: task.offset } : {}),
        checklist: task.checklist,
        dependencies: task.dependencies,
        buffer: task.buffer,
      },
    })),
    bufferDays: calendar.bufferDates.map((date) => ({
      date,
      planDay: calendar.planDayOf(date),
      ...(plan.buffer.swapRule ? { swapRule: plan.buffer.swapRule } : {}),
    })),
    rituals: [
      ...plan.rituals.map((ritual) => {
        const zone = ritual.zone ?? plan.timezone;
        // A weekend check-in follows the plan's buffer days when it has them (seed 004: the Saturdays).
        const onBufferDays = ritual.kind === 'weekend_checkin' && calendar.bufferDates.length > 0;
        const schedule = {
          kind: ritual.kind,
          localTime: ritual.localTime,
          timezone: zone,
          days: ritual.days,
          onBufferDays,
        };
        return {
          kind: ritual.kind,
          localTime: ritual.localTime,
          timezone: zone,
          days: ritual.days as IsoWeekday[],
          onBufferDays,
          ...(ritual.channel ? { channel: ritual.channel } : {}),
          inThread: ritual.thread,
          questions: ritual.questions,
          dm: ritual.kind === 'standup' && ritual.dm,
          ...standupSettingsOf(ritual),
          nextRunAt: nextFiring(schedule, bounds, after.toJSDate()),
        };
      }),
      ...checkpointRitual(plan, bounds, after.toJSDate()),
    ],
    moves,
  };
}

/**
 * Milestone checkpoints are not written as a ritual in plans: every plan with a dated milestone
 * gets one, posting the gate's status to the plan's channel at the end of each milestone day.
 */
function checkpointRitual(plan: Plan, bounds: FiringBounds, after: Date): PlanSnapshot['rituals'] {
  if (bounds.checkpointDates.length === 0) return [];
  const localTime = checkpointTime(bounds.calendar);
  const days = [...new Set(bounds.checkpointDates.map(weekdayOf))].sort();
  return [
    {
      kind: 'milestone_checkpoint',
      localTime,
      timezone: plan.timezone,
      days,
      onBufferDays: false,
      inThread: false,
      questions: [],
      dm: false,
      nextRunAt: nextFiring(
        { kind: 'milestone_checkpoint', localTime, timezone: plan.timezone, days, onBufferDays: false },
        bounds,
        after,
      ),
    },
  ];
}
