import { stripControls } from '../../service/messages/message-safety.js';
import type { ContextBlock, KnownBlock } from '@slack/types';
import { mrkdwnWithin } from './mrkdwn.js';
import { SETTLED_BLOCK_SUFFIX } from './slack-ids.js';
import { SLACK_LIMITS } from './slack-limits.js';

function outcomeBlock(blockId: string, outcome: string): ContextBlock {
  return {
    type: 'context',
    // A changed block gets a new id (Slack's advice for updated messages); the suffix keeps it traceable.
    block_id: `${blockId}${SETTLED_BLOCK_SUFFIX}`.slice(0, SLACK_LIMITS.blockId),
    // The outcome is a reply's text, which no renderer cleaned (displaySafe): strip controls here.
    elements: [{ type: 'mrkdwn', text: mrkdwnWithin(stripControls(outcome), SLACK_LIMITS.contextText) }],
  };
}

/**
 * The message after a button was used, for `chat.update` / `respond({ replace_original: true })`:
 * the clicked actions block becomes a line with the outcome ("✅ Acknowledged by <@U1> at 14:05"),
 * so nobody clicks it twice and the thread shows who did what; every other block, including the
 * other blockers' buttons in a triage thread, is returned exactly as it was.
 *
 * `outcome` is neutral text (mrkdwn emphasis, planbot mentions) and is escaped here. The blocks
 * come back from Slack as they were posted and are not touched. If the clicked block is no longer
 * there (the message changed meanwhile), the outcome is added at the end so it is still seen.
 * Pure: the Bolt app does the Web API call.
 */
export function settleAction(blocks: readonly KnownBlock[], actionBlockId: string, outcome: string): KnownBlock[] {
  const settled = outcomeBlock(actionBlockId, outcome);
  // The clicked row, or its outcome line when a stale copy of the message was clicked again
  // (block_ids must stay unique, so the line is replaced rather than added twice).
  const index = blocks.findIndex(
    (block) => (block.block_id === actionBlockId && block.type === 'actions') || block.block_id === settled.block_id,
  );
  if (index >= 0) return blocks.map((block, at) => (at === index ? settled : block));
  // At the block limit the last block gives way: one more would have the whole update refused.
  if (blocks.length >= SLACK_LIMITS.messageBlocks) return [...blocks.slice(0, SLACK_LIMITS.messageBlocks - 1), settled];
  return [...blocks, settled];
}
