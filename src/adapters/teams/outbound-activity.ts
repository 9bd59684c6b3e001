import type { Message } from '../../service/messages/message.js';
import type { SenderJson } from '../../service/ports/sender.js';
import { toAdaptiveCard } from './adaptive-card.js';
import { clampFallback } from './card-fit.js';
import { plainMentions } from './card-mentions.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardJson } from './card-json.js';
import type { ImageAttachment } from './chart-attachment.js';

/** The message activity planbot posts: plain JSON, shaped as the Bot Connector's Activity. */
export interface OutboundActivity {
  type: 'message';
  /**
   * The notification and chat-list line. Teams draws `text` above a card as well, so a card
   * message carries its plain text here instead, and the card has its own fallbackText.
   */
  summary: string;
  /** The card first; then any image that goes with it (a memo's chart). */
  attachments: [{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCardJson }, ...ImageAttachment[]];
}

/** An outbox payload for Teams is a neutral Message (what PlanService and the scheduler queue). */
export function asMessage(payload: SenderJson): Message | undefined {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const { kind, text, blocks } = payload;
  if (typeof kind !== 'string' || typeof text !== 'string' || !Array.isArray(blocks)) return undefined;
  return payload as unknown as Message;
}

export function toOutboundActivity(message: Message): OutboundActivity {
  return {
    type: 'message',
    summary: clampFallback(plainText(plainMentions(message.text, message))),
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: toAdaptiveCard(message) }],
  };
}

// Slack-style emphasis and code spans would show as stray `*`, `_` and backticks in a notification.
function plainText(text: string): string {
  return text
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]*?[^\s*])\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w_])_(?!\s)([^_\n]*?[^\s_])_(?![\w_])/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
