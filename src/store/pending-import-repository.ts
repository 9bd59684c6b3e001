import type { PendingImport, PendingImportStore } from '../service/commands/chat-import.js';
import type { PrismaClient } from './database.js';

/** Pending chat imports on Prisma; expired rows are swept whenever a new one is saved. */
export function prismaPendingImportStore(db: PrismaClient): PendingImportStore {
  return {
    async save(pending, now) {
      const workspace = await db.workspace.upsert({
        where: {
          platform_externalId: { platform: pending.workspace.platform, externalId: pending.workspace.externalId },
        },
        create: {
          platform: pending.workspace.platform,
          externalId: pending.workspace.externalId,
          name: pending.workspace.name,
        },
        update: {},
      });
      await db.pendingImport.deleteMany({ where: { expiresAt: { lt: now } } });
      const row = await db.pendingImport.create({
        data: {
          workspaceId: workspace.id,
          channel: pending.channel ?? null,
          requestedBy: pending.requestedBy,
          fileName: pending.fileName,
          text: pending.text,
          startDate: pending.startDate ?? null,
          expiresAt: pending.expiresAt,
        },
      });
      return row.id;
    },
    async take(id, workspace, now) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      // Deleting is the claim: two presses of Import store the plan once.
      const rows = await db.pendingImport.findMany({
        where: { id, workspace: { platform: workspace.platform, externalId: workspace.externalId } },
        take: 1,
      });
      const row = rows[0];
      if (!row) return null;
      const { count } = await db.pendingImport.deleteMany({ where: { id: row.id } });
      if (count === 0 || row.expiresAt <= now) return null;
      const result: PendingImport = {
        workspace,
        requestedBy: row.requestedBy,
        fileName: row.fileName,
        text: row.text,
        expiresAt: row.expiresAt,
      };
      if (row.channel) result.channel = row.channel;
      if (row.startDate) result.startDate = row.startDate;
      return result;
    },
  };
}
