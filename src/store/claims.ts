import type { PrismaClient } from '../generated/prisma/client.js';

/** Works with the root client or an interactive-transaction client. */
type Db = Pick<PrismaClient, 'occurrence' | 'escalationStep'>;

/**
 * Claims one firing of a ritual. The unique (ritual, instant) key decides who posts: the
 * insert that lands owns the occurrence; a replica or a restarted tick that loses gets `null`
 * and must do nothing. ON CONFLICT DO NOTHING (not catching P2002) keeps a surrounding
 * transaction usable, since a failed statement aborts a PostgreSQL transaction.
 */
export async function claimOccurrence(db: Db, ritualId: string, scheduledAt: Date, claimedBy: string): Promise<string | null> {
  const { count } = await db.occurrence.createMany({ data: [{ ritualId, scheduledAt, claimedBy }], skipDuplicates: true });
  if (count === 0) return null;
  const row = await db.occurrence.findUniqueOrThrow({ where: { ritualId_scheduledAt: { ritualId, scheduledAt } }, select: { id: true } });
  return row.id;
}

/** Claims one tier of the ladder for one blocker; a tier fires once, whoever gets there first. */
export async function claimEscalationStep(
  db: Db,
  step: { blockerId: string; tier: number; target: string; dueAt: Date },
): Promise<boolean> {
  const { count } = await db.escalationStep.createMany({ data: [step], skipDuplicates: true });
  return count === 1;
}
