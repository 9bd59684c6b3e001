import type { PrismaClient } from '../store/database.js';
import type { SenderPlatform } from '../service/ports/sender.js';

/** Undelivered messages of one platform: how many, and how long the oldest has waited. */
export interface OutboxBacklog {
  platform: SenderPlatform;
  depth: number;
  oldestAgeSeconds: number;
}

/**
 * Reads the undelivered outbox (pending or being sent) per platform in one query, through an
 * index that leads with status ((status, next_attempt_at) or (status, locked_until); PostgreSQL
 * picks either): its cost follows the backlog, not the years of sent history.
 * Age is measured against the database's own clock, the one that stamped `created_at`, so clock
 * skew between replicas and the database cannot make it negative.
 */
export async function readOutboxBacklog(db: Pick<PrismaClient, '$queryRaw'>): Promise<OutboxBacklog[]> {
  return db.$queryRaw<OutboxBacklog[]>`
    SELECT platform::text AS platform,
           count(*)::int AS depth,
           GREATEST(0, EXTRACT(EPOCH FROM (now() - min(created_at))))::float8 AS "oldestAgeSeconds"
      FROM outbox_message
     WHERE status IN ('pending', 'sending')
     GROUP BY platform`;
}
