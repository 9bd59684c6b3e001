import type { PrismaClient } from '../generated/prisma/client.js';
import type { SlackDmChannels } from '../adapters/slack/slack-dm-channels.js';

/** SlackDmChannels on the outbox table: the channel recorded with a delivered DM, found by the (target, seq) index. */
export class PrismaSlackDmChannels implements SlackDmChannels {
  constructor(private readonly prisma: Pick<PrismaClient, 'outboxMessage'>) {}

  async dmChannelOf(user: string, workspace?: string): Promise<string | undefined> {
    const row = await this.prisma.outboxMessage.findFirst({
      where: {
        platform: 'slack',
        target: user,
        platformChannel: { not: null },
        // Messages queued without a workspace (one SLACK_BOT_TOKEN) belong to whichever workspace that is.
        ...(workspace ? { OR: [{ workspace: { externalId: workspace } }, { workspaceId: null }] } : {}),
      },
      select: { platformChannel: true },
      orderBy: { seq: 'desc' },
    });
    return row?.platformChannel ?? undefined;
  }
}
