import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { PlanSnapshot } from '../service/read-model/plan-snapshot.js';
import { standupSettingsConfig } from '../service/read-model/standup-settings.js';
import type { PlanHoliday } from '../service/read-model/plan-state.js';
import type { WorkspaceRef } from '../service/read-model/workspace-ref.js';
import { ConflictError } from '../service/effects.js';
import { writePlanVersion } from './plan-version-row.js';
import type { PlanVersionStore } from '../service/commands/import-plan.js';
import { REPLAN_SOURCE, type StoredVersion } from '../service/commands/kept-moves.js';

type PlanVersionMeta = Parameters<PlanVersionStore['savePlanVersion']>[2];

type Tx = Prisma.TransactionClient;

export interface SavedPlanVersion {
  planId: string;
  version: number;
  /** The canonical document of the version this one replaces, for the variance report. */
  previousDocument: unknown;
}

const LARGE_IMPORT_TIMEOUT_MS = 120_000;

/**
 * Stores an imported plan as a new version in one transaction: a plan that fails half-way
 * leaves nothing behind. Re-importing re-baselines: rows are updated in place by their stable
 * keys (so task progress, blockers and claimed ritual firings stay attached), tasks that left
 * the plan are cancelled rather than deleted, and every version's document is kept.
 */
export async function savePlanVersion(
  prisma: PrismaClient,
  workspace: WorkspaceRef,
  imported: PlanSnapshot,
  meta: PlanVersionMeta,
): Promise<SavedPlanVersion> {
  return prisma.$transaction(
    async (tx) => {
      const ws = await tx.workspace.upsert({
        where: { platform_externalId: { platform: workspace.platform, externalId: workspace.externalId } },
        create: workspace,
        update: {},
      });
      const existing = await tx.plan.findUnique({
        where: { workspaceId_name: { workspaceId: ws.id, name: imported.name } },
      });
      const previous = existing
        ? await tx.planVersion.findUnique({
            where: { planId_version: { planId: existing.id, version: existing.currentVersion } },
          })
        : null;
      // Read in this transaction, so an approval committing meanwhile is either seen or conflicts.
      const snapshot =
        existing && meta.rebase
          ? meta.rebase(await historySinceImport(tx, existing.id, existing.currentVersion), {
              holidays: (existing.holidays as PlanHoliday[] | null) ?? [],
            })
          : imported;
      const channel = meta.channel ?? existing?.channel ?? null;
      const plan = existing
        ? await tx.plan.update({ where: { id: existing.id }, data: { timezone: snapshot.timezone, channel } })
        : await tx.plan.create({
            data: { workspaceId: ws.id, name: snapshot.name, timezone: snapshot.timezone, channel, currentVersion: 0 },
          });

      const memberIds = await saveMembers(tx, plan.id, snapshot);
      await saveTasks(tx, plan.id, snapshot, memberIds);
      await tx.bufferDay.deleteMany({ where: { planId: plan.id } });
      await tx.bufferDay.createMany({
        data: snapshot.bufferDays.map((b) => ({
          planId: plan.id,
          date: asDate(b.date),
          planDay: b.planDay,
          swapRule: b.swapRule ?? null,
        })),
      });
      await saveRituals(tx, plan.id, snapshot, channel);

      const variance = previous ? meta.variance?.(previous.document) : undefined;
      const version = await writePlanVersion(tx, {
        planId: plan.id,
        fromVersion: plan.currentVersion,
        document: snapshot.document,
        sourceName: meta.sourceName,
        importedBy: meta.importedBy,
        variance,
        at: meta.at,
      });
      // The plan row was read in this transaction; only a concurrent import of the same plan can move it.
      if (version === null) throw new ConflictError('plan.version', `plan "${snapshot.name}" was imported meanwhile`);
      await tx.auditLog.create({
        data: {
          workspaceId: ws.id,
          planId: plan.id,
          actor: meta.importedBy,
          action: version === 1 ? 'plan.import' : 'plan.rebaseline',
          detail: { version, source: meta.sourceName },
          at: meta.at,
        },
      });
      return { planId: plan.id, version, previousDocument: previous?.document ?? null };
    },
    { timeout: LARGE_IMPORT_TIMEOUT_MS, maxWait: LARGE_IMPORT_TIMEOUT_MS },
  );
}

/** The plan's versions newest first, back to and including the last import (not an approved re-plan). */
async function historySinceImport(tx: Tx, planId: string, currentVersion: number): Promise<StoredVersion[]> {
  const history: StoredVersion[] = [];
  for (let version = currentVersion; version >= 1; version -= 1) {
    const row = await tx.planVersion.findUnique({
      where: { planId_version: { planId, version } },
      select: { sourceName: true, document: true, variance: true },
    });
    if (!row) break;
    history.push(row);
    if (row.sourceName !== REPLAN_SOURCE) break;
  }
  return history;
}

