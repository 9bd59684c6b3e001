import type { DeliveryPlatform } from '../read-model/platform.js';
import type { SenderJson } from './sender.js';

/** A queued message handed to one dispatcher for delivery, leased to it until the lease runs out. */
export interface ClaimedMessage {
  id: string;
  idempotencyKey: string;
  platform: DeliveryPlatform;
  target: string;
  payload: SenderJson;
  /** Tries started so far, this one included. */
  attempts: number;
  parentKey: string | null;
  /** The parent's platform reference; null when there is no parent or it can never get one. */
  parentRef: string | null;
  /** Why a child with no `parentRef` was handed out anyway: its parent was parked or never queued. */
  parentProblem: 'parked' | 'missing' | null;
  /** The workspace's id on its platform (Slack team id, Teams tenant id); null for messages queued without one. */
  workspace: string | null;
  /** planbot was uninstalled from that workspace: there is no token to send with, so the dispatcher parks it. */
  workspaceUninstalled: boolean;
  /** When the message was queued (database time). */
  createdAt: Date;
}

/**
 * Identifies the claim a result belongs to. Every write is fenced on it: if our lease ran out and
 * another dispatcher re-claimed the message (attempts moved on), a late result from us changes
 * nothing and the caller learns it lost the lease (the write returns false / leaves the id out).
 */
export interface OutboxLease {
  id: string;
  attempts: number;
}

/** A delivery to record: the claim, the platform reference, and where the platform put it when not in `target`. */
export interface OutboxDelivery extends OutboxLease {
  ref: string;
  /** The conversation the message landed in (a Slack DM's D… id for a user-id target). */
  channel?: string;
}

/**
 * What the dispatcher needs of the outbox: take due messages, then record what became of each.
 * `src/store` implements it on the database; the decisions (retry, park, back off) stay with the
 * dispatcher so every platform gets the same ones.
 */
export interface Outbox {
  /**
   * Takes up to `limit` due messages for `platforms` and leases them until `now + leaseMs`.
   * Dispatchers get disjoint batches; at most one message per target, the oldest undelivered
   * one, so a batch can be sent concurrently without breaking a conversation's order. A thread
   * reply comes only once its parent has a platform reference or can never get one.
   */
  claimDeliverable(options: {
    now: Date;
    limit: number;
    leaseMs: number;
    platforms: readonly DeliveryPlatform[];
  }): Promise<ClaimedMessage[]>;
  /** Records a delivery, its platform reference and channel; false if the lease was lost. */
  markSent(delivery: OutboxDelivery, sentAt: Date): Promise<boolean>;
  /** markSent for many in one round trip; returns the ids recorded (the others had lost their lease). */
  markSentMany(deliveries: readonly OutboxDelivery[], sentAt: Date): Promise<Set<string>>;
  /** Back to pending for another try at `nextAttemptAt`. `refundAttempt` when the try was not the message's fault (429). */
  reschedule(
    lease: OutboxLease,
    retry: { nextAttemptAt: Date; lastError: string; refundAttempt?: boolean },
  ): Promise<boolean>;
  /** Gives up on a message, keeping `reason` for whoever looks at it. */
  park(lease: OutboxLease, reason: string): Promise<boolean>;
  /** Pushes every pending message to `target` to at least `until` (a 429 on a channel applies to all of it); returns how many moved. */
  holdTargetUntil(target: string, until: Date): Promise<number>;
}
