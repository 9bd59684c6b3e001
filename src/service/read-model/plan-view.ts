import { DateTime } from 'luxon';
import { isFinished } from '../../domain/task-status.js';
import type { PlanCalendar } from '../../domain/calendar.js';
import { AT_ONCE, pagingTarget, tierDueAt, type Ladder, type LadderStart } from '../../domain/ladder.js';
import { isMemberAvailable } from '../../domain/member-availability.js';
import { awayUntil } from '../../domain/time-off.js';
import type { IsoDate, IsoWeekday } from '../../domain/types.js';
import type { LadderTarget } from '../../plans/plan-schema.js';
import { planCalendarOf } from '../../plans/plan-dates.js';
import { planLastDay } from '../../plans/plan-dates.js';
import type { Effect } from '../effects.js';
import type { PlanNumbers } from './plan-numbers.js';
import type { MemberState, PlanState, TaskState } from './plan-state.js';

// Stores hand out the same frozen state while a plan is unchanged, so its view (calendar, ladder,
// indexes) is built once per plan revision rather than once per command.
const views = new WeakMap<PlanState, PlanView>();

/** Lookups over a loaded plan. Use `PlanView.of(state)`: one view per state object. */
export class PlanView {
  readonly calendar: PlanCalendar;
  readonly ladder: Ladder;
  /** When tier 1 is told: at once, or at the plan's next triage window (rules.firstTierAt). */
  readonly ladderStart: LadderStart;
  private readonly membersById: Map<string, MemberState>;
  private readonly tasksByKey: Map<string, TaskState>;
  private readonly tasksById: Map<string, TaskState>;

  static of(state: PlanState): PlanView {
    let view = views.get(state);
    if (!view) views.set(state, (view = new PlanView(state)));
    return view;
  }

  constructor(readonly state: PlanState) {
    const doc = state.plan.document;
    this.calendar = planCalendarOf({ ...doc, holidays: planHolidayDates(state) }, doc.startDate!);
    this.ladder = doc.ladder.map((tier) => {
      const zone = tier.target.kind === 'member' ? memberZone(state, tier.target.member) : undefined;
      return {
        target: ladderTargetKey(tier.target),
        delayMinutes: tier.delayMinutes,
        businessHours: tier.businessHours,
        ...(zone ? { zone } : {}),
      };
    });
    this.ladderStart = ladderStartOf(state);
    this.membersById = new Map(state.members.map((m) => [m.id, m]));
    this.tasksByKey = new Map(state.tasks.map((t) => [t.key, t]));
    this.tasksById = new Map(state.tasks.map((t) => [t.id, t]));
  }

  /** After this local date the plan is over and its rituals stop. */
  get lastDay(): IsoDate {
    return planLastDay(
      this.state.plan.document,
      this.calendar.startDate,
      this.state.tasks.filter((t) => t.status !== 'cancelled').map((t) => t.dueDate),
    );
  }

  get zone(): string {
    return this.state.plan.timezone;
  }

  local(now: Date): DateTime {
    return DateTime.fromJSDate(now, { zone: this.zone });
  }

  today(now: Date): IsoDate {
    return this.local(now).toISODate() as IsoDate;
  }

  member(id: string | null | undefined): MemberState | undefined {
    return id ? this.membersById.get(id) : undefined;
  }

  memberByKey(key: string): MemberState | undefined {
    return this.state.members.find((m) => m.key === key);
  }

  task(id: string | null | undefined): TaskState | undefined {
    return id ? this.tasksById.get(id) : undefined;
  }

  taskByKey(key: string): TaskState | undefined {
    return this.tasksByKey.get(key) ?? this.tasksByKey.get(key.toLowerCase());
  }

  /** Open work: not done and not cancelled. */
  openTasks(): TaskState[] {
    return this.state.tasks.filter((t) => !isFinished(t.status));
  }

  /** Members a ladder tier or a rule reaches: a member key, or everyone holding a role. */
  membersFor(target: string): MemberState[] {
    const [kind, value = ''] = target.includes(':') ? (target.split(/:(.*)/s) as [string, string]) : ['member', target];
    if (kind === 'role')
      return this.state.members.filter((m) =>
        m.roles.includes(value.replace('-', '_') as MemberState['roles'][number]),
      );
    if (kind === 'member' || kind === 'pagerduty') {
      const member =
        this.memberByKey(value) ?? this.state.members.find((m) => m.displayName.toLowerCase() === value.toLowerCase());
      return member ? [member] : [];
    }
    return [];
  }

