import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../../store/database.js';

/**
 * Bolt's OAuth installations, kept on the workspace row (`install`), so every replica sees a
 * new install at once and the Slack sender finds the team's bot token by team id. Enterprise
 * Grid org-wide installs are not supported: planbot's plans live in one team.
 */
export class PrismaInstallationStore implements InstallationStore {
  constructor(private readonly db: PrismaClient) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const team = installation.team;
    if (!team)
      throw new Error('Org-wide (Enterprise Grid) installs are not supported; install planbot into a workspace.');
    const install = installation as unknown as Prisma.InputJsonValue;
    await this.db.workspace.upsert({
      where: { platform_externalId: { platform: 'slack', externalId: team.id } },
      create: { platform: 'slack', externalId: team.id, name: team.name ?? team.id, install },
      update: { install, ...(team.name ? { name: team.name } : {}) },
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const install = query.teamId ? await this.find(query.teamId) : undefined;
    if (!install)
      throw new Error(
        `planbot is not installed in Slack workspace ${query.teamId ?? '(no team)'}; install it from /slack/install.`,
      );
    return install;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    if (!query.teamId) return;
    await this.db.workspace.updateMany({
      where: { platform: 'slack', externalId: query.teamId },
      data: { install: Prisma.DbNull },
    });
  }

  /** The bot token of a team's install, for the sender. */
  async botToken(teamId: string): Promise<string | undefined> {
    return (await this.find(teamId))?.bot?.token;
  }

  private async find(teamId: string): Promise<Installation | undefined> {
    const row = await this.db.workspace.findUnique({
      where: { platform_externalId: { platform: 'slack', externalId: teamId } },
      select: { install: true },
    });
    return (row?.install ?? undefined) as Installation | undefined;
  }
}
