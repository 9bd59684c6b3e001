import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { SlackInstallations } from '../adapters/slack/slack-installations.js';

/** SlackInstallations on the workspace row's `install` column, keyed by (platform 'slack', team id). */
export class PrismaSlackInstallations implements SlackInstallations {
  constructor(private readonly prisma: Pick<PrismaClient, 'workspace'>) {}

  async save(team: { id: string; name?: string | undefined }, install: object): Promise<void> {
    const json = install as Prisma.InputJsonValue;
    await this.prisma.workspace.upsert({
      where: { platform_externalId: { platform: 'slack', externalId: team.id } },
      create: { platform: 'slack', externalId: team.id, name: team.name ?? team.id, install: json },
      update: { install: json, ...(team.name ? { name: team.name } : {}) },
    });
  }

  async find(teamId: string): Promise<object | null> {
    const row = await this.prisma.workspace.findUnique({
      where: { platform_externalId: { platform: 'slack', externalId: teamId } },
      select: { install: true },
    });
    const install = row?.install;
    return typeof install === 'object' && install !== null ? install : null;
  }

  async delete(teamId: string): Promise<void> {
    // SQL NULL, not JSON null: "not installed" is the column's absence of a value.
    await this.prisma.workspace.updateMany({
      where: { platform: 'slack', externalId: teamId },
      data: { install: Prisma.DbNull },
    });
  }
}
