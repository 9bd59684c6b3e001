import type { DeliveryPlatform } from '../service/read-model/platform.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ClaimedMessage, Outbox, OutboxDelivery, OutboxLease } from '../service/ports/outbox.js';
import type { SenderJson } from '../service/ports/sender.js';
import {
  claimDeliverableOutbox,
  holdTargetUntil,
  markOutboxSent,
  markOutboxSentMany,
  parkOutbox,
  rescheduleOutbox,
} from './outbox-repository.js';

/** The Outbox port on the outbox_message table; the SQL and why it is shaped so live in outbox-repository. */
export class PrismaOutbox implements Outbox {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDeliverable(options: {
    now: Date;
    limit: number;
    leaseMs: number;
    platforms: readonly DeliveryPlatform[];
  }): Promise<ClaimedMessage[]> {
    const rows = await claimDeliverableOutbox(this.prisma, options);
    // The payload column holds what the service queued: a SenderJson Message or event.
    return rows.map((row) => ({ ...row, payload: row.payload as SenderJson }));
  }

  markSent(delivery: OutboxDelivery, sentAt: Date): Promise<boolean> {
    return markOutboxSent(this.prisma, delivery, sentAt);
  }

  markSentMany(deliveries: readonly OutboxDelivery[], sentAt: Date): Promise<Set<string>> {
    return markOutboxSentMany(this.prisma, deliveries, sentAt);
  }

  reschedule(
    lease: OutboxLease,
    retry: { nextAttemptAt: Date; lastError: string; refundAttempt?: boolean },
  ): Promise<boolean> {
    return rescheduleOutbox(this.prisma, lease, retry);
  }

  park(lease: OutboxLease, reason: string): Promise<boolean> {
    return parkOutbox(this.prisma, lease, reason);
  }

  holdTargetUntil(target: string, until: Date): Promise<number> {
    return holdTargetUntil(this.prisma, target, until);
  }
}
