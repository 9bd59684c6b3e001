import type { TimeOffRange } from '../../domain/member-availability.js';
import type { IsoDate } from '../../domain/types.js';
import type { Message, MessageBlock } from './message.js';
import { formatDate, taskLabel, type TaskRef } from './format.js';
import { composeMessage } from './limits.js';

/** `Thu 10 Dec`, or `Thu 10 Dec – Fri 11 Dec`. */
export function formatRange(range: TimeOffRange): string {
  return range.from === range.to ? formatDate(range.from) : `${formatDate(range.from)} – ${formatDate(range.to)}`;
}

export interface TimeOffReplyInput {
  /** "You" for the asker, else the member's name. */
  who: string;
  self: boolean;
  /** What changed, said first ("You are away Thu 10 Dec – Fri 11 Dec."); absent when only listing. */
  headline?: string;
  /** Time off still running or ahead. */
  ranges: readonly TimeOffRange[];
  /** Their open tasks due in the time off just set, to hand over. */
  dueWhileAway?: readonly (TaskRef & { dueDate: IsoDate })[];
}

/** The answer to `away` and `back`: what changed, the time off on record, and the work to hand over. */
export function timeOffReply(input: TimeOffReplyInput): Message {
  const blocks: MessageBlock[] = [];
  const their = input.self ? 'Your' : `${input.who}'s`;
  if (input.headline) blocks.push({ type: 'section', text: input.headline });
  if (input.ranges.length === 0) {
    blocks.push({
      type: 'section',
      text: `${their} time off: none on record. Set it with \`/plan away ${input.self ? '' : `"${input.who}" `}dec 10 to dec 12\` (one date: that day only).`,
    });
  } else {
    blocks.push({ type: 'section', text: `*${their} time off:*` });
    blocks.push({ type: 'list', items: input.ranges.map(formatRange) });
  }
  if (input.dueWhileAway !== undefined) {
    blocks.push(
      input.dueWhileAway.length === 0
        ? { type: 'section', text: `Nothing of ${input.self ? 'yours' : 'theirs'} is due while away.` }
        : {
            type: 'section',
            text: `*Due while away* (hand over or move; triage and the weekly memo flag them until then):`,
          },
    );
    if (input.dueWhileAway.length > 0)
      blocks.push({
        type: 'list',
        items: input.dueWhileAway.map((task) => `${taskLabel(task)} · due ${formatDate(task.dueDate)}`),
      });
  }
  const text = [input.headline, `${their} time off: ${input.ranges.map(formatRange).join(', ') || 'none'}.`]
    .filter(Boolean)
    .join(' ');
  return composeMessage('reply', text, blocks, { ephemeral: true });
}
