import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { ConflictError, type Effect, type OutboxDraft } from '../service/effects.js';
import type { MetricsPort } from '../service/ports/metrics-port.js';
import type { Plan } from '../plans/plan-schema.js';
import type { TaskStatus } from '../domain/types.js';
import type { PlanState } from '../service/read-model/plan-state.js';
import { ANSWERED_KINDS, type AnsweredKind, type OccurrenceRef } from '../service/read-model/occurrence-ref.js';
import type { InstantWindow, PlanActivity } from '../service/read-model/plan-activity.js';
import type { PlanStamp, PlanStore } from '../service/ports/plan-store.js';
import type { WorkspaceRef } from '../service/read-model/workspace-ref.js';
import type { StoredAnswer } from '../service/read-model/stored-answer.js';
import { standupSettingsFromConfig } from '../service/read-model/standup-settings.js';
import { applyEffect } from './apply-effects.js';
import { enqueueOutboxMany } from './outbox-repository.js';
import { bumpPlanRevisions } from './plan-revision.js';

/** Plans kept in memory per process; a plan state is a few hundred KB at most. */
const CACHED_PLANS = 256;

const occurrenceColumns = {
  id: true,
  ritualId: true,
  scheduledAt: true,
  ritual: { select: { planId: true, kind: true } },
} as const;

const occurrenceRef = (row: {
  id: string;
  ritualId: string;
  scheduledAt: Date;
  ritual: { planId: string; kind: OccurrenceRef['kind'] };
}): OccurrenceRef => ({
  id: row.id,
  ritualId: row.ritualId,
  scheduledAt: row.scheduledAt,
  planId: row.ritual.planId,
  kind: row.ritual.kind,
});

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * Plans whose workspace still has planbot installed. An uninstalled workspace's plans keep their
 * rows and due instants, so a reinstall resumes them (late firings then follow the catch-up rule).
 */
const running = { workspace: { uninstalledAt: null } } as const;

/**
 * PlanStore on Prisma. Loaded plan states are kept in memory and reused while the plan's
 * `revision` (bumped in every transaction that changes the plan, by any replica) and version are
 * unchanged, so a command costs one primary-key read instead of seven queries over hundreds of
 * rows. Cached states are frozen: a caller that tried to change one would throw, not corrupt
 * what the next command sees.
 */
export class PrismaPlanStore implements PlanStore {
  private readonly cache = new Map<string, { revision: number; version: number; state: PlanState }>();

  constructor(
    private readonly prisma: PrismaClient,
    /** Told what each committed transaction queued and escalated; optional (tests and `simulate` run without). */
    private readonly metrics?: MetricsPort,
  ) {}

  async listPlans(workspace: WorkspaceRef) {
    const plans = await this.prisma.plan.findMany({
      where: { archived: false, workspace: { platform: workspace.platform, externalId: workspace.externalId } },
      select: { id: true, name: true, channel: true, revision: true, currentVersion: true },
      orderBy: { createdAt: 'asc' },
    });
    return plans.map(({ revision, currentVersion, ...plan }) => ({
      ...plan,
      stamp: { revision, version: currentVersion },
    }));
  }

  async loadPlanState(planId: string, known?: PlanStamp): Promise<PlanState> {
    const stamp = known ?? (await this.readStamp(planId));
    const cached = this.cache.get(planId);
    if (cached && cached.revision === stamp.revision && cached.version === stamp.version) {
      // Most recently used last, so the first key is the one to evict.
      this.cache.delete(planId);
      this.cache.set(planId, cached);
      return cached.state;
    }
    const state = deepFreeze(await this.readPlanState(planId));
    this.cache.delete(planId);
    this.cache.set(planId, { revision: state.plan.revision, version: state.plan.version, state });
    if (this.cache.size > CACHED_PLANS) this.cache.delete(this.cache.keys().next().value!);
    return state;
  }

  private async readStamp(planId: string): Promise<PlanStamp> {
    const plan = await this.prisma.plan.findUniqueOrThrow({
      where: { id: planId },
      select: { revision: true, currentVersion: true },
    });
    return { revision: plan.revision, version: plan.currentVersion };
  }

