import { displaySafe } from '../../service/message-safety.js';
import type { Message, MessageAction, MessageBlock } from '../../service/message.js';
import { clampFallback, fitsTeams, MAX_CARD_BYTES } from './card-fit.js';
import { emptyCard, executeAction, type ActionSetJson, type ActionStyleJson, type AdaptiveCardJson, type CardElementJson, type TextBlockJson } from './card-json.js';
import { teamsMarkdown, textLines } from './card-markdown.js';

export type { AdaptiveCardJson } from './card-json.js';

/**
 * Teams draws at most a handful of buttons in a row and the adaptivecards host config allows 5 per
 * set (more is a validation failure), so longer action blocks become several sets.
 */
export const MAX_ACTIONS_PER_SET = 5;
/** Caps tried, in order, when a card is over the size limit: long lists shrink before anything is cut. */
const LIST_CAPS = [50, 20, 10, 5, 1] as const;
export const LEFT_OUT_NOTE = 'Part of this message was left out to fit the Teams card limit.';

const ACTION_STYLE: Record<NonNullable<MessageAction['style']>, ActionStyleJson> = { primary: 'positive', danger: 'destructive' };

interface RenderOptions {
  /** Items shown per list before "…and N more". */
  listCap: number;
}

function text(value: string, extra: Partial<TextBlockJson> = {}): TextBlockJson {
  return { type: 'TextBlock', text: teamsMarkdown(value), wrap: true, ...extra };
}

/** Several lines read as one paragraph: no gap between the blocks after the first. */
function lines(value: string, extra: Partial<TextBlockJson> = {}): TextBlockJson[] {
  return textLines(value).map((line, index) => text(line, index === 0 ? extra : { ...extra, spacing: 'None' }));
}

function actionSets(actions: readonly MessageAction[]): ActionSetJson[] {
  const sets: ActionSetJson[] = [];
  for (let start = 0; start < actions.length; start += MAX_ACTIONS_PER_SET) {
    sets.push({
      type: 'ActionSet',
      actions: actions.slice(start, start + MAX_ACTIONS_PER_SET).map((action) =>
        executeAction(action.label, action.id, { actionId: action.id, value: action.value }, action.style ? ACTION_STYLE[action.style] : undefined),
      ),
    });
  }
  return sets;
}

function listItems(items: readonly string[], cap: number): TextBlockJson[] {
  const shown = items.length > cap ? items.slice(0, cap) : items;
  const rendered = shown.map((item, index) => text(`• ${item.replace(/\s*\r?\n\s*/g, ' ')}`, index === 0 ? {} : { spacing: 'None' }));
  if (items.length > shown.length) rendered.push(text(`…and ${items.length - shown.length} more`, { spacing: 'None', isSubtle: true }));
  return rendered;
}

function renderBlock(block: MessageBlock, options: RenderOptions): CardElementJson[] {
  switch (block.type) {
    case 'header':
      return [text(block.text.replace(/\s*\r?\n\s*/g, ' '), { size: 'Large', weight: 'Bolder' })];
    case 'section':
      return lines(block.text);
    case 'context':
      return lines(block.text, { size: 'Small', isSubtle: true });
    case 'fields':
      return block.fields.length === 0
        ? []
        : [{ type: 'FactSet', facts: block.fields.map((field) => ({ title: teamsMarkdown(field.label), value: teamsMarkdown(field.value) })) }];
    case 'list':
      return listItems(block.items, options.listCap);
    case 'actions':
      return actionSets(block.actions);
    case 'divider':
      return [];
  }
}

function renderBody(blocks: readonly MessageBlock[], options: RenderOptions): CardElementJson[] {
  const body: CardElementJson[] = [];
  // A divider is a line above whatever comes next; a trailing one draws nothing.
  let separate = false;
  for (const block of blocks) {
    if (block.type === 'divider') {
      separate = body.length > 0;
      continue;
    }
    const elements = renderBlock(block, options);
    const first = elements[0];
    if (separate && first !== undefined) {
      elements[0] = { ...first, separator: true };
      separate = false;
    }
    body.push(...elements);
  }
  return body;
}

function render(message: Message, blocks: readonly MessageBlock[], options: RenderOptions): AdaptiveCardJson {
  const card = emptyCard(clampFallback(message.text));
  card.body = renderBody(blocks, options);
  // A card with an empty body renders as a blank box; the plain text is better than nothing.
  if (card.body.length === 0) card.body = lines(message.text);
  if (card.body.length === 0) card.body = [text('(no content)', { isSubtle: true })];
  return card;
}

/**
 * A neutral Message as an Adaptive Card (1.5). Buttons are Action.Execute with the neutral
 * ActionId as verb and an Action.Submit fallback, so card-action.ts reads both the same way.
 * Over the Teams size limit, long lists are summarised first; if that is not enough, the card keeps
 * the blocks that fit and says part was left out, rather than being refused by Teams.
 */
export function toAdaptiveCard(raw: Message, maxBytes: number = MAX_CARD_BYTES): AdaptiveCardJson {
  const message = displaySafe(raw);
  const full = render(message, message.blocks, { listCap: Number.POSITIVE_INFINITY });
  if (fitsTeams(full, maxBytes)) return full;
  for (const listCap of LIST_CAPS) {
    const summarised = render(message, message.blocks, { listCap });
    if (fitsTeams(summarised, maxBytes)) return summarised;
  }
  const note: MessageBlock = { type: 'context', text: LEFT_OUT_NOTE };
  const options = { listCap: 1 };
  let kept = 0;
  while (kept < message.blocks.length && fitsTeams(render(message, [...message.blocks.slice(0, kept + 1), note], options), maxBytes)) kept += 1;
  return render(message, [...message.blocks.slice(0, kept), note], options);
}
