import type { Message, MessageBlock } from './message.js';
import { rankedBlockerBlocks, type RankedBlockerView } from './blocker-entry.js';
import { formatDateTime, plural, type Instant } from './format.js';
import { composeMessage } from './limits.js';

/** A thread stays readable with about ten blockers in full; more go into the summary line. */
export const DEFAULT_TRIAGE_SHOWN = 10;

export interface TriageInput {
  planName: string;
  now: Instant;
  /** The plan's zone: the window's time is shown as the plan keeps it. */
  zone: string;
  /** Open and acknowledged blockers, most impact first (rankBlockersByImpact). */
  blockers: readonly RankedBlockerView[];
  maxShown?: number;
  /** Work due soon on a day its owner is on time off (away-due.ts lines), to hand over. */
  awayDue?: readonly string[];
}

function awayBlocks(awayDue: readonly string[] | undefined): MessageBlock[] {
  if (!awayDue || awayDue.length === 0) return [];
  return [
    { type: 'section', text: `*Due while the owner is away (${awayDue.length})* — hand over or move:` },
    { type: 'list', items: awayDue.slice(0, 20) },
  ];
}

export function triage(input: TriageInput): Message {
  const { blockers } = input;
  const title = `Blocker triage · ${input.planName}`;
  if (blockers.length === 0) {
    return composeMessage('triage', `${title}: no open blockers.`, [
      { type: 'header', text: title },
      { type: 'section', text: 'No open blockers right now. Nice work.' },
      ...awayBlocks(input.awayDue),
    ]);
  }
  const head = [
    { type: 'header' as const, text: title },
    {
      type: 'context' as const,
      text: `${formatDateTime(input.now, input.zone)} · ${plural(blockers.length, 'open blocker')}, most downstream impact first. Acknowledge one to take it and stop its escalation.`,
    },
  ];
  const blocks = rankedBlockerBlocks(head, blockers, {
    now: input.now,
    maxShown: input.maxShown ?? DEFAULT_TRIAGE_SHOWN,
    moreHint: '`/plan blockers`',
  });
  return composeMessage('triage', `${title}: ${plural(blockers.length, 'open blocker')}`, [
    ...blocks,
    ...awayBlocks(input.awayDue),
  ]);
}