  private async readPlanState(planId: string): Promise<PlanState & { plan: { revision: number } }> {
    const plan = await this.prisma.plan.findUniqueOrThrow({ where: { id: planId }, include: { workspace: true } });
    const [version, members, tasks, blockers, replans, rituals] = await Promise.all([
      this.prisma.planVersion.findUniqueOrThrow({
        where: { planId_version: { planId, version: plan.currentVersion } },
        select: { document: true },
      }),
      this.prisma.member.findMany({ where: { planId }, include: { identities: true }, orderBy: { key: 'asc' } }),
      this.prisma.task.findMany({
        where: { planId },
        include: { dependsOn: { include: { dependsOn: { select: { key: true } } } } },
        orderBy: [{ dueDate: 'asc' }, { key: 'asc' }],
      }),
      this.prisma.blocker.findMany({
        where: { planId },
        include: { escalations: { select: { tier: true, target: true }, orderBy: { tier: 'asc' } } },
        orderBy: { number: 'asc' },
      }),
      this.prisma.replanProposal.findMany({ where: { planId }, orderBy: { number: 'asc' } }),
      this.prisma.ritual.findMany({ where: { planId }, orderBy: { key: 'asc' } }),
    ]);
    return {
      plan: {
        id: plan.id,
        name: plan.name,
        timezone: plan.timezone,
        channel: plan.channel,
        version: plan.currentVersion,
        // Read before the other rows: a change landing in between makes the cache reload next time, never miss it.
        revision: plan.revision,
        document: version.document as unknown as Plan,
        workspace: {
          id: plan.workspace.id,
          platform: plan.workspace.platform,
          externalId: plan.workspace.externalId,
          name: plan.workspace.name,
        },
        holidays: (plan.holidays as PlanState['plan']['holidays'] | null) ?? [],
      },
      members: members.map((m) => ({
        id: m.id,
        key: m.key,
        displayName: m.displayName,
        roles: m.roles,
        email: m.email,
        timezone: m.timezone,
        timeOff: (m.timeOff as { from: string; to: string }[] | null) ?? [],
        identities: m.identities.map((i) => ({ platform: i.platform, externalId: i.externalId, handle: i.handle })),
      })),
      tasks: tasks.map((t) => ({
        id: t.id,
        key: t.key,
        title: t.title,
        ownerId: t.ownerId,
        dueDate: isoDate(t.dueDate),
        plannedDate: isoDate(t.plannedDate),
        status: t.status as TaskStatus,
        critical: t.critical,
        deliverable: t.deliverable,
        dependsOn: t.dependsOn.map((d) => d.dependsOn.key),
        doneAt: t.doneAt,
        slipEscalatedAt: t.slipEscalatedAt,
      })),
      blockers: blockers.map((b) => ({
        id: b.id,
        number: b.number,
        summary: b.summary,
        status: b.status,
        taskId: b.taskId,
        reporterId: b.reporterId,
        openedAt: b.openedAt,
        acknowledgedAt: b.acknowledgedAt,
        acknowledgedById: b.acknowledgedById,
        resolvedAt: b.resolvedAt,
        nextEscalationAt: b.nextEscalationAt,
        steps: b.escalations,
      })),
      replans: replans.map((r) => ({
        id: r.id,
        number: r.number,
        slippedTaskKey: r.slippedTaskKey,
        moves: r.moves as PlanState['replans'][number]['moves'],
        status: r.status,
        createdAt: r.createdAt,
      })),
      rituals: rituals.map((r) => ({
        id: r.id,
        key: r.key,
        kind: r.kind,
        localTime: r.localTime,
        timezone: r.timezone,
        days: r.days,
        onBufferDays: r.onBufferDays,
        channel: r.channel,
        inThread: r.inThread,
        questions: (r.config as { questions?: string[] } | null)?.questions ?? [],
        dm: (r.config as { dm?: boolean } | null)?.dm === true,
        ...standupSettingsFromConfig(r.config),
        active: r.active,
        nextRunAt: r.nextRunAt,
      })),
    };
  }

