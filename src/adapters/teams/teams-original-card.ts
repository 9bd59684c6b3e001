import type { Message } from '../../service/messages/message.js';
import type { DeliveredMessages } from '../../service/ports/delivered-messages.js';
import { asMessage } from './outbound-activity.js';

/**
 * The message a clicked card was rendered from. An `adaptiveCard/action` invoke names the card's
 * activity (`replyToId`) but does not carry the card, so the delivered message the sender recorded
 * that activity id on is read back. `targets` (the conversation, the clicking user for a DM) keep the
 * lookup on the outbox's target index and inside the conversation the click came from.
 */
export async function findOriginalMessage(
  delivered: DeliveredMessages,
  activityId: string | undefined,
  targets: string[],
): Promise<Message | undefined> {
  if (!activityId || targets.length === 0) return undefined;
  const original = await delivered.byPlatformRef('teams', activityId, targets);
  return original ? asMessage(original.payload) : undefined;
}
