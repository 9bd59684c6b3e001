import type { IsoDate } from '../../domain/types.js';
import type { Message, MessageBlock } from './message.js';
import { blockerLine } from './blocker-entry.js';
import { formatDate, plural, taskLabel, type Instant, type TaskRef } from './format.js';
import { composeMessage, joinWithin, MAX_TEXT } from './limits.js';

export interface WeeklyMemoInput {
  planName: string;
  planVersion: number;
  week: { from: IsoDate; to: IsoDate };
  now: Instant;
  planned: readonly TaskRef[];
  done: readonly TaskRef[];
  slipped: readonly (TaskRef & { owner?: string | null })[];
  moved: readonly (TaskRef & { from: IsoDate; to: IsoDate })[];
  openBlockers: readonly { number: number; summary: string; task: TaskRef | null; openedAt: Instant }[];
  /** Set when the plan's re-baseline rule fires (shouldRebaseline). */
  rebaseline: { criticalSlipped: readonly TaskRef[]; threshold: number } | null;
  /** Work due in the week ahead on a day its owner is on time off (away-due.ts lines). */
  awayDue?: readonly string[];
}

// A memo section names at most this many entries; the count above it is always the full number.
const MAX_ITEMS = 40;

function section(title: string, items: readonly string[], empty: string): MessageBlock[] {
  if (items.length === 0) return [{ type: 'section', text: `*${title}:* ${empty}` }];
  const shown = items.slice(0, MAX_ITEMS);
  const more = items.length - shown.length;
  return [
    { type: 'section', text: `*${title} (${items.length})*` },
    { type: 'list', items: more > 0 ? [...shown, `…and ${more} more`] : shown },
  ];
}

/** The weekly variance memo against the baseline, with a re-baseline suggestion when the rule fires. */
export function weeklyMemo(input: WeeklyMemoInput): Message {
  const range = `${formatDate(input.week.from)} – ${formatDate(input.week.to)}`;
  const rate =
    input.planned.length === 0 ? 'nothing planned' : `${Math.round((input.done.length / input.planned.length) * 100)}%`;
  const blocks: MessageBlock[] = [
    { type: 'header', text: `Weekly memo · ${input.planName}` },
    { type: 'context', text: `${range} · plan version ${input.planVersion}` },
    {
      type: 'fields',
      fields: [
        { label: 'Planned', value: String(input.planned.length) },
        { label: 'Done', value: `${input.done.length} (${rate})` },
        { label: 'Slipped', value: String(input.slipped.length) },
        { label: 'Moved', value: String(input.moved.length) },
        { label: 'Open blockers', value: String(input.openBlockers.length) },
      ],
    },
  ];
  if (input.rebaseline !== null) {
    const keys = input.rebaseline.criticalSlipped.map((task) => task.key);
    const reason = `${plural(keys.length, 'critical-path task')} slipped together (${joinWithin(keys, MAX_TEXT - 400)}); the plan re-baselines at ${input.rebaseline.threshold}.`;
    blocks.push({
      type: 'section',
      text: `*Re-baseline suggested:* ${reason} Capture revised dates and re-import the plan rather than patching task by task.`,
    });
  }
  blocks.push(
    ...section(
      'Slipped',
      input.slipped.map((task) => `${taskLabel(task)}${task.owner ? ` · ${task.owner}` : ''}`),
      'none, nice.',
    ),
    ...section(
      'Moved',
      input.moved.map((move) => `${taskLabel(move)}: ${formatDate(move.from)} → ${formatDate(move.to)}`),
      'none.',
    ),
    ...(input.awayDue && input.awayDue.length > 0
      ? section('Due while the owner is away', input.awayDue, 'none.')
      : []),
    ...section(
      'Open blockers',
      input.openBlockers.map((blocker) => blockerLine(blocker, input.now)),
      'none.',
    ),
    ...section(
      'Done',
      input.done.map((task) => taskLabel(task)),
      'nothing yet.',
    ),
  );
  const text = `Weekly memo for ${input.planName} (${range}): ${input.done.length}/${input.planned.length} done, ${input.slipped.length} slipped${input.rebaseline ? ', re-baseline suggested' : ''}.`;
  return composeMessage('weekly_memo', text, blocks);
}