  async apply(effects: Effect[]): Promise<void> {
    if (effects.length === 0) return;
    let queued = new Map<OutboxDraft['platform'], number>();
    try {
      await this.prisma.$transaction(
        async (tx) => {
          queued = new Map();
          // Messages go in one INSERT at the end: a 10,000-member fan-out is one statement, and the
          // rows keep the order the effects listed them in (their seq). One INSERT per run of a
          // platform, so the rows that were new (not queued before) are counted per platform.
          const outbox = effects.flatMap((e) => (e.type === 'outbox' ? [e.draft] : []));
          for (const effect of effects) if (effect.type !== 'outbox') await applyEffect(tx, effect);
          await bumpPlanRevisions(tx, effects);
          for (const run of platformRuns(outbox)) {
            const inserted = await enqueueOutboxMany(
              tx,
              run.map(({ message, ...draft }) => ({ ...draft, payload: message as unknown as Prisma.InputJsonValue })),
            );
            queued.set(run[0]!.platform, (queued.get(run[0]!.platform) ?? 0) + inserted);
          }
        },
        { timeout: 60_000 },
      );
    } catch (error) {
      // A unique key taken meanwhile (a blocker number, a claim) is a lost race, not a failure.
      if ((error as { code?: string }).code === 'P2002')
        throw new ConflictError(effects[0]!.type, 'a unique key was taken meanwhile');
      throw error;
    }
    // After the commit: a rolled-back transaction queued and escalated nothing.
    for (const [platform, count] of queued) this.metrics?.messagesQueued(platform, count);
    for (const effect of effects)
      if (effect.type === 'escalation.claim') this.metrics?.escalationFired(effect.tier + 1);
  }

  async dueRituals(now: Date, limit: number) {
    const rows = await this.prisma.ritual.findMany({
      where: { active: true, nextRunAt: { lte: now }, plan: running },
      select: { id: true, planId: true, nextRunAt: true },
      orderBy: { nextRunAt: 'asc' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, planId: r.planId, nextRunAt: r.nextRunAt! }));
  }

  async dueEscalations(now: Date, limit: number) {
    return this.prisma.blocker.findMany({
      where: { nextEscalationAt: { lte: now }, status: 'open', plan: running },
      select: { id: true, planId: true },
      orderBy: { nextEscalationAt: 'asc' },
      take: limit,
    });
  }

  async dueReminders(now: Date, limit: number) {
    return (
      await this.prisma.occurrence.findMany({
        where: { remindAt: { lte: now }, remindedAt: null, ritual: { plan: running } },
        select: { id: true, ritualId: true, scheduledAt: true, ritual: { select: { planId: true } } },
        orderBy: { remindAt: 'asc' },
        take: limit,
      })
    ).map((o) => ({ id: o.id, ritualId: o.ritualId, scheduledAt: o.scheduledAt, planId: o.ritual.planId }));
  }

  async dueDigests(now: Date, limit: number) {
    return (
      await this.prisma.occurrence.findMany({
        where: { digestAt: { lte: now }, digestedAt: null, ritual: { plan: running } },
        select: { id: true, ritualId: true, scheduledAt: true, ritual: { select: { planId: true } } },
        orderBy: { digestAt: 'asc' },
        take: limit,
      })
    ).map((o) => ({ id: o.id, ritualId: o.ritualId, scheduledAt: o.scheduledAt, planId: o.ritual.planId }));
  }

  async plansWithOverdueTasks(before: Date): Promise<string[]> {
    const rows = await this.prisma.task.findMany({
      where: {
        status: { in: ['todo', 'in_progress', 'blocked'] },
        dueDate: { lt: before },
        slipEscalatedAt: null,
        plan: { archived: false, ...running },
      },
      select: { planId: true },
      distinct: ['planId'],
    });
    return rows.map((r) => r.planId);
  }

  async latestOccurrence(planId: string, kinds: readonly AnsweredKind[], now: Date): Promise<OccurrenceRef | null> {
    const row = await this.prisma.occurrence.findFirst({
      where: { ritual: { planId, kind: { in: [...kinds] } }, status: 'posted', scheduledAt: { lte: now } },
      select: occurrenceColumns,
      orderBy: { scheduledAt: 'desc' },
    });
    return row && occurrenceRef(row);
  }

  async findOccurrence(by: { id: string } | { ritualId: string; scheduledAt: Date }): Promise<OccurrenceRef | null> {
    const row = await this.prisma.occurrence.findFirst({
      where: {
        ...('id' in by ? { id: by.id } : { ritualId: by.ritualId, scheduledAt: by.scheduledAt }),
        status: 'posted',
      },
      select: occurrenceColumns,
    });
    return row && occurrenceRef(row);
  }

  async repliesFor(occurrenceId: string): Promise<string[]> {
    return (await this.prisma.standupReply.findMany({ where: { occurrenceId }, select: { memberId: true } })).map(
      (r) => r.memberId,
    );
  }

