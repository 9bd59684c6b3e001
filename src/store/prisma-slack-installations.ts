import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { SlackInstallations } from '../adapters/slack/slack-installations.js';
import { PlanError } from '../domain/plan-error.js';
import { isSealed, type Keyring } from './keyring.js';

/**
 * SlackInstallations on the workspace row's `install` column, keyed by (platform 'slack', team id).
 * Installs hold bot tokens, so they are stored sealed with the keyring (PLANBOT_ENCRYPTION_KEY):
 * a database dump or backup gives no one a workspace's token. An install stored in plain JSON by
 * an earlier planbot is still read, and `resealAll` (at start-up) seals it.
 */
export class PrismaSlackInstallations implements SlackInstallations {
  constructor(
    private readonly prisma: PrismaClient,
    /** Absent without PLANBOT_ENCRYPTION_KEY (one-workspace or no Slack): then nothing is stored or opened. */
    private readonly keyring?: Keyring,
  ) {}

  async save(team: { id: string; name?: string | undefined }, install: object): Promise<void> {
    const json = this.seal(team.id, install);
    await this.prisma.workspace.upsert({
      where: { platform_externalId: { platform: 'slack', externalId: team.id } },
      create: { platform: 'slack', externalId: team.id, name: team.name ?? team.id, install: json },
      update: { install: json, uninstalledAt: null, ...(team.name ? { name: team.name } : {}) },
    });
  }

  async find(teamId: string): Promise<object | null> {
    const row = await this.prisma.workspace.findUnique({
      where: { platform_externalId: { platform: 'slack', externalId: teamId } },
      select: { install: true },
    });
    const install = row?.install;
    if (typeof install !== 'object' || install === null) return null;
    // What save() sealed was an object, so what opens is one.
    return this.open(teamId, install).value as object;
  }

  async delete(teamId: string): Promise<void> {
    // SQL NULL, not JSON null: "not installed" is the column's absence of a value.
    await this.prisma.workspace.updateMany({
      where: { platform: 'slack', externalId: teamId },
      data: { install: Prisma.DbNull },
    });
  }

  async uninstalled(teamId: string, at: Date, reason: string): Promise<{ parked: number } | null> {
    return this.prisma.$transaction(async (tx) => {
      const workspace = await tx.workspace.findUnique({
        where: { platform_externalId: { platform: 'slack', externalId: teamId } },
        select: { id: true, uninstalledAt: true },
      });
      if (!workspace) return null;
      await tx.workspace.update({
        where: { id: workspace.id },
        // The first event dates it: app_uninstalled and tokens_revoked arrive together.
        data: { install: Prisma.DbNull, uninstalledAt: workspace.uninstalledAt ?? at },
      });
      // Pending only: one being sent now is the dispatcher's, which parks it (or records it) when it comes back.
      const { count } = await tx.outboxMessage.updateMany({
        where: { workspaceId: workspace.id, status: 'pending' },
        data: { status: 'parked', lastError: reason, lockedUntil: null },
      });
      return { parked: count };
    });
  }

  async reinstalled(teamId: string): Promise<void> {
    await this.prisma.workspace.updateMany({
      where: { platform: 'slack', externalId: teamId, uninstalledAt: { not: null } },
      data: { uninstalledAt: null },
    });
  }

  async uninstalledTeams(): Promise<string[]> {
    const rows = await this.prisma.workspace.findMany({
      where: { platform: 'slack', uninstalledAt: { not: null } },
      select: { externalId: true },
    });
    return rows.map((row) => row.externalId);
  }

  async resealAll(): Promise<number> {
    if (!this.keyring) return 0;
    const rows = await this.prisma.workspace.findMany({
      where: { platform: 'slack', install: { not: Prisma.DbNull } },
      select: { id: true, externalId: true, install: true },
    });
    // Open every one before writing any: a key missing for one install refuses the lot and changes nothing.
    const stale = rows.flatMap((row) => {
      if (typeof row.install !== 'object' || row.install === null) return [];
      const opened = this.open(row.externalId, row.install);
      return opened.stale ? [{ row, value: opened.value as object }] : [];
    });
    let resealed = 0;
    for (const { row, value } of stale) {
      // Only if the row still holds what was read: a reinstall meanwhile (on any replica) wins.
      const { count } = await this.prisma.workspace.updateMany({
        where: { id: row.id, install: { equals: row.install as Prisma.InputJsonValue } },
        data: { install: this.seal(row.externalId, value) },
      });
      resealed += count;
    }
    return resealed;
  }

  private seal(teamId: string, install: object): Prisma.InputJsonValue {
    if (!this.keyring)
      throw new PlanError(
        'config_invalid',
        "PLANBOT_ENCRYPTION_KEY is not set, and planbot does not store a Slack workspace's tokens unencrypted: set it (`openssl rand -base64 32`) and install again.",
      );
    return this.keyring.seal(install, context(teamId)) as unknown as Prisma.InputJsonValue;
  }

  /** The install as Bolt stored it; `stale` when it is not sealed with the current key. */
  private open(teamId: string, stored: object): { value: unknown; stale: boolean } {
    if (!isSealed(stored)) return { value: stored, stale: true };
    if (!this.keyring)
      throw new PlanError(
        'config_invalid',
        `${context(teamId)} is encrypted (key id ${stored.kid}), but PLANBOT_ENCRYPTION_KEY is not set: set the key planbot was started with.`,
      );
    return this.keyring.open(stored, context(teamId));
  }
}

/** Authenticated with the sealed install (not stored), so an install copied onto another team's row does not open. */
function context(teamId: string): string {
  return `the Slack install of team ${teamId}`;
}
