import { matchMember } from './member-match.js';
import { missingCadenceWarning } from './cadence-option.js';
import { durationMinutes } from './duration-minutes.js';
import { DEFAULT_REMIND_AFTER_MINUTES } from '../domain/standup-reminder-delay.js';
import { DEFAULT_BUSINESS_HOURS } from '../domain/calendar.js';
import { addDays, weekdayOf } from '../domain/iso-date.js';
import { taskDueDay } from './plan-dates.js';
import type { ImportWarning, UnplacedBlock } from './plan-import-types.js';
import { formatWarning } from './plan-import-types.js';
import type { PlanLadderTier, Plan, PlanRitual, PlanTask } from './plan-schema.js';

export interface PreviewOptions {
  /** How many plan days of the schedule to show (default 7). */
  days?: number;
  unplaced?: readonly UnplacedBlock[];
}

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MAX_SCHEDULE_LINES = 25;

/** The text `planbot import` prints before storing: enough to check the importer read it right. */
export function renderPlanPreview(
  plan: Plan,
  warnings: readonly ImportWarning[],
  options: PreviewOptions = {},
): string {
  const lines: string[] = [];
  const start =
    plan.startDate === undefined ? 'no start date' : `starts ${weekdayName(plan.startDate)} ${plan.startDate}`;
  const length = plan.lengthDays === undefined ? '' : `, ${plan.lengthDays} days`;
  lines.push(
    `Plan: ${plan.name}`,
    `Time zone: ${plan.timezone}; ${start}${length}; working days ${formatDays(plan.workingDays)}`,
  );
  lines.push(
    `Counts: ${plan.tasks.length} tasks, ${plan.members.length} members, ${plan.rituals.length} rituals, ` +
      `${plan.ladder.length} ladder tiers, ${plan.buffer.days.length} buffer days, ${plan.milestones.length} milestones`,
  );
  // Loud and near the top: stored as it is, such a plan runs silently.
  const silent = missingCadenceWarning(plan);
  if (silent) lines.push('', ...silent);
  lines.push('', ...howSure(plan));
  lines.push('', ...schedule(plan, options.days ?? 7));
  lines.push(
    '',
    `Buffer days: ${plan.buffer.days.length === 0 ? 'none' : plan.buffer.days.map((d) => dayLabel(plan, d)).join(', ')}`,
  );
  if (plan.buffer.swapRule !== undefined) lines.push(`  Swap rule: ${plan.buffer.swapRule}`);
  lines.push(
    '',
    'Cadence:',
    ...(plan.rituals.length === 0 ? ['  none'] : plan.rituals.map((r) => `  ${ritualLine(plan, r)}`)),
  );
  lines.push(
    '',
    'Escalation ladder:',
    ...(plan.ladder.length === 0 ? ['  none'] : plan.ladder.map((t, i) => `  ${i + 1}. ${tierLine(plan, t)}`)),
  );
  lines.push('', `Rules: ${rulesLine(plan)}`);
  if (plan.milestones.length > 0) {
    lines.push('', 'Milestones:');
    for (const m of plan.milestones) {
      const due =
        m.dueDate ??
        (m.dueWeek !== undefined
          ? `week ${m.dueWeek}`
          : m.dueDay !== undefined
            ? dayLabel(plan, m.dueDay)
            : 'no due date');
      lines.push(`  ${m.name} (due ${due}, ${m.gateCriteria.length} gate criteria)`);
    }
  }
  lines.push(
    '',
    `Warnings (${warnings.length}):`,
    ...(warnings.length === 0 ? ['  none'] : warnings.map((w) => `  ${formatWarning(w)}`)),
  );
  if (options.unplaced !== undefined) {
    lines.push(
      '',
      `Not placed (${options.unplaced.length}):`,
      ...options.unplaced.map((u) => `  line ${u.line} (${u.kind}): ${u.text}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * How much of each part the document stated rather than left to a guess, so a reviewer knows
 * where to look before storing. High: nearly all stated; low: mostly missing.
 */
function howSure(plan: Plan): string[] {
  const n = plan.tasks.length;
  const level = (count: number): string =>
    n === 0 ? '-' : count / n >= 0.9 ? 'high' : count / n >= 0.5 ? 'medium' : 'low';
  const dated = plan.tasks.filter((t) => t.date !== undefined || t.day !== undefined || t.week !== undefined).length;
  const owned = plan.tasks.filter((t) => t.owner !== undefined).length;
  const out = ['How sure:'];
  out.push(
    `  tasks    ${level(dated).padEnd(6)} ${dated} of ${n} have a date, day or week${n - dated > 0 ? `; ${n - dated} are due by the plan's last day` : ''}`,
  );
  out.push(
    `  owners   ${level(owned).padEnd(6)} ${owned} of ${n} have an owner${n - owned > 0 ? "; the others are nobody's until a lead assigns them" : ''}`,
  );
  out.push(
    plan.rituals.length === 0
      ? '  cadence  none   no recurring meeting found: planbot will prompt nobody; add a line such as "Daily stand-up 09:30" and import again'
      : `  cadence  ${String(plan.rituals.length).padEnd(6)} recurring meeting(s); times and days not written are listed under Warnings`,
  );
  out.push(
    plan.ladder.length === 0
      ? '  ladder   none   nobody is escalated to; add escalation contacts to the document'
      : `  ladder   ${String(plan.ladder.length).padEnd(6)} tier(s)`,
  );
  return out;
}

function schedule(plan: Plan, days: number): string[] {
  const shown = plan.tasks
    .map((task) => ({ task, day: taskDueDay(task) ?? dateDay(plan, task) }))
    .filter(
      (entry): entry is { task: PlanTask; day: number } => entry.day !== undefined && entry.day <= Math.max(days, 7),
    )
    .filter((entry) => (entry.task.week === undefined ? entry.day <= days : true))
    .sort((a, b) => a.day - b.day);
  const out = [`Schedule (first ${days} days):`];
  for (const { task } of shown.slice(0, MAX_SCHEDULE_LINES)) {
    const when =
      task.day !== undefined
        ? dayLabel(plan, task.day)
        : task.week !== undefined
          ? `week ${task.week}`
          : (task.date ?? '');
    const owner =
      task.owner === undefined ? 'no owner' : (matchMember(plan.members, task.owner)?.member.name ?? task.owner);
    const flags = [task.buffer ? 'buffer' : '', task.critical ? 'critical' : ''].filter((f) => f !== '');
    const at = [task.time, task.offset].filter((p) => p !== undefined).join(' ');
    out.push(
      `  ${when}${at === '' ? '' : ` ${at}`}: ${task.title} (${owner})${flags.length > 0 ? ` [${flags.join(', ')}]` : ''}`,
    );
  }
  if (shown.length > MAX_SCHEDULE_LINES) out.push(`  … and ${shown.length - MAX_SCHEDULE_LINES} more`);
  if (shown.length === 0) out.push('  nothing scheduled');
  return out;
}

function dateDay(plan: Plan, task: PlanTask): number | undefined {
  if (task.date === undefined || plan.startDate === undefined) return undefined;
  return Math.round((Date.parse(task.date) - Date.parse(plan.startDate)) / 86_400_000) + 1;
}

function dayLabel(plan: Plan, day: number): string {
  if (plan.startDate === undefined) return `day ${day}`;
  const date = addDays(plan.startDate, day - 1);
  return `day ${day} (${weekdayName(date)} ${date})`;
}

function weekdayName(date: string): string {
  return WEEKDAYS[weekdayOf(date)] ?? '';
}

function formatDays(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.every((d, i) => i === 0 || d === (sorted[i - 1] ?? 0) + 1);
  if (contiguous && sorted.length > 2)
    return `${WEEKDAYS[sorted[0] ?? 0] ?? ''}-${WEEKDAYS[sorted[sorted.length - 1] ?? 0] ?? ''}`;
  return sorted.map((d) => WEEKDAYS[d] ?? String(d)).join(', ');
}

function ritualLine(plan: Plan, ritual: PlanRitual): string {
  const extras = [ritual.channel, ritual.thread ? 'in a thread' : undefined].filter((e) => e !== undefined);
  const name = ritual.name === undefined ? '' : ` "${ritual.name}"`;
  const line = `${ritual.kind}${name}: ${ritual.localTime} ${ritual.zone ?? plan.timezone}, ${formatDays(ritual.days)}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
  return ritual.kind === 'standup' ? `${line}; ${standupFollowUps(ritual)}` : line;
}

/** Who a stand-up asks, when the one reminder goes and whether a digest posts: what the team will notice. */
function standupFollowUps(ritual: PlanRitual): string {
  const asks = ritual.ask === 'everyone' ? 'asks every member not off' : 'asks owners with work due';
  const remind = ritual.remindAfter === undefined ? undefined : durationMinutes(ritual.remindAfter);
  const reminder = `one reminder ${formatMinutes(remind ?? DEFAULT_REMIND_AFTER_MINUTES)} after${remind === undefined ? ' (default)' : ''}`;
  const digest =
    ritual.digestAt !== undefined
      ? `digest at ${ritual.digestAt}`
      : ritual.digestAfter !== undefined
        ? `digest ${formatMinutes(durationMinutes(ritual.digestAfter) ?? 0)} after`
        : 'no digest';
  return [asks, reminder, digest].join(', ');
}

function tierLine(plan: Plan, tier: PlanLadderTier): string {
  const name = (ref: string): string => matchMember(plan.members, ref)?.member.name ?? ref;
  const target = tier.target;
  const who =
    target.kind === 'member'
      ? name(target.member)
      : target.kind === 'role'
        ? `role ${target.role}`
        : // The page goes to the service of PAGERDUTY_ROUTING_KEY; a key written in the plan is not echoed back.
          `PagerDuty page${target.schedule === undefined ? '' : ` (${target.schedule})`}${target.member === undefined ? '' : `, answered by ${name(target.member)}`}`;
  const delay =
    tier.delayMinutes === 0
      ? 'immediately'
      : `after ${formatMinutes(tier.delayMinutes)}, ${tier.businessHours ? businessTime(plan, tier) : 'any time (nights and weekends too)'}`;
  const label = tier.label === undefined ? '' : `${tier.label}: `;
  return `${label}${who}, ${delay}${tier.channel === undefined ? '' : ` via ${tier.channel}`}`;
}

/** Whose business hours a delay counts in: the person's own zone when the plan gives one. */
function businessTime(plan: Plan, tier: PlanLadderTier): string {
  const person = tier.target.kind === 'member' ? matchMember(plan.members, tier.target.member)?.member : undefined;
  const where = person?.timezone ? `${person.timezone}, ${person.name}'s own time zone` : plan.timezone;
  const { start, end } = DEFAULT_BUSINESS_HOURS;
  return `counted in business hours (${start}–${end} ${formatDays(plan.workingDays)}, ${where})`;
}

function formatMinutes(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return minutes > 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

function rulesLine(plan: Plan): string {
  const { rules } = plan;
  const to =
    rules.slipEscalatesTo === undefined
      ? ''
      : ` escalate to ${matchMember(plan.members, rules.slipEscalatesTo)?.member.name ?? rules.slipEscalatesTo}`;
  const parts = [`slips over ${rules.slipThresholdBusinessDays} business day(s)${to}`];
  if (rules.pushDependantsToBuffer) parts.push('dependants of a slipped task move to the next buffer day');
  if (rules.rebaselineWhenCriticalSlips !== undefined)
    parts.push(`re-baseline when ${rules.rebaselineWhenCriticalSlips} critical-path tasks slip together`);
  return parts.join('; ');
}
