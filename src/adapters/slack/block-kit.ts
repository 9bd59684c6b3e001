import type { KnownBlock } from '@slack/types';
import { renderMentions } from '../../service/messages/mentions.js';
import { displaySafe } from '../../service/messages/message-safety.js';
import type { Message, MessageKind } from '../../service/messages/message.js';
import { renderBlock, type Rendered } from './block-render.js';
import { mrkdwnWithin } from './mrkdwn.js';
import { MESSAGE_BLOCK_PREFIX } from './slack-ids.js';
import { fitMessage } from './message-fit.js';
import { FALLBACK_TEXT_MAX } from './slack-limits.js';

export interface SlackMessage {
  /** Notification / screen-reader line (escaped mrkdwn). */
  text: string;
  blocks: KnownBlock[];
}

/** The block_id of the block at `index` in a rendered message. */
export function messageBlockId(index: number): string {
  return `${MESSAGE_BLOCK_PREFIX}${index}`;
}

// Kinds whose full list lives behind `/plan blockers`; everything else is summarised by `/plan status`.
const BLOCKER_KINDS: ReadonlySet<MessageKind> = new Set(['triage', 'escalation', 'escalation_resolved']);

function fullListCommand(message: Message): string {
  const aboutBlockers =
    BLOCKER_KINDS.has(message.kind) ||
    message.blocks.some(
      (block) => block.type === 'actions' && block.actions.some((action) => action.id.startsWith('blocker_')),
    );
  return aboutBlockers ? '/plan blockers' : '/plan status';
}

function summaryLine(hiddenItems: number, command: string): Rendered {
  const what = hiddenItems === 1 ? '1 more item' : `${hiddenItems} more items`;
  return {
    block: {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${what} — run \`${command}\` for the full list` }],
    },
    items: 0,
  };
}

/**
 * A neutral Message as a Slack message: Block Kit blocks within every Block Kit limit, all user
 * text escaped, each block with a block_id stable for its position, and a short fallback text.
 * Too long a message keeps its first blocks and says how many items were left out (message-fit.ts).
 */
export function toSlackMessage(raw: Message): SlackMessage {
  // A member linked on Slack is named `<@U…>` (Slack notifies them); anyone else as plain `@Name`.
  const message = displaySafe(renderMentions(raw, (m) => (m.slack ? `<@${m.slack}>` : `@${m.name}`)));
  const command = fullListCommand(message);
  const own = message.blocks.flatMap(renderBlock);
  // A message without blocks is its text: shown in full as a section, not cut to a notification line.
  const body = own.length > 0 ? own : renderBlock({ type: 'section', text: message.text });
  const rendered = fitMessage(body, (hidden) => summaryLine(hidden, command));
  const blocks: KnownBlock[] = rendered.map((entry, index) => ({ ...entry.block, block_id: messageBlockId(index) }));
  const firstText = message.blocks.find((block) => block.type === 'section' || block.type === 'header');
  const source = message.text.trim() || (firstText && 'text' in firstText ? firstText.text : '') || 'planbot';
  return { text: mrkdwnWithin(source, FALLBACK_TEXT_MAX), blocks };
}
