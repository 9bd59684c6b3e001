import { clampText } from '../../domain/text-clamp.js';
import type { AdaptiveCardJson, CardElementJson } from './card-json.js';

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

/**
 * The serialised size of one card with different bodies, without serialising the whole card for
 * each: fitting an oversized card tries many bodies built from the same elements, and
 * re-serialising all of them per try was most of a Teams reply's CPU. The body array serialises as
 * `[e1,e2,…]`, so the size is the card's with an empty body, plus each element's (measured once
 * per element object), plus the commas between them. Equal to cardBytes of the same card.
 */
export class CardMeasure {
  private emptyBodyBytes: number | undefined;
  private readonly elementBytes = new WeakMap<CardElementJson, number>();

  /** `envelope`'s body is ignored: only its other keys are measured. */
  constructor(private readonly envelope: AdaptiveCardJson) {}

  bytes(body: readonly CardElementJson[]): number {
    this.emptyBodyBytes ??= cardBytes({ ...this.envelope, body: [] });
    let total = this.emptyBodyBytes + Math.max(0, body.length - 1);
    for (const element of body) {
      let size = this.elementBytes.get(element);
      if (size === undefined) {
        size = Buffer.byteLength(JSON.stringify(element), 'utf8');
        this.elementBytes.set(element, size);
      }
      total += size;
    }
    return total;
  }
}

/** The fallback text is only a notification line; a long one would only eat the card's budget. */
export const MAX_FALLBACK_TEXT = 500;

export function clampFallback(text: string): string {
  return clampText(text, MAX_FALLBACK_TEXT);
}
