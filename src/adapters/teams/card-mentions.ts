import { replaceMentions, plainMention, renderMentions } from '../../service/messages/mentions.js';
import { stripControls } from '../../service/messages/message-safety.js';
import type { Message, MessageBlock, MessageMention } from '../../service/messages/message.js';
import type { AdaptiveCardJson, MentionEntityJson } from './card-json.js';

/**
 * At most this many people are notified by one card; the rest keep their plain `@Name`. Each
 * entity costs its share of the card's size budget, and a stand-up naming more people than this
 * is read, not answered name by name.
 */
export const MAX_CARD_MENTIONS = 50;

/** `<at>Name</at>`: the name without anything that would end the tag early. */
export function atText(name: string): string {
  return `<at>${stripControls(name).replace(/[<>]/g, '')}</at>`;
}

function shownStrings(message: Message): string[] {
  const strings = [message.text];
  const add = (block: MessageBlock) => {
    if (block.type === 'header' || block.type === 'section' || block.type === 'context') strings.push(block.text);
    else if (block.type === 'list') strings.push(...block.items);
  };
  message.blocks.forEach(add);
  return strings;
}

/**
 * The message with each mention of a member linked on Teams as `<at>Name</at>` in formatted text
 * (where Teams notifies), and `@Name` everywhere else and for members not linked on Teams; plus
 * the entities the card must carry for those `<at>` to notify. Only mentions the text still shows
 * (not cut away by a limit) are counted against MAX_CARD_MENTIONS.
 */
export function teamsMentions(message: Message): { message: Message; entities: MentionEntityJson[] } {
  const mentions = message.mentions ?? [];
  if (mentions.length === 0) return { message, entities: [] };
  const shown = shownStrings(message);
  const notified = mentions
    .filter((m) => m.teams && shown.some((text) => text.includes(m.text)))
    .slice(0, MAX_CARD_MENTIONS);
  const notifiedTexts = new Set(notified.map((m) => m.text));
  const inText = (m: MessageMention) => (notifiedTexts.has(m.text) && m.teams ? atText(m.name) : plainMention(m));
  const entities = notified.map((m): MentionEntityJson => ({
    type: 'mention',
    text: atText(m.name),
    mentioned: { id: m.teams!, name: m.name },
  }));
  return { message: renderMentions(message, inText, plainMention), entities };
}

/** Plain text naming members as `@Name` (notification lines, where Teams draws no mention). */
export function plainMentions(text: string, message: Message): string {
  return replaceMentions(text, message.mentions ?? [], plainMention);
}

/**
 * The card with only the entities whose `<at>` text is still in a TextBlock: fitting the card to
 * the size limit may have left some out, and an entity with no text to attach to has no use.
 */
export function withUsedEntities(card: AdaptiveCardJson, entities: readonly MentionEntityJson[]): AdaptiveCardJson {
  if (entities.length === 0) return card;
  const { msteams: _measured, ...bare } = card;
  const texts = card.body.flatMap((element) => (element.type === 'TextBlock' ? [element.text] : []));
  const used = entities.filter((entity) => texts.some((text) => text.includes(entity.text)));
  return used.length === 0 ? bare : { ...bare, msteams: { entities: used } };
}
