import type { Message } from './message.js';
import { rankedBlockerBlocks, type RankedBlockerView } from './blocker-entry.js';
import { plural, type Instant } from './format.js';
import { composeMessage } from './limits.js';

export interface BlockersReplyInput {
  planName: string;
  now: Instant;
  /** Ranked, most impact first. */
  blockers: readonly RankedBlockerView[];
  /** A lead asked for the list: show as many as the limits allow. */
  maxShown?: number;
}

/** `/plan blockers`: the triage list on demand, only for the asker. */
export function blockersReply(input: BlockersReplyInput): Message {
  const { blockers } = input;
  if (blockers.length === 0) {
    return composeMessage(
      'reply',
      `No open blockers on ${input.planName}.`,
      [{ type: 'section', text: `No open blockers on *${input.planName}*.` }],
      {
        ephemeral: true,
      },
    );
  }
  const text = `${plural(blockers.length, 'open blocker')} on ${input.planName}, most downstream impact first.`;
  const blocks = rankedBlockerBlocks([{ type: 'section', text: `*${text}*` }], blockers, {
    now: input.now,
    maxShown: input.maxShown ?? Number.POSITIVE_INFINITY,
  });
  return composeMessage('reply', text, blocks, { ephemeral: true });
}
