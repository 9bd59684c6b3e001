import type { ChatPlatform } from '../read-model/platform.js';
import type { SenderJson } from './sender.js';

/** A queued message that reached its platform: the outbox row as the sender recorded it. */
export interface DeliveredMessage {
  idempotencyKey: string;
  target: string;
  payload: SenderJson;
  sentAt: Date | null;
}

/**
 * What the service and the adapters may ask of messages already delivered. An adapter that
 * needs a message back (the card a Teams click came from, the prompt a Slack thread answers)
 * asks here instead of reading the outbox table, so the table's shape stays the store's business.
 */
export interface DeliveredMessages {
  /** The newest message posted as `platformRef` (a Slack ts, a Teams activity id), to one of `targets` when given. */
  byPlatformRef(
    platform: ChatPlatform,
    platformRef: string,
    targets?: readonly string[],
  ): Promise<DeliveredMessage | null>;
  /** The newest message sent to `target` at or after `since` whose idempotency key starts with `keyPrefix`. */
  latestSentTo(
    platform: ChatPlatform,
    target: string,
    since: Date,
    keyPrefix: string,
  ): Promise<DeliveredMessage | null>;
}
