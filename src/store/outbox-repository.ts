import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { ChatPlatform } from '../generated/prisma/enums.js';

type Db = Pick<PrismaClient, 'outboxMessage'>;

export interface OutboxDraft {
  idempotencyKey: string;
  platform: ChatPlatform;
  target: string;
  payload: Prisma.InputJsonValue;
  workspaceId?: string;
  parentKey?: string;
  notBefore: Date;
}

/** Queues a message once: enqueueing the same idempotency key again is a no-op. Returns whether it was new. */
export async function enqueueOutbox(db: Db, draft: OutboxDraft): Promise<boolean> {
  const { notBefore, ...rest } = draft;
  const { count } = await db.outboxMessage.createMany({ data: [{ ...rest, nextAttemptAt: notBefore }], skipDuplicates: true });
  return count === 1;
}

export interface ClaimedOutboxMessage {
  id: string;
  idempotencyKey: string;
  attempts: number;
}

/**
 * Takes up to `limit` due messages for delivery and leases them until `now + leaseMs`.
 * FOR UPDATE SKIP LOCKED lets several dispatchers (threads, replicas) take disjoint batches
 * without waiting on each other; a lease that runs out (a crashed sender) makes the message
 * due again, so nothing queued is lost.
 */
export async function claimDueOutbox(db: PrismaClient, now: Date, limit: number, leaseMs: number): Promise<ClaimedOutboxMessage[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db.$queryRaw<ClaimedOutboxMessage[]>`
    UPDATE outbox_message AS o
       SET status = 'sending', locked_until = ${leaseUntil}, attempts = o.attempts + 1
      FROM (
        SELECT id FROM outbox_message
         WHERE (status = 'pending' AND next_attempt_at <= ${now})
            OR (status = 'sending' AND locked_until <= ${now})
         ORDER BY next_attempt_at
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
      ) AS due
     WHERE o.id = due.id
 RETURNING o.id, o.idempotency_key AS "idempotencyKey", o.attempts`;
}