async function saveMembers(tx: Tx, planId: string, snapshot: PlanSnapshot): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const m of snapshot.members) {
    const data = { displayName: m.displayName, roles: m.roles, email: m.email ?? null, timezone: m.timezone ?? null };
    const row = await tx.member.upsert({
      where: { planId_key: { planId, key: m.key } },
      create: { planId, key: m.key, ...data },
      update: data,
    });
    ids.set(m.key, row.id);
    // Identities from the document; ones linked later in chat are kept when the document has none.
    if (m.slack) {
      const identity = { externalId: m.slack.id ?? null, handle: m.slack.handle ?? null };
      await tx.chatIdentity.upsert({
        where: { memberId_platform: { memberId: row.id, platform: 'slack' } },
        create: { memberId: row.id, platform: 'slack', ...identity },
        update: identity,
      });
    }
    if (m.teamsId) {
      await tx.chatIdentity.upsert({
        where: { memberId_platform: { memberId: row.id, platform: 'teams' } },
        create: { memberId: row.id, platform: 'teams', externalId: m.teamsId },
        update: { externalId: m.teamsId },
      });
    }
  }
  return ids;
}

async function saveTasks(
  tx: Tx,
  planId: string,
  snapshot: PlanSnapshot,
  memberIds: Map<string, string>,
): Promise<void> {
  const existing = new Map(
    (await tx.task.findMany({ where: { planId }, select: { id: true, key: true } })).map((t) => [t.key, t.id]),
  );
  const rows = snapshot.tasks.map((t) => ({
    key: t.key,
    title: t.title,
    ownerId: t.ownerKey ? (memberIds.get(t.ownerKey) ?? null) : null,
    dueDate: asDate(t.dueDate),
    // A new baseline: what is planned now is what later slips are measured against.
    plannedDate: asDate(t.dueDate),
    planDay: t.planDay ?? null,
    planWeek: t.planWeek ?? null,
    priority: t.priority ?? null,
    effort: t.effort ?? null,
    deliverable: t.deliverable ?? null,
    stream: t.stream ?? null,
    critical: t.critical,
    details: t.details,
  }));
  // Bulk insert for new tasks keeps a 5,000-task import to a few statements.
  await tx.task.createMany({ data: rows.filter((r) => !existing.has(r.key)).map((r) => ({ planId, ...r })) });
  for (const row of rows.filter((r) => existing.has(r.key))) {
    await tx.task.update({ where: { id: existing.get(row.key)! }, data: row });
  }
  const kept = new Set(rows.map((r) => r.key));
  const gone = [...existing.keys()].filter((key) => !kept.has(key));
  if (gone.length > 0)
    await tx.task.updateMany({ where: { planId, key: { in: gone } }, data: { status: 'cancelled' } });

  const ids = new Map(
    (await tx.task.findMany({ where: { planId }, select: { id: true, key: true } })).map((t) => [t.key, t.id]),
  );
  await tx.taskDependency.deleteMany({ where: { task: { planId } } });
  await tx.taskDependency.createMany({
    data: snapshot.tasks.flatMap((t) =>
      t.dependsOn.map((dep) => ({ taskId: ids.get(t.key)!, dependsOnId: ids.get(dep)! })),
    ),
  });
}

async function saveRituals(tx: Tx, planId: string, snapshot: PlanSnapshot, channel: string | null): Promise<void> {
  const keys: string[] = [];
  for (const r of snapshot.rituals) {
    const key = uniqueKey(keys, r.kind);
    const data = {
      kind: r.kind,
      localTime: r.localTime,
      timezone: r.timezone,
      days: r.days,
      onBufferDays: r.onBufferDays,
      channel: r.channel ?? channel,
      inThread: r.inThread,
      config: { questions: r.questions, ...(r.dm ? { dm: true } : {}), ...standupSettingsConfig(r) },
      active: true,
      nextRunAt: r.nextRunAt,
    };
    await tx.ritual.upsert({ where: { planId_key: { planId, key } }, create: { planId, key, ...data }, update: data });
  }
  await tx.ritual.updateMany({ where: { planId, key: { notIn: keys } }, data: { active: false, nextRunAt: null } });
}

function uniqueKey(taken: string[], base: string): string {
  let key = base;
  for (let n = 2; taken.includes(key); n += 1) key = `${base}-${n}`;
  taken.push(key);
  return key;
}

/** A plan-local calendar date stored in a DATE column (midnight UTC carries no zone shift). */
function asDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
