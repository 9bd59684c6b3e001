import { displaySafe } from '../../service/messages/message-safety.js';
import type { Message, MessageAction, MessageBlock } from '../../service/messages/message.js';
import { CardMeasure, clampFallback, fitsTeams, MAX_CARD_BYTES } from './card-fit.js';
import {
  emptyCard,
  executeAction,
  type ActionSetJson,
  type ActionStyleJson,
  type AdaptiveCardJson,
  type CardElementJson,
  type MentionEntityJson,
  type TextBlockJson,
} from './card-json.js';
import { teamsMarkdown, textLines } from './card-markdown.js';
import { teamsMentions, withUsedEntities } from './card-mentions.js';

export type { AdaptiveCardJson } from './card-json.js';

/**
 * Teams draws at most a handful of buttons in a row and the adaptivecards host config allows 5 per
 * set (more is a validation failure), so longer action blocks become several sets.
 */
export const MAX_ACTIONS_PER_SET = 5;
/** Caps tried, in order, when a card is over the size limit: long lists shrink before anything is cut. */
const LIST_CAPS = [50, 20, 10, 5, 1] as const;
export const LEFT_OUT_NOTE = 'Part of this message was left out to fit the Teams card limit.';

const ACTION_STYLE: Record<NonNullable<MessageAction['style']>, ActionStyleJson> = {
  primary: 'positive',
  danger: 'destructive',
};

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
      actions: actions
        .slice(start, start + MAX_ACTIONS_PER_SET)
        .map((action) =>
          executeAction(
            action.label,
            action.id,
            { actionId: action.id, value: action.value },
            action.style ? ACTION_STYLE[action.style] : undefined,
          ),
        ),
    });
  }
  return sets;
}

function listItems(items: readonly string[], cap: number): TextBlockJson[] {
  const shown = items.length > cap ? items.slice(0, cap) : items;
  const rendered = shown.map((item, index) =>
    text(`• ${item.replace(/\s*\r?\n\s*/g, ' ')}`, index === 0 ? {} : { spacing: 'None' }),
  );
  if (items.length > shown.length)
    rendered.push(text(`…and ${items.length - shown.length} more`, { spacing: 'None', isSubtle: true }));
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
        : [
            {
              type: 'FactSet',
              facts: block.fields.map((field) => ({
                title: teamsMarkdown(field.label),
                value: teamsMarkdown(field.value),
              })),
            },
          ];
    case 'list':
      return listItems(block.items, options.listCap);
    case 'actions':
      return actionSets(block.actions);
    case 'divider':
      return [];
  }
}

/**
 * Renders one message's blocks for fitting: each block once per list cap that changes it, and each
 * separated element once. Fitting an oversized card tries every list cap and then every prefix of
 * the blocks; re-rendering (Teams markdown on every text) and re-measuring it all per try cost
 * milliseconds per card, so the tries share elements and CardMeasure their sizes.
 */
class BlockRenderer {
  readonly envelope: AdaptiveCardJson;
  readonly measure: CardMeasure;
  private readonly rendered = new Map<MessageBlock, Map<number, readonly CardElementJson[]>>();
  private readonly separated = new WeakMap<CardElementJson, CardElementJson>();
  private plainText: CardElementJson[] | undefined;

  constructor(
    private readonly message: Message,
    entities: readonly MentionEntityJson[] = [],
  ) {
    // The mention entities are measured with the envelope: fitting keeps room for all of them.
    const card = emptyCard(clampFallback(message.text));
    this.envelope = entities.length > 0 ? { ...card, msteams: { entities: [...entities] } } : card;
    this.measure = new CardMeasure(this.envelope);
  }

  card(body: CardElementJson[]): AdaptiveCardJson {
    return { ...this.envelope, body };
  }

  body(blocks: readonly MessageBlock[], listCap: number): CardElementJson[] {
    const body: CardElementJson[] = [];
    // A divider is a line above whatever comes next; a trailing one draws nothing.
    let separate = false;
    for (const block of blocks) {
      if (block.type === 'divider') {
        separate = body.length > 0;
        continue;
      }
      const elements = this.elements(block, listCap);
      if (elements.length === 0) continue;
      if (separate) {
        body.push(this.withSeparator(elements[0]!), ...elements.slice(1));
        separate = false;
      } else {
        body.push(...elements);
      }
    }
    if (body.length > 0) return body;
    // A card with an empty body renders as a blank box; the plain text is better than nothing.
    this.plainText ??= lines(this.message.text);
    return this.plainText.length > 0 ? [...this.plainText] : [text('(no content)', { isSubtle: true })];
  }

  private elements(block: MessageBlock, listCap: number): readonly CardElementJson[] {
    // A list no longer than the cap renders the same under any cap.
    const cap = block.type === 'list' && block.items.length > listCap ? listCap : Number.POSITIVE_INFINITY;
    let byCap = this.rendered.get(block);
    if (!byCap) this.rendered.set(block, (byCap = new Map()));
    let elements = byCap.get(cap);
    if (!elements) byCap.set(cap, (elements = renderBlock(block, { listCap: cap })));
    return elements;
  }

  private withSeparator(element: CardElementJson): CardElementJson {
    let separated = this.separated.get(element);
    if (!separated) this.separated.set(element, (separated = { ...element, separator: true }));
    return separated;
  }
}

/** One rendering of `blocks` with lists capped at `listCap`, without fitting: what each fitting try measures. */
export function renderCard(message: Message, blocks: readonly MessageBlock[], listCap: number): AdaptiveCardJson {
  const renderer = new BlockRenderer(message);
  return renderer.card(renderer.body(blocks, listCap));
}

/**
 * A neutral Message as an Adaptive Card (1.5). Buttons are Action.Execute with the neutral
 * ActionId as verb and an Action.Submit fallback, so card-action.ts reads both the same way.
 * Over the Teams size limit, long lists are summarised first; if that is not enough, the card keeps
 * the blocks that fit and says part was left out, rather than being refused by Teams. Members the
 * message names who are linked on Teams are `<at>` mentions with entities, so Teams notifies them.
 */
export function toAdaptiveCard(raw: Message, maxBytes: number = MAX_CARD_BYTES): AdaptiveCardJson {
  const { message, entities } = teamsMentions(displaySafe(raw));
  return withUsedEntities(fitCard(message, entities, maxBytes), entities);
}

function fitCard(message: Message, entities: readonly MentionEntityJson[], maxBytes: number): AdaptiveCardJson {
  const renderer = new BlockRenderer(message, entities);
  const full = renderer.card(renderer.body(message.blocks, Number.POSITIVE_INFINITY));
  // Most cards fit as they are, and one serialisation of the whole card is the cheapest check.
  if (fitsTeams(full, maxBytes)) return full;
  const fits = (body: readonly CardElementJson[]) => renderer.measure.bytes(body) <= maxBytes;
  for (const listCap of LIST_CAPS) {
    const summarised = renderer.body(message.blocks, listCap);
    if (fits(summarised)) return renderer.card(summarised);
  }
  const note: MessageBlock = { type: 'context', text: LEFT_OUT_NOTE };
  const listCap = 1;
  // Keeping one more block never shrinks the card (at most a separator moves from the note onto
  // it), so the longest prefix that fits is found by bisection.
  let kept = 0;
  let over = message.blocks.length + 1;
  while (over - kept > 1) {
    const middle = (kept + over) >>> 1;
    if (fits(renderer.body([...message.blocks.slice(0, middle), note], listCap))) kept = middle;
    else over = middle;
  }
  return renderer.card(renderer.body([...message.blocks.slice(0, kept), note], listCap));
}
