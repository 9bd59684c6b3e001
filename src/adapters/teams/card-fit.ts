import type { AdaptiveCardJson } from './card-json.js';

/**
 * Teams refuses a message over about 28 KB, counting the whole activity. The card gets 24 KB so
 * the activity envelope (ids, conversation, channel data, the text fallback) always fits around it.
 */
export const MAX_CARD_BYTES = 24 * 1024;

export function cardBytes(card: AdaptiveCardJson): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function fitsTeams(card: AdaptiveCardJson, max: number = MAX_CARD_BYTES): boolean {
  return cardBytes(card) <= max;
}

/** The fallback text is only a notification line; a long one would only eat the card's budget. */
export const MAX_FALLBACK_TEXT = 500;

export function clampFallback(text: string): string {
  return text.length <= MAX_FALLBACK_TEXT ? text : `${text.slice(0, MAX_FALLBACK_TEXT - 1)}…`;
}
