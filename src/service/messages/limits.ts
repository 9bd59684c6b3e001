import { clampText as clampToLimit } from '../../domain/text-clamp.js';
import type { Message, MessageBlock, MessageKind } from './message.js';

/**
 * Block Kit limits. Adapters render blocks 1:1, so a composer that exceeded them would have its
 * message refused by Slack (`invalid_blocks`) and never delivered; we stay inside them here.
 */
export const MAX_BLOCKS = 50;
export const MAX_TEXT = 3000;
export const MAX_HEADER = 150;
export const MAX_FIELDS = 10;
export const MAX_FIELD_TEXT = 2000;
export const MAX_ACTIONS = 25;
export const MAX_BUTTON_LABEL = 75;
/** What a list item costs once rendered: a bullet and a line break. */
const LIST_ITEM_OVERHEAD = 3;

/** Cut to `max` characters with `…`, never splitting an emoji or other grapheme cluster (domain/text-clamp.ts). */
export function clampText(text: string, max: number = MAX_TEXT): string {
  return clampToLimit(text, max);
}

/**
 * `a, b and c`, or `a, b and 12 more` once `max` characters are reached: mention lists can be
 * thousands of names long and must still fit one text.
 */
export function joinWithin(items: readonly string[], max: number = MAX_TEXT): string {
  // Room for the longest tail we add (" and 99999 more"), so the result never passes `max`.
  const reserve = 20;
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    if (shown.length > 0 && length + item.length + 2 + reserve > max) {
      return `${shown.join(', ')} and ${items.length - shown.length} more`;
    }
    shown.push(clampText(item, max - reserve));
    length += item.length + 2;
  }
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
}

function splitList(items: readonly string[]): MessageBlock[] {
  const blocks: MessageBlock[] = [];
  let current: string[] = [];
  let length = 0;
  for (const raw of items) {
    const item = clampText(raw, MAX_TEXT - LIST_ITEM_OVERHEAD);
    if (current.length > 0 && length + item.length + LIST_ITEM_OVERHEAD > MAX_TEXT) {
      blocks.push({ type: 'list', items: current });
      current = [];
      length = 0;
    }
    current.push(item);
    length += item.length + LIST_ITEM_OVERHEAD;
  }
  if (current.length > 0) blocks.push({ type: 'list', items: current });
  return blocks;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Brings each block inside the per-block limits; a long list or many fields become several blocks. */
export function withinBlockLimits(blocks: readonly MessageBlock[]): MessageBlock[] {
  return blocks.flatMap((block): MessageBlock[] => {
    switch (block.type) {
      case 'header':
        return [{ type: 'header', text: clampText(block.text, MAX_HEADER) }];
      case 'section':
      case 'context':
        return [{ type: block.type, text: clampText(block.text) }];
      case 'list':
        return splitList(block.items);
      case 'fields':
        return chunk(block.fields, MAX_FIELDS).map((fields) => ({
          type: 'fields' as const,
          fields: fields.map((field) => ({
            label: clampText(field.label, MAX_FIELD_TEXT),
            value: clampText(field.value, MAX_FIELD_TEXT),
          })),
        }));
      case 'actions':
        return chunk(block.actions, MAX_ACTIONS).map((actions) => ({
          type: 'actions' as const,
          actions: actions.map((action) => ({ ...action, label: clampText(action.label, MAX_BUTTON_LABEL) })),
        }));
      case 'divider':
        return [block];
    }
  });
}

export interface FitOptions {
  /** Blocks before the variable part (header, intro). */
  head: readonly MessageBlock[];
  /** One group per entry (an owner, a blocker); a group is kept or dropped whole. */
  groups: readonly (readonly MessageBlock[])[];
  /** Blocks after the variable part (questions, buttons). */
  tail?: readonly MessageBlock[];
  /** The one line standing in for the groups that did not fit (`hidden` = how many). */
  summarise: (hidden: number, shown: number) => string;
  /** Show at most this many groups even when more would fit: a thread stays readable. */
  maxGroups?: number;
}

/**
 * Keeps whole groups while they fit in MAX_BLOCKS (leaving room for one summary line) and says
 * how many were left out, so a reader never sees half an entry or silently misses some.
 */
export function fitGroups(options: FitOptions): MessageBlock[] {
  const head = withinBlockLimits(options.head);
  const tail = withinBlockLimits(options.tail ?? []);
  const groups = options.groups.map((group) => withinBlockLimits(group));
  const cap = options.maxGroups ?? Number.POSITIVE_INFINITY;
  const total = groups.reduce((sum, group) => sum + group.length, 0);
  if (groups.length <= cap && head.length + total + tail.length <= MAX_BLOCKS) {
    return [...head, ...groups.flat(), ...tail];
  }
  const budget = MAX_BLOCKS - head.length - tail.length - 1;
  const kept: MessageBlock[] = [];
  let shown = 0;
  for (const group of groups) {
    if (shown >= cap || kept.length + group.length > budget) break;
    kept.push(...group);
    shown += 1;
  }
  const summary: MessageBlock = { type: 'context', text: clampText(options.summarise(groups.length - shown, shown)) };
  return [...head, ...kept, summary, ...tail];
}

/**
 * Builds the Message with every limit enforced: composers summarise on purpose (fitGroups), and
 * this is the net for anything they did not foresee, cutting at the block limit with a note.
 */
export function composeMessage(
  kind: MessageKind,
  text: string,
  blocks: readonly MessageBlock[] = [{ type: 'section', text }],
  options: { ephemeral?: boolean } = {},
): Message {
  let fitted = withinBlockLimits(blocks);
  if (fitted.length > MAX_BLOCKS) {
    fitted = [
      ...fitted.slice(0, MAX_BLOCKS - 1),
      { type: 'context', text: 'Part of this message was left out to fit the chat limits.' },
    ];
  }
  return { kind, text: clampText(text), blocks: fitted, ...(options.ephemeral ? { ephemeral: true } : {}) };
}
