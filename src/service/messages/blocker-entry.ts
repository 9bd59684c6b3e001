import type { MessageBlock } from './message.js';
import { fitGroups, joinWithin, MAX_TEXT } from './limits.js';
import { formatDuration, plural, relativeDays, taskLabel, type Instant, type TaskRef } from './format.js';

/** One open blocker as triage and `/plan blockers` show it; the list arrives already ranked. */
export interface RankedBlockerView {
  /** Carried by the buttons. */
  id: string;
  /** What people type: `ack 12`. */
  number: number;
  summary: string;
  status: 'open' | 'acknowledged';
  /** The caller's mention string for the owner of the blocked task, or a plain name. */
  owner: string | null;
  task: TaskRef | null;
  openedAt: Instant;
  /** Unfinished transitive dependants of the blocked task. */
  dependants: number;
  /** The nearest milestone the blocked work feeds. */
  milestone: { name: string; daysUntil: number } | null;
  acknowledgedBy?: string | null;
}

export interface BlockerListOptions {
  now: Instant;
  /** Blockers shown in full with buttons; the rest are summarised in one line. */
  maxShown: number;
  /** Where the reader can see the rest, e.g. "`/plan blockers`". */
  moreHint?: string;
}

/** `#12 Waiting on GA4 keys (d3) · open 5 h`: one line, for memos and summaries. */
export function blockerLine(
  blocker: Pick<RankedBlockerView, 'number' | 'summary' | 'task' | 'openedAt'>,
  now: Instant,
): string {
  const task = blocker.task === null ? '' : ` (${blocker.task.key})`;
  return `#${blocker.number} ${blocker.summary}${task} · open ${formatDuration(blocker.openedAt, now)}`;
}

function impact(blocker: RankedBlockerView): string {
  const parts = [
    blocker.dependants > 0 ? `holds up ${plural(blocker.dependants, 'task')} downstream` : 'nothing downstream',
  ];
  if (blocker.milestone !== null) {
    parts.push(`threatens *${blocker.milestone.name}* ${relativeDays(blocker.milestone.daysUntil)}`);
  }
  return parts.join(' · ');
}

function entry(blocker: RankedBlockerView, rank: number, now: Instant): MessageBlock[] {
  const owner = blocker.owner === null ? 'no owner' : blocker.owner;
  const task = blocker.task === null ? 'no task' : taskLabel(blocker.task);
  const state =
    blocker.status === 'acknowledged'
      ? `acknowledged${blocker.acknowledgedBy ? ` by ${blocker.acknowledgedBy}` : ''}`
      : 'not acknowledged';
  const text = [
    `*${rank}. #${blocker.number}* ${blocker.summary}`,
    `${task} · ${owner} · open ${formatDuration(blocker.openedAt, now)} · ${state}`,
    impact(blocker),
  ].join('\n');
  return [
    { type: 'section', text },
    {
      type: 'actions',
      actions: [
        ...(blocker.status === 'open'
          ? [{ id: 'blocker_ack' as const, label: 'Acknowledge', value: blocker.id, style: 'primary' as const }]
          : []),
        { id: 'blocker_resolve', label: 'Resolve', value: blocker.id },
        { id: 'blocker_escalate', label: 'Escalate', value: blocker.id, style: 'danger' },
      ],
    },
  ];
}

/**
 * Ranked blockers between `head` and `tail`: the top ones in full with buttons, the rest named in
 * one line so nobody's blocker silently drops out of the thread.
 */
export function rankedBlockerBlocks(
  head: readonly MessageBlock[],
  blockers: readonly RankedBlockerView[],
  options: BlockerListOptions,
  tail: readonly MessageBlock[] = [],
): MessageBlock[] {
  return fitGroups({
    head,
    groups: blockers.map((blocker, index) => entry(blocker, index + 1, options.now)),
    tail,
    maxGroups: options.maxShown,
    summarise: (hidden) => {
      const rest = blockers
        .slice(blockers.length - hidden)
        .map((blocker) => `#${blocker.number}${blocker.task ? ` (${blocker.task.key})` : ''}`);
      const where = options.moreHint ? ` See ${options.moreHint}.` : '';
      return `…and ${plural(hidden, 'more blocker')} with less impact: ${joinWithin(rest, MAX_TEXT - 200)}.${where}`;
    },
  });
}
