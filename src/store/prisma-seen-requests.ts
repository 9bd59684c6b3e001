import type { PrismaClient } from '../generated/prisma/client.js';
import type { SeenRequests } from '../adapters/slack/seen-requests.js';

/** SeenRequests on the seen_request table: the primary key decides, so two replicas cannot both accept a key. */
export class PrismaSeenRequests implements SeenRequests {
  constructor(private readonly prisma: Pick<PrismaClient, '$executeRaw' | 'seenRequest'>) {}

  async firstSeen(key: string, expiresAt: Date): Promise<boolean> {
    // ON CONFLICT DO NOTHING instead of catching a unique violation: no error, and no aborted transaction.
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO seen_request (key, expires_at) VALUES (${key}, ${expiresAt}) ON CONFLICT (key) DO NOTHING`;
    return inserted > 0;
  }

  async forgetExpired(now: Date): Promise<void> {
    await this.prisma.seenRequest.deleteMany({ where: { expiresAt: { lt: now } } });
  }
}
