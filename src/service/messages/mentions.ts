import type { Message, MessageBlock, MessageMention } from './message.js';

/** A message with the members it names attached; members linked on no chat platform need nothing. */
export function withMentions(message: Message, mentions: readonly MessageMention[]): Message {
  const seen = new Set<string>();
  const linked = mentions.filter((m) => (m.slack || m.teams) && m.text !== '' && !seen.has(m.text) && seen.add(m.text));
  return linked.length === 0 ? message : { ...message, mentions: [...(message.mentions ?? []), ...linked] };
}

/** What a mention becomes where it is shown; `plainMention` when the platform cannot notify them. */
export type MentionRender = (mention: MessageMention) => string;

export const plainMention: MentionRender = (mention) => `@${mention.name}`;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces each mention's text in `text` in one pass, longest first, so `@Sam` never eats the
 * start of `@Sam Lee`; a name ending in a letter or digit must not run on into another word.
 */
export function replaceMentions(text: string, mentions: readonly MessageMention[], render: MentionRender): string {
  if (mentions.length === 0 || text === '') return text;
  const byText = new Map(mentions.map((m) => [m.text, m]));
  const alternatives = [...byText.keys()]
    .sort((a, b) => b.length - a.length)
    .map((token) => `${escapeRegExp(token)}${/[\p{L}\p{N}_]$/u.test(token) ? '(?![\\p{L}\\p{N}_])' : ''}`);
  const pattern = new RegExp(alternatives.join('|'), 'gu');
  return text.replace(pattern, (token) => render(byText.get(token)!));
}

/**
 * Every shown string of a message with its mentions rendered: `inText` for text a platform
 * renders as formatted text (sections, lists, headers, context), `plain` for the rest (the
 * notification text, field labels and values, button labels), which can name a person but not
 * notify them on every platform.
 */
export function renderMentions(message: Message, inText: MentionRender, plain: MentionRender = inText): Message {
  const mentions = message.mentions ?? [];
  if (mentions.length === 0) return message;
  const rich = (text: string) => replaceMentions(text, mentions, inText);
  const flat = (text: string) => replaceMentions(text, mentions, plain);
  const block = (b: MessageBlock): MessageBlock => {
    switch (b.type) {
      case 'header':
      case 'section':
      case 'context':
        return { ...b, text: rich(b.text) };
      case 'list':
        return { ...b, items: b.items.map(rich) };
      case 'fields':
        return { ...b, fields: b.fields.map((f) => ({ label: flat(f.label), value: flat(f.value) })) };
      case 'actions':
        return { ...b, actions: b.actions.map((a) => ({ ...a, label: flat(a.label) })) };
      case 'divider':
        return b;
    }
  };
  return { ...message, text: flat(message.text), blocks: message.blocks.map(block) };
}
