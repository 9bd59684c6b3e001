import type { Message } from '../../service/messages/message.js';
import type { SenderJson } from '../../service/ports/sender.js';
import type { PrismaClient } from '../../store/database.js';
import { asMessage } from './outbound-activity.js';

/**
 * The message a clicked card was rendered from. An `adaptiveCard/action` invoke names the card's
 * activity (`replyToId`) but does not carry the card, so the outbox row the sender recorded that
 * activity id on is read back. `targets` (the conversation, the clicking user for a DM) keep the
 * lookup on the outbox's target index and inside the conversation the click came from.
 */
export async function findOriginalMessage(
  db: PrismaClient,
  activityId: string | undefined,
  targets: string[],
): Promise<Message | undefined> {
  if (!activityId || targets.length === 0) return undefined;
  const row = await db.outboxMessage.findFirst({
    where: { platform: 'teams', platformRef: activityId, target: { in: targets } },
    select: { payload: true },
    orderBy: { seq: 'desc' },
  });
  return row ? asMessage(row.payload as SenderJson) : undefined;
}