  /**
   * Opens a blocker numbered by `numbers` (one PlanNumbers per decision), with the ladder starting at once or at the next triage
   * window, per the plan (its first tier is due when the plan's first delay has passed from then).
   * The same for `/plan block` and stand-up answers.
   */
  openBlocker(input: {
    blockerId: string;
    summary: string;
    taskId: string | null;
    reporterId: string | null;
    now: Date;
    numbers: PlanNumbers;
  }): Extract<Effect, { type: 'blocker.open' }> {
    const firstTier =
      this.ladder.length > 0
        ? tierDueAt(
            this.ladder,
            0,
            DateTime.fromJSDate(input.now, { zone: this.zone }),
            this.calendar,
            this.ladderStart,
          ).toJSDate()
        : null;
    const { now, numbers, ...rest } = input;
    const number = numbers.nextBlocker();
    return { type: 'blocker.open', planId: this.state.plan.id, number, at: now, nextEscalationAt: firstTier, ...rest };
  }

  /** The lead who decides: the ladder's first contact when that is a member, else the first lead. */
  primaryLead(): MemberState | undefined {
    return primaryLead(this.state);
  }

  leads(): MemberState[] {
    return this.state.members.filter((m) => m.roles.includes('lead'));
  }

  isOff(member: MemberState, date: IsoDate): boolean {
    return !isMemberAvailable(member.timeOff, date);
  }

  /** The last day of the member's time off holding `date`, or undefined when they are not off then. */
  awayUntil(member: MemberState, date: IsoDate): IsoDate | undefined {
    return awayUntil(member.timeOff, date);
  }
}

/** The plan's holidays: the document's and those added in chat, each once, in order. */
export function planHolidayDates(state: PlanState): IsoDate[] {
  return [...new Set([...state.plan.document.holidays, ...state.plan.holidays.map((h) => h.date)])].sort();
}

export function primaryLead(state: PlanState): MemberState | undefined {
  const first = state.plan.document.ladder[0]?.target;
  const byLadder = first?.kind === 'member' ? state.members.find((m) => m.key === first.member) : undefined;
  return byLadder ?? state.members.find((m) => m.roles.includes('lead'));
}

/** Finds a blocker or proposal by the number people type (`3`, `#3`) or the id a button carries. */
export function findByRef<T extends { id: string; number: number }>(items: readonly T[], ref: string): T | undefined {
  const number = /^#?(\d+)$/.exec(ref)?.[1];
  return items.find((item) => (number ? item.number === Number(number) : item.id === ref));
}

/** A ladder target as one string the escalation rows can store: "member:<key>", "role:<role>", "pagerduty:<who>". */
export function ladderTargetKey(target: LadderTarget): string {
  switch (target.kind) {
    case 'member':
      return `member:${target.member}`;
    case 'role':
      return `role:${target.role}`;
    case 'pagerduty':
      // The page goes to PagerDuty (escalation-decision); the member who answers it, if named, also hears in chat.
      // Never the routing key: escalation rows are shown to people.
      return pagingTarget(target.member ?? target.schedule ?? 'on-call');
  }
}

/** The plan's ladder start: its first active triage ritual when the plan asks tier 1 to wait for it. */
function ladderStartOf(state: PlanState): LadderStart {
  if (state.plan.document.rules.firstTierAt !== 'next_triage') return AT_ONCE;
  const triage = state.rituals.find((r) => r.kind === 'triage' && r.active && r.days.length > 0);
  // Import refuses next_triage without a triage ritual; a ritual switched off later falls back to at once.
  if (!triage) return AT_ONCE;
  return {
    kind: 'next_window',
    window: { localTime: triage.localTime, zone: triage.timezone, days: triage.days as IsoWeekday[] },
  };
}

/** A member's own time zone when the plan gives one, found by key or by name as a ladder names them. */
function memberZone(state: PlanState, member: string): string | undefined {
  const wanted = member.toLowerCase();
  return state.members.find((m) => m.key === member || m.displayName.toLowerCase() === wanted)?.timezone ?? undefined;
}