  async planActivity(planId: string, window: InstantWindow): Promise<PlanActivity> {
    const within = { gte: window.from, lt: window.to };
    // Two reads, each bounded by the plan and the window: occurrences range-scan (ritual, scheduled_at).
    const [occurrences, blockers] = await Promise.all([
      this.prisma.occurrence.findMany({
        where: { ritual: { planId, kind: { in: [...ANSWERED_KINDS] } }, status: 'posted', scheduledAt: within },
        select: {
          id: true,
          scheduledAt: true,
          asked: true,
          ritual: { select: { kind: true } },
          replies: { select: { memberId: true, receivedAt: true } },
        },
        orderBy: { scheduledAt: 'asc' },
      }),
      this.prisma.blocker.findMany({
        where: { planId, OR: [{ openedAt: within }, { acknowledgedAt: within }, { resolvedAt: within }] },
        select: {
          id: true,
          number: true,
          taskId: true,
          reporterId: true,
          openedAt: true,
          acknowledgedAt: true,
          resolvedAt: true,
          escalations: { where: { sentAt: { not: null } }, select: { tier: true, sentAt: true } },
        },
        orderBy: { number: 'asc' },
      }),
    ]);
    return {
      prompts: occurrences.map((o) => ({
        id: o.id,
        kind: o.ritual.kind as AnsweredKind,
        scheduledAt: o.scheduledAt,
        asked: askedIds(o.asked),
        replies: o.replies,
      })),
      blockers: blockers.map(({ escalations, ...b }) => ({
        ...b,
        steps: escalations.map((step) => ({ tier: step.tier, sentAt: step.sentAt! })).sort((x, y) => x.tier - y.tier),
      })),
    };
  }

  async runningPlans(limit: number) {
    const plans = await this.prisma.plan.findMany({
      where: { archived: false, ...running },
      select: { id: true, name: true, revision: true, currentVersion: true },
      orderBy: { createdAt: 'asc' },
      take: limit,
    });
    return plans.map(({ revision, currentVersion, ...plan }) => ({
      ...plan,
      stamp: { revision, version: currentVersion },
    }));
  }

  async answersFor(occurrenceId: string): Promise<StoredAnswer[]> {
    return this.prisma.standupReply.findMany({
      where: { occurrenceId },
      select: { memberId: true, did: true, doing: true, blockers: true, receivedAt: true, editedAt: true },
      orderBy: { receivedAt: 'asc' },
    });
  }

  async nextDueAt(): Promise<Date | null> {
    const [ritual, blocker, reminder, digest] = await Promise.all([
      this.prisma.ritual.findFirst({
        where: { active: true, nextRunAt: { not: null }, plan: running },
        orderBy: { nextRunAt: 'asc' },
        select: { nextRunAt: true },
      }),
      this.prisma.blocker.findFirst({
        where: { status: 'open', nextEscalationAt: { not: null }, plan: running },
        orderBy: { nextEscalationAt: 'asc' },
        select: { nextEscalationAt: true },
      }),
      this.prisma.occurrence.findFirst({
        where: { remindedAt: null, remindAt: { not: null }, ritual: { plan: running } },
        orderBy: { remindAt: 'asc' },
        select: { remindAt: true },
      }),
      this.prisma.occurrence.findFirst({
        where: { digestedAt: null, digestAt: { not: null }, ritual: { plan: running } },
        orderBy: { digestAt: 'asc' },
        select: { digestAt: true },
      }),
    ]);
    const instants = [ritual?.nextRunAt, blocker?.nextEscalationAt, reminder?.remindAt, digest?.digestAt].filter(
      (d): d is Date => d instanceof Date,
    );
    return instants.length > 0 ? new Date(Math.min(...instants.map((d) => d.getTime()))) : null;
  }
}

/** The `asked` column: member ids, or null for an occurrence claimed before it was kept. */
function askedIds(value: Prisma.JsonValue): string[] | null {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : null;
}

/** Consecutive drafts for the same platform, in order. */
function platformRuns(drafts: readonly OutboxDraft[]): OutboxDraft[][] {
  const runs: OutboxDraft[][] = [];
  for (const draft of drafts) {
    const last = runs.at(-1);
    if (last && last[0]!.platform === draft.platform) last.push(draft);
    else runs.push([draft]);
  }
  return runs;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
