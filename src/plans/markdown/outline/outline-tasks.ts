import { slugify } from '../../plan-keys.js';
import type { DraftTask, ImportContext } from '../import-context.js';
import type { EventOffset } from '../when/event-offset.js';
import { formatOffset, offsetDays } from '../when/event-offset.js';
import type { WhenContext } from '../when/when-text.js';
import type { PlacedWhen, TaskCandidate } from './task-candidate.js';
import { placeWhen } from './task-candidate.js';

interface Placed {
  task: DraftTask;
  offset?: EventOffset;
}

/**
 * Turns the outline reader's candidates into plan tasks. Dates, plan days and weeks are kept as
 * written; times counted from an event ("T-3d", "8-9 months before") are kept as written too and
 * also laid on plan days, the earliest becoming day 1, so they can be scheduled once a start is set.
 */
export function addOutlineTasks(
  ctx: ImportContext,
  candidates: readonly TaskCandidate[],
  when: WhenContext,
  eventDate?: string,
): void {
  const placed: Placed[] = [];
  const zones = new Map<string, number>();
  let undated = 0;
  for (const candidate of candidates) {
    const at = placeWhen(candidate);
    const task: DraftTask = {
      key: ctx.keys.unique(slugify(candidate.title, 'task')),
      title: cleanTitle(candidate.title),
      line: candidate.line,
      dependsOn: [],
      dependencies: [],
      checklist: candidate.checklist.map(cleanTitle).filter((t) => t !== ''),
      critical: false,
      buffer: false,
    };
    if (task.title === '') continue;
    schedule(task, at, when);
    if (
      eventDate !== undefined &&
      at.offset === undefined &&
      task.date === undefined &&
      task.day === undefined &&
      task.week === undefined
    )
      task.date = eventDate;
    if (at.time !== undefined) task.time = at.time;
    if (at.zone !== undefined) zones.set(at.zone, (zones.get(at.zone) ?? 0) + 1);
    if (candidate.owner !== undefined) {
      const owner = ctx.members.owner(cleanTitle(candidate.owner), candidate.line);
      if (owner !== undefined) task.owner = owner;
    }
    if (candidate.stream !== undefined) task.stream = cleanTitle(candidate.stream);
    if (candidate.priority !== undefined) task.priority = candidate.priority;
    if (candidate.effort !== undefined) task.effort = candidate.effort;
    if (task.date === undefined && task.day === undefined && task.week === undefined && at.offset === undefined)
      undated += 1;
    placed.push({
      task,
      ...(at.offset === undefined || task.date !== undefined || task.day !== undefined || task.week !== undefined
        ? {}
        : { offset: at.offset }),
    });
  }
  layOffsets(placed);
  for (const { task } of placed) ctx.addTask(task);
  if (undated > 0) {
    const first =
      placed.find((p) => p.task.date === undefined && p.task.day === undefined && p.task.week === undefined)?.task
        .line ?? 1;
    ctx.warn(
      first,
      `${undated} task(s) have no date, day or week in the document; they are due by the plan's last day`,
    );
  }
  const zone = [...zones.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (zone !== undefined && ctx.timezone === undefined)
    ctx.timezone = { value: { zone, written: zone }, line: placed[0]?.task.line ?? 1 };
}

function schedule(task: DraftTask, at: PlacedWhen, when: WhenContext): void {
  const inSpan =
    at.weekday === undefined || at.span === undefined ? undefined : weekdayInSpan(at.weekday, at.span, when.year);
  if (at.date !== undefined && (at.ownDate === true || inSpan === undefined)) task.date = at.date;
  else if (inSpan !== undefined) task.date = inSpan;
  else if (at.monthDay !== undefined && when.year !== undefined)
    task.date = `${when.year}-${pad(at.monthDay.month)}-${pad(at.monthDay.day)}`;
  else if (at.day !== undefined) {
    task.day = at.day;
    if (at.dayTo !== undefined && at.dayTo > at.day) task.durationDays = at.dayTo - at.day + 1;
  } else if (at.weekday !== undefined && at.offset === undefined) {
    // "## Friday" in an undated week: that weekday of the plan's first week (or of its "Week N").
    task.day = ((at.week ?? 1) - 1) * 7 + ((at.weekday - (when.startWeekday ?? 1) + 7) % 7) + 1;
  } else if (at.week !== undefined) task.week = at.week;
}

/** Offsets become plan days (or weeks, when every offset is in weeks): the earliest is day 1. */
function layOffsets(placed: readonly Placed[]): void {
  const withOffset = placed.filter((p): p is Required<Placed> => p.offset !== undefined);
  if (withOffset.length === 0) return;
  const byWeek = withOffset.every(
    (p) => p.offset.from.unit === 'w' && (p.offset.to === undefined || p.offset.to.unit === 'w'),
  );
  const earliest = Math.min(...withOffset.map((p) => offsetDays(p.offset.from)));
  const earliestWeek = Math.min(...withOffset.map((p) => p.offset.from.value));
  for (const { task, offset } of withOffset) {
    task.offset = formatOffset(offset);
    if (byWeek) task.week = offset.from.value - earliestWeek + 1;
    else task.day = Math.floor(offsetDays(offset.from) - earliest) + 1;
  }
}

/** "Saturday" in the week of 10/14 - 10/20: the one date in that span on that weekday. */
function weekdayInSpan(
  weekday: number,
  span: NonNullable<PlacedWhen['span']>,
  year: number | undefined,
): string | undefined {
  const fromYear = span.from.year ?? year;
  if (fromYear === undefined) return undefined;
  const start = Date.UTC(fromYear, span.from.month - 1, span.from.day);
  for (let i = 0; i < 7; i += 1) {
    const date = new Date(start + i * 86_400_000);
    if (((date.getUTCDay() + 6) % 7) + 1 !== weekday) continue;
    const end = Date.UTC(
      span.to.year ?? (span.to.month < span.from.month ? fromYear + 1 : fromYear),
      span.to.month - 1,
      span.to.day,
    );
    return date.getTime() <= end ? date.toISOString().slice(0, 10) : undefined;
  }
  return undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Titles as people read them: no stray separators or trailing colons. */
function cleanTitle(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–—:;,.]+|[\s\-–—:;,]+$/g, '')
    .trim();
}
