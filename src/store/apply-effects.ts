import type { Prisma } from '../generated/prisma/client.js';
import { ConflictError, type Effect } from '../service/effects.js';
import { REPLAN_SOURCE } from '../service/commands/kept-moves.js';

import { writePlanVersion } from './plan-version-row.js';

type Tx = Prisma.TransactionClient;
type Of<T extends Effect['type']> = Extract<Effect, { type: T }>;

const asDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** An effect that changes rows; queued messages are inserted together by the store (one statement). */
export type RowEffect = Exclude<Effect, { type: 'outbox' }>;

/** Applies one effect inside the caller's transaction; a lost claim or failed guard throws ConflictError. */
export async function applyEffect(tx: Tx, effect: RowEffect): Promise<void> {
  switch (effect.type) {
    case 'occurrence.claim':
      return claimOccurrence(tx, effect);
    case 'ritual.advance': {
      // Compare-and-set: only the tick that saw `from` moves the ritual on.
      const { count } = await tx.ritual.updateMany({
        where: { id: effect.ritualId, nextRunAt: effect.from },
        data: { nextRunAt: effect.to },
      });
      return expectOne(count, effect, 'ritual was advanced by someone else');
    }
    case 'occurrence.reminded': {
      const { count } = await tx.occurrence.updateMany({
        where: { id: effect.occurrenceId, remindedAt: null },
        data: { remindedAt: effect.at },
      });
      return expectOne(count, effect, 'reminder already sent');
    }
    case 'occurrence.digested': {
      const { count } = await tx.occurrence.updateMany({
        where: { id: effect.occurrenceId, digestedAt: null },
        data: { digestedAt: effect.at },
      });
      return expectOne(count, effect, 'digest already posted');
    }
    case 'standup.reply': {
      const data = {
        did: effect.did ?? null,
        doing: effect.doing ?? null,
        blockers: effect.blockers ?? null,
        taskStatuses: effect.taskStatuses,
        receivedAt: effect.at,
      };
      await tx.standupReply.upsert({
        where: { occurrenceId_memberId: { occurrenceId: effect.occurrenceId, memberId: effect.memberId } },
        create: { occurrenceId: effect.occurrenceId, memberId: effect.memberId, ...data },
        // The answer is replaced, and the digest says so.
        update: { ...data, editedAt: effect.at },
      });
      return;
    }
    case 'blocker.open': {
      await tx.blocker.create({
        data: {
          id: effect.blockerId,
          planId: effect.planId,
          number: effect.number,
          summary: effect.summary,
          taskId: effect.taskId,
          reporterId: effect.reporterId,
          openedAt: effect.at,
          nextEscalationAt: effect.nextEscalationAt,
        },
      });
      return;
    }
    case 'blocker.update': {
      const { count } = await tx.blocker.updateMany({
        where: { id: effect.blockerId, status: { in: effect.expectStatus } },
        data: effect.data,
      });
      expectOne(count, effect, 'blocker changed meanwhile');
      // Counted after the update: it waited for the row lock of any tier claim in flight (claims
      // update the blocker too), so a tier committed meanwhile is visible to this statement.
      if (
        effect.expectTiersSent !== undefined &&
        (await tx.escalationStep.count({ where: { blockerId: effect.blockerId } })) !== effect.expectTiersSent
      ) {
        throw new ConflictError(effect.type, 'a ladder tier fired meanwhile');
      }
      return;
    }
    case 'escalation.claim':
      return claimEscalation(tx, effect);
    case 'task.update': {
      const { dueDate, ...rest } = effect.data;
      await tx.task.update({
        where: { id: effect.taskId },
        data: { ...rest, ...(dueDate ? { dueDate: asDate(dueDate) } : {}) },
      });
      return;
    }
    case 'task.slip_claim': {
      const { count } = await tx.task.updateMany({
        where: { id: effect.taskId, slipEscalatedAt: null },
        data: { slipEscalatedAt: effect.at },
      });
      return expectOne(count, effect, 'slip already escalated');
    }
    case 'replan.create': {
      await tx.replanProposal.create({
        data: {
          id: effect.replanId,
          planId: effect.planId,
          number: effect.number,
          slippedTaskKey: effect.slippedTaskKey,
          moves: effect.moves,
          bufferDate: effect.bufferDate ? asDate(effect.bufferDate) : null,
          createdAt: effect.at,
        },
      });
      return;
    }
    case 'replan.decide': {
      const { count } = await tx.replanProposal.updateMany({
        where: { id: effect.replanId, status: 'pending' },
        data: { status: effect.status, decidedAt: effect.at, decidedBy: effect.by },
      });
      return expectOne(count, effect, 'proposal already decided');
    }
    case 'plan.version':
      return bumpPlanVersion(tx, effect);
    case 'identity.link':
      await tx.chatIdentity.upsert({
        where: { memberId_platform: { memberId: effect.memberId, platform: effect.platform } },
        create: { memberId: effect.memberId, platform: effect.platform, externalId: effect.externalId },
        update: { externalId: effect.externalId },
      });
      return;
    case 'member.time_off':
      return setTimeOff(tx, effect);
    case 'plan.holidays':
      return setPlanHolidays(tx, effect);
    case 'audit':
      await tx.auditLog.create({
        data: {
          planId: effect.planId,
          actor: effect.actor,
          action: effect.action,
          at: effect.at,
          ...(effect.detail ? { detail: effect.detail as Prisma.InputJsonValue } : {}),
        },
      });
      return;
  }
}

