import type { PrismaClient } from '../generated/prisma/client.js';
import type { ChatPlatform } from '../service/read-model/platform.js';
import type { DeliveredMessage, DeliveredMessages } from '../service/ports/delivered-messages.js';
import type { SenderJson } from '../service/ports/sender.js';

const columns = { idempotencyKey: true, target: true, payload: true, sentAt: true } as const;

/** DeliveredMessages on the outbox table; both lookups run on its (platform, platform_ref) and target indexes. */
export class PrismaDeliveredMessages implements DeliveredMessages {
  constructor(private readonly prisma: Pick<PrismaClient, 'outboxMessage'>) {}

  async byPlatformRef(
    platform: ChatPlatform,
    platformRef: string,
    targets?: readonly string[],
  ): Promise<DeliveredMessage | null> {
    const row = await this.prisma.outboxMessage.findFirst({
      where: { platform, platformRef, ...(targets ? { target: { in: [...targets] } } : {}) },
      select: columns,
      orderBy: { seq: 'desc' },
    });
    return row ? delivered(row) : null;
  }

  async latestSentTo(
    platform: ChatPlatform,
    target: string,
    since: Date,
    keyPrefix: string,
  ): Promise<DeliveredMessage | null> {
    const row = await this.prisma.outboxMessage.findFirst({
      where: { platform, target, status: 'sent', idempotencyKey: { startsWith: keyPrefix }, sentAt: { gte: since } },
      select: columns,
      orderBy: { seq: 'desc' },
    });
    return row ? delivered(row) : null;
  }
}

function delivered(row: { idempotencyKey: string; target: string; payload: unknown; sentAt: Date | null }) {
  return { ...row, payload: row.payload as SenderJson };
}
