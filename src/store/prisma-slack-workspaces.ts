import type { PrismaClient } from '../generated/prisma/client.js';
import type { SlackWorkspaces } from '../adapters/slack/slack-workspaces.js';

/** SlackWorkspaces on the workspace table. */
export class PrismaSlackWorkspaces implements SlackWorkspaces {
  constructor(private readonly prisma: Pick<PrismaClient, 'workspace'>) {}

  async withActivePlans(): Promise<{ teamId: string; name: string }[]> {
    const rows = await this.prisma.workspace.findMany({
      where: { platform: 'slack', plans: { some: { archived: false } } },
      select: { externalId: true, name: true },
    });
    return rows.map((row) => ({ teamId: row.externalId, name: row.name }));
  }
}