async function claimOccurrence(tx: Tx, effect: Of<'occurrence.claim'>): Promise<void> {
  // ON CONFLICT DO NOTHING keeps the transaction usable; the unique (ritual, instant) key decides the owner.
  const { count } = await tx.occurrence.createMany({
    data: [
      {
        ritualId: effect.ritualId,
        scheduledAt: effect.scheduledAt,
        claimedBy: effect.claimedBy,
        status: effect.status,
        remindAt: effect.remindAt ?? null,
        ...(effect.asked ? { asked: effect.asked } : {}),
        digestAt: effect.digestAt ?? null,
      },
    ],
    skipDuplicates: true,
  });
  expectOne(count, effect, 'occurrence already claimed');
}

async function claimEscalation(tx: Tx, effect: Of<'escalation.claim'>): Promise<void> {
  const { count } = await tx.escalationStep.createMany({
    data: [
      {
        blockerId: effect.blockerId,
        tier: effect.tier,
        target: effect.target,
        dueAt: effect.dueAt,
        status: 'sent',
        sentAt: effect.at,
      },
    ],
    skipDuplicates: true,
  });
  expectOne(count, effect, 'tier already fired');
  // An acknowledgement that landed meanwhile wins: the tier is not sent to an open-status check that failed.
  const updated = await tx.blocker.updateMany({
    where: { id: effect.blockerId, status: 'open' },
    data: { nextEscalationAt: effect.nextEscalationAt },
  });
  expectOne(updated.count, effect, 'blocker no longer open');
}

async function bumpPlanVersion(tx: Tx, effect: Of<'plan.version'>): Promise<void> {
  const version = await writePlanVersion(tx, {
    planId: effect.planId,
    fromVersion: effect.fromVersion,
    document: effect.document,
    sourceName: REPLAN_SOURCE,
    importedBy: effect.by,
    variance: effect.variance,
    at: effect.at,
  });
  if (version === null) throw new ConflictError(effect.type, 'plan was re-baselined meanwhile');
}

// A JSON column has no compare-and-set of its own: the row is locked (FOR UPDATE) and compared, so
// of two changes made from the same state the second conflicts instead of undoing the first.
async function setTimeOff(tx: Tx, effect: Of<'member.time_off'>): Promise<void> {
  const rows = await tx.$queryRaw<{ time_off: unknown }[]>`
    SELECT time_off FROM member WHERE id = ${effect.memberId}::uuid FOR UPDATE`;
  if (rows.length !== 1) throw new ConflictError(effect.type, 'member is gone');
  if (!sameJson(rows[0]!.time_off ?? [], effect.expect))
    throw new ConflictError(effect.type, 'time off changed meanwhile');
  await tx.member.update({ where: { id: effect.memberId }, data: { timeOff: effect.timeOff } });
}

async function setPlanHolidays(tx: Tx, effect: Of<'plan.holidays'>): Promise<void> {
  const rows = await tx.$queryRaw<{ holidays: unknown }[]>`
    SELECT holidays FROM plan WHERE id = ${effect.planId}::uuid FOR UPDATE`;
  if (rows.length !== 1) throw new ConflictError(effect.type, 'plan is gone');
  if (!sameJson(rows[0]!.holidays ?? [], effect.expect))
    throw new ConflictError(effect.type, 'holidays changed meanwhile');
  await tx.plan.update({
    where: { id: effect.planId },
    data: { holidays: effect.holidays as unknown as Prisma.InputJsonValue },
  });
}

/** JSONB gives keys back in its own order; compare canonically. */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function expectOne(count: number, effect: Effect, detail: string): void {
  if (count !== 1) throw new ConflictError(effect.type, detail);
}
