import type { Rendered } from './block-render.js';
import { MESSAGE_SIZE_BUDGET, SLACK_LIMITS } from './slack-limits.js';

// Slack counts block structure against the cumulative limit too (a divider alone lowered it by
// ~125 characters in bolt-js #2509); charge each block this much on top of its text.
const BLOCK_OVERHEAD = 100;

/** Text Slack counts in a block: every string under `text` or `value`, however deep. */
function textLength(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + textLength(item), 0);
  if (node === null || typeof node !== 'object') return 0;
  let sum = 0;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'text' || key === 'value') && typeof value === 'string') sum += value.length;
    else sum += textLength(value);
  }
  return sum;
}

export function messageSize(rendered: readonly Rendered[]): number {
  return rendered.reduce((sum, entry) => sum + textLength(entry.block) + BLOCK_OVERHEAD, 0);
}

const fits = (rendered: readonly Rendered[]): boolean =>
  rendered.length <= SLACK_LIMITS.messageBlocks && messageSize(rendered) <= MESSAGE_SIZE_BUDGET;

const actionIds = (entry: Rendered): string[] =>
  entry.block.type === 'actions'
    ? entry.block.elements.map((element) => ('action_id' in element ? (element.action_id ?? '') : ''))
    : [];

/**
 * The message's own closing buttons ("Post update", Approve / Reject) are a last row whose actions
 * appear nowhere else; a last row like the others (each blocker's Acknowledge) is just an entry.
 */
function isClosingRow(last: Rendered, rendered: readonly Rendered[]): boolean {
  if (last.block.type !== 'actions') return false;
  const own = new Set(actionIds(last));
  return rendered.every((entry) => entry === last || actionIds(entry).every((id) => !own.has(id)));
}

/**
 * Over 50 blocks or over the size budget: the first blocks, one line saying how many items were
 * left out and where to find them (`summary(hidden)`), then the message's closing buttons, which
 * matter more than the 49th list entry. The cut never leaves an entry's text without its buttons
 * and never ends on a divider.
 */
export function fitMessage(rendered: readonly Rendered[], summary: (hiddenItems: number) => Rendered): Rendered[] {
  if (fits(rendered)) return [...rendered];
  const last = rendered.at(-1);
  const tail = last && isClosingRow(last, rendered) ? [last] : [];
  const body = rendered.slice(0, rendered.length - tail.length);
  const hidden = (keep: number): number => body.slice(keep).reduce((sum, entry) => sum + entry.items, 0);
  const candidate = (keep: number): Rendered[] => [...body.slice(0, keep), summary(hidden(keep)), ...tail];
  // "The first 48 blocks and a summary" when only the count is over; fewer when the size is.
  let keep = Math.min(body.length, SLACK_LIMITS.messageBlocks - 2 - tail.length);
  while (keep > 0 && !fits(candidate(keep))) keep -= 1;
  // Buttons belong to the text above them: drop both or keep both.
  while (keep > 0 && body[keep]?.block.type === 'actions') keep -= 1;
  while (keep > 0 && body[keep - 1]?.block.type === 'divider') keep -= 1;
  return candidate(keep);
}
