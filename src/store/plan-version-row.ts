import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;

export interface PlanVersionRow {
  planId: string;
  /** The version being replaced (0 for a plan just created); the bump is guarded on it. */
  fromVersion: number;
  document: unknown;
  sourceName: string;
  importedBy: string;
  variance?: unknown;
  at: Date;
}

/**
 * The one way a plan gets a new version, for an import or re-baseline and for an approved
 * re-plan alike: move the plan's current version on from the one the writer read, and keep the
 * document. Returns the new version, or null when the plan moved on meanwhile (the caller turns
 * that into a conflict: two writers must not both think they made version N+1).
 */
export async function writePlanVersion(tx: Tx, row: PlanVersionRow): Promise<number | null> {
  const version = row.fromVersion + 1;
  const { count } = await tx.plan.updateMany({
    where: { id: row.planId, currentVersion: row.fromVersion },
    data: { currentVersion: version },
  });
  if (count !== 1) return null;
  await tx.planVersion.create({
    data: {
      planId: row.planId,
      version,
      document: row.document as Prisma.InputJsonValue,
      sourceName: row.sourceName,
      importedBy: row.importedBy,
      ...(row.variance !== undefined && row.variance !== null
        ? { variance: row.variance as Prisma.InputJsonValue }
        : {}),
      createdAt: row.at,
    },
  });
  return version;
}
