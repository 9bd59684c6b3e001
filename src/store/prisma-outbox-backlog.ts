import type { PrismaClient } from '../generated/prisma/client.js';
import type { OutboxBacklog, OutboxBacklogReader } from '../service/ports/outbox-backlog.js';

/** The outbox backlog read straight from outbox_message, one query per scrape. */
export class PrismaOutboxBacklog implements OutboxBacklogReader {
  constructor(private readonly prisma: Pick<PrismaClient, '$queryRaw'>) {}

  /**
   * Reads the undelivered outbox (pending or being sent) per platform in one query, through an
   * index that leads with status ((status, next_attempt_at) or (status, locked_until); PostgreSQL
   * picks either): its cost follows the backlog, not the years of sent history.
   * Age is measured against the database's own clock, the one that stamped `created_at`, so clock
   * skew between replicas and the database cannot make it negative.
   */
  readBacklog(): Promise<OutboxBacklog[]> {
    return this.prisma.$queryRaw<OutboxBacklog[]>`
      SELECT platform::text AS platform,
             count(*)::int AS depth,
             GREATEST(0, EXTRACT(EPOCH FROM (now() - min(created_at))))::float8 AS "oldestAgeSeconds"
        FROM outbox_message
       WHERE status IN ('pending', 'sending')
       GROUP BY platform`;
  }
}
