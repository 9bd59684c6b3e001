import { randomUUID } from 'node:crypto';
import type { TaskStatus, BlockerStatus } from '../../src/domain/types.js';
import type { Plan } from '../../src/plans/plan-schema.js';
import type { PlanVersionStore } from '../../src/service/commands/import-plan.js';
import { REPLAN_SOURCE, type StoredVersion } from '../../src/service/commands/kept-moves.js';
import { ConflictError, type Effect, type OutboxDraft } from '../../src/service/effects.js';
import type { PlanStamp, PlanStore } from '../../src/service/ports/plan-store.js';
import { ANSWERED_KINDS, type AnsweredKind, type OccurrenceRef } from '../../src/service/read-model/occurrence-ref.js';
import type { InstantWindow, PlanActivity } from '../../src/service/read-model/plan-activity.js';
import type { PlanSnapshot } from '../../src/service/read-model/plan-snapshot.js';
import type { StoredAnswer } from '../../src/service/read-model/stored-answer.js';
import { standupSettingsConfig } from '../../src/service/read-model/standup-settings.js';
import type {
  MemberState,
  PlanHoliday,
  PlanState,
  ReplanState,
  RitualState,
  StoredRole,
} from '../../src/service/read-model/plan-state.js';
import type { ChatPlatform } from '../../src/service/read-model/platform.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';

type Of<T extends Effect['type']> = Extract<Effect, { type: T }>;

interface WorkspaceRow extends WorkspaceRef {
  id: string;
  /** planbot was uninstalled there (app_uninstalled): its plans' due work waits for a reinstall. */
  uninstalled?: boolean;
}

interface PlanRow {
  id: string;
  workspaceId: string;
  name: string;
  timezone: string;
  channel: string | null;
  currentVersion: number;
  revision: number;
  archived: boolean;
  /** Holidays added in chat; kept across re-imports. */
  holidays?: PlanHoliday[];
}

interface VersionRow {
  planId: string;
  version: number;
  document: unknown;
  sourceName: string | null;
  importedBy: string | null;
  variance: unknown;
  createdAt: Date;
}

interface MemberRow {
  id: string;
  planId: string;
  key: string;
  displayName: string;
  roles: StoredRole[];
  email: string | null;
  timezone: string | null;
  timeOff: { from: string; to: string }[] | null;
  identities: { platform: ChatPlatform; externalId: string | null; handle: string | null }[];
}

interface TaskRow {
  id: string;
  planId: string;
  key: string;
  title: string;
  ownerId: string | null;
  dueDate: string;
  plannedDate: string;
  critical: boolean;
  deliverable: string | null;
  status: TaskStatus;
  doneAt: Date | null;
  slipEscalatedAt: Date | null;
  /** Prerequisites by task id (the task_dependency rows). */
  dependsOnIds: string[];
}

type RitualRow = RitualState & { planId: string };

interface OccurrenceRow {
  id: string;
  ritualId: string;
  scheduledAt: Date;
  status: 'posted' | 'skipped';
  claimedBy: string;
  remindAt: Date | null;
  remindedAt: Date | null;
  asked: string[] | null;
  digestAt: Date | null;
  digestedAt: Date | null;
}

interface ReplyRow {
  occurrenceId: string;
  memberId: string;
  did: string | null;
  doing: string | null;
  blockers: string | null;
  taskStatuses: Record<string, TaskStatus>;
  receivedAt: Date;
  editedAt: Date | null;
}

interface BlockerRow {
  id: string;
  planId: string;
  number: number;
  summary: string;
  status: BlockerStatus;
  taskId: string | null;
  reporterId: string | null;
  openedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  resolvedAt: Date | null;
  resolution: string | null;
  nextEscalationAt: Date | null;
  steps: { tier: number; target: string; dueAt: Date; sentAt: Date }[];
}

interface ReplanRow {
  id: string;
  planId: string;
  number: number;
  slippedTaskKey: string;
  moves: ReplanState['moves'];
  bufferDate: string | null;
  status: ReplanState['status'];
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

/** A queued message as the outbox holds it, in enqueue order. */
export interface QueuedMessage extends Omit<OutboxDraft, 'message'> {
  seq: number;
  message: unknown;
}

export interface AuditEntry {
  planId: string | null;
  actor: string;
  action: string;
  detail: Record<string, unknown> | null;
  at: Date;
}

interface World {
  workspaces: WorkspaceRow[];
  plans: PlanRow[];
  versions: VersionRow[];
  members: MemberRow[];
  tasks: TaskRow[];
  bufferDays: { planId: string; date: string; planDay: number; swapRule: string | null }[];
  rituals: RitualRow[];
  occurrences: OccurrenceRow[];
  replies: ReplyRow[];
  blockers: BlockerRow[];
  replans: ReplanRow[];
  outbox: QueuedMessage[];
  audit: AuditEntry[];
  seq: number;
}

const emptyWorld = (): World => ({
  workspaces: [],
  plans: [],
  versions: [],
  members: [],
  tasks: [],
  bufferDays: [],
  rituals: [],
  occurrences: [],
  replies: [],
  blockers: [],
  replans: [],
  outbox: [],
  audit: [],
  seq: 0,
});

/** What a JSON column gives back: undefined fields dropped, dates as strings. */
const asJson = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

const sameInstant = (a: Date | null, b: Date | null) =>
  a === null || b === null ? a === b : a.getTime() === b.getTime();

/** A DATE column compared with an instant: the date is its midnight UTC (src/store stores it so). */
const dateAsInstant = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Strings ordered by code point, as PostgreSQL's C collation orders the keys plans use. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A row the effect names does not exist: the database refuses with a foreign-key or not-found error. */
class MissingRowError extends Error {
  constructor(effect: Effect['type'], detail: string) {
    super(`${effect}: ${detail}`);
    this.name = 'MissingRowError';
  }
}

/**
 * PlanStore and PlanVersionStore in memory, for unit tests of the service and the scheduler.
 * It keeps the contract of src/store (test/contract/plan-store.contract.ts runs against both):
 * `apply` works on a copy of the world and swaps it in only when every effect applied, so a lost
 * claim or a failed guard (ConflictError) or a missing row (any other error) changes nothing;
 * the due queries filter and order as the indexed queries do; loaded states are frozen copies.
 */
export class FakePlanStore implements PlanStore, PlanVersionStore {
  private world: World = emptyWorld();
  private readonly beforeApply: (() => Promise<void> | void)[] = [];

  constructor(private readonly newId: () => string = randomUUID) {}

  // ---- test helpers: what a test may look at or arrange that the ports do not show ----

  /** Everything queued so far, in enqueue order (one row per idempotency key). */
  get queued(): readonly QueuedMessage[] {
    return this.world.outbox;
  }

  get auditLog(): readonly AuditEntry[] {
    return this.world.audit;
  }

  /** Stand-up answers as stored, for asserting what a command recorded. */
  replies(occurrenceId?: string): readonly ReplyRow[] {
    return this.world.replies.filter((r) => occurrenceId === undefined || r.occurrenceId === occurrenceId);
  }

  /** Every version of a plan's document, oldest first. */
  planVersions(planId: string): readonly VersionRow[] {
    return this.world.versions.filter((v) => v.planId === planId).sort((a, b) => a.version - b.version);
  }

  /** The import format has no time off yet; a test gives a member some as a database row would hold it. */
  setTimeOff(memberId: string, ranges: { from: string; to: string }[]): void {
    const member = this.world.members.find((m) => m.id === memberId);
    if (!member) throw new Error(`no member ${memberId}`);
    member.timeOff = ranges;
    this.bumpRevision(member.planId);
  }

  /** Marks the plan's workspace uninstalled (or installed again), as the Slack adapter's store does. */
  setUninstalled(planId: string, uninstalled: boolean): void {
    const plan = this.requirePlan(planId);
    const workspace = this.world.workspaces.find((w) => w.id === plan.workspaceId);
    if (!workspace) throw new Error(`no workspace for plan ${planId}`);
    workspace.uninstalled = uninstalled;
  }

  /** Archived plans are left out of listings and slip checks. */
  archive(planId: string): void {
    const plan = this.requirePlan(planId);
    plan.archived = true;
    plan.revision += 1;
  }

  /**
   * Runs `fn` just before the next `apply` reads the world: another replica's transaction that
   * commits between a command's decision and its write. `fn` may call `apply` itself.
   */
  interleaveBeforeNextApply(fn: () => Promise<void> | void): void {
    this.beforeApply.push(fn);
  }

  // ---- PlanVersionStore ----

  async savePlanVersion(
    workspace: WorkspaceRef,
    imported: PlanSnapshot,
    meta: Parameters<PlanVersionStore['savePlanVersion']>[2],
  ): Promise<{ planId: string; version: number; previousDocument: unknown }> {
    const w = structuredClone(this.world);
    let ws = w.workspaces.find((x) => x.platform === workspace.platform && x.externalId === workspace.externalId);
    if (!ws) w.workspaces.push((ws = { id: this.newId(), ...workspace }));
    const existing = w.plans.find((p) => p.workspaceId === ws.id && p.name === imported.name);
    const previous = existing
      ? w.versions.find((v) => v.planId === existing.id && v.version === existing.currentVersion)
      : undefined;
    const snapshot =
      existing && meta.rebase
        ? meta.rebase(historySinceImport(w, existing), { holidays: existing.holidays ?? [] })
        : imported;
    const version = existing ? existing.currentVersion + 1 : 1;
    const channel = meta.channel ?? existing?.channel ?? null;
    let plan: PlanRow;
    if (existing) {
      Object.assign(existing, { timezone: snapshot.timezone, currentVersion: version, channel });
      plan = existing;
    } else {
      plan = {
        id: this.newId(),
        workspaceId: ws.id,
        name: snapshot.name,
        timezone: snapshot.timezone,
        channel,
        currentVersion: 1,
        revision: 0,
        archived: false,
      };
      w.plans.push(plan);
    }

    const memberIds = saveMembers(w, plan.id, snapshot, this.newId);
    saveTasks(w, plan.id, snapshot, memberIds, this.newId);
    w.bufferDays = [
      ...w.bufferDays.filter((b) => b.planId !== plan.id),
      ...snapshot.bufferDays.map((b) => ({ planId: plan.id, ...b, swapRule: b.swapRule ?? null })),
    ];
    saveRituals(w, plan.id, snapshot, channel, this.newId);

    const variance = previous ? meta.variance?.(previous.document) : undefined;
    w.versions.push({
      planId: plan.id,
      version,
      document: asJson(snapshot.document),
      sourceName: meta.sourceName,
      importedBy: meta.importedBy,
      variance: variance === undefined ? null : asJson(variance),
      createdAt: meta.at,
    });
    w.audit.push({
      planId: plan.id,
      actor: meta.importedBy,
      action: version === 1 ? 'plan.import' : 'plan.rebaseline',
      detail: { version, source: meta.sourceName },
      at: meta.at,
    });
    this.world = w;
    return { planId: plan.id, version, previousDocument: previous?.document ?? null };
  }

  // ---- PlanStore ----

  async listPlans(workspace: WorkspaceRef) {
    const ws = this.world.workspaces.find(
      (x) => x.platform === workspace.platform && x.externalId === workspace.externalId,
    );
    if (!ws) return [];
    return this.world.plans
      .filter((p) => p.workspaceId === ws.id && !p.archived)
      .map((p) => ({
        id: p.id,
        name: p.name,
        channel: p.channel,
        stamp: { revision: p.revision, version: p.currentVersion },
      }));
  }

  /** Always the current state: the stamp only lets src/store skip a read, so it is not needed here. */
  async loadPlanState(planId: string, _stamp?: PlanStamp): Promise<PlanState> {
    return deepFreeze(structuredClone(readPlanState(this.world, planId)));
  }

  async apply(effects: Effect[]): Promise<void> {
    for (let hook = this.beforeApply.shift(); hook; hook = this.beforeApply.shift()) await hook();
    if (effects.length === 0) return;
    // On a copy: the world is swapped in only when every effect applied, as one transaction commits.
    const w = structuredClone(this.world);
    const drafts: OutboxDraft[] = [];
    for (const effect of effects) {
      if (effect.type === 'outbox') drafts.push(effect.draft);
      else this.applyEffect(w, effect);
    }
    for (const planId of touchedPlans(w, effects)) {
      const plan = w.plans.find((p) => p.id === planId);
      if (plan) plan.revision += 1;
    }
    // Messages go in last, in the order listed; a key queued before is skipped (ON CONFLICT DO NOTHING).
    for (const draft of drafts) {
      if (w.outbox.some((m) => m.idempotencyKey === draft.idempotencyKey)) continue;
      const { message, ...rest } = draft;
      w.outbox.push({ ...rest, message: asJson(message), seq: (w.seq += 1) });
    }
    this.world = w;
  }

  async dueRituals(now: Date, limit: number) {
    return this.world.rituals
      .filter((r) => r.active && r.nextRunAt !== null && r.nextRunAt <= now && this.running(r.planId))
      .sort((a, b) => a.nextRunAt!.getTime() - b.nextRunAt!.getTime())
      .slice(0, limit)
      .map((r) => ({ id: r.id, planId: r.planId, nextRunAt: new Date(r.nextRunAt!) }));
  }

  async dueEscalations(now: Date, limit: number) {
    return this.world.blockers
      .filter(
        (b) =>
          b.status === 'open' && b.nextEscalationAt !== null && b.nextEscalationAt <= now && this.running(b.planId),
      )
      .sort((a, b) => a.nextEscalationAt!.getTime() - b.nextEscalationAt!.getTime())
      .slice(0, limit)
      .map((b) => ({ id: b.id, planId: b.planId }));
  }

  async dueReminders(now: Date, limit: number) {
    return this.dueFollowUps(now, limit, 'remindAt', 'remindedAt');
  }

  async dueDigests(now: Date, limit: number) {
    return this.dueFollowUps(now, limit, 'digestAt', 'digestedAt');
  }

  /** Posted occurrences whose reminder or digest is due and not yet claimed, soonest first. */
  private dueFollowUps(now: Date, limit: number, at: 'remindAt' | 'digestAt', claimed: 'remindedAt' | 'digestedAt') {
    return this.world.occurrences
      .filter((o) => o[at] !== null && o[at] <= now && o[claimed] === null && this.running(this.ritualOf(o).planId))
      .sort((a, b) => a[at]!.getTime() - b[at]!.getTime())
      .slice(0, limit)
      .map((o) => ({
        id: o.id,
        ritualId: o.ritualId,
        scheduledAt: new Date(o.scheduledAt),
        planId: this.ritualOf(o).planId,
      }));
  }

  async plansWithOverdueTasks(before: Date): Promise<string[]> {
    const open: TaskStatus[] = ['todo', 'in_progress', 'blocked'];
    const plans = new Set(
      this.world.tasks
        .filter(
          (t) =>
            open.includes(t.status) &&
            dateAsInstant(t.dueDate) < before &&
            t.slipEscalatedAt === null &&
            !this.requirePlan(t.planId).archived &&
            this.running(t.planId),
        )
        .map((t) => t.planId),
    );
    return [...plans];
  }

  async latestOccurrence(planId: string, kinds: readonly AnsweredKind[], now: Date): Promise<OccurrenceRef | null> {
    const found = this.world.occurrences
      .filter((o) => {
        const ritual = this.ritualOf(o);
        return (
          ritual.planId === planId &&
          (kinds as readonly string[]).includes(ritual.kind) &&
          o.status === 'posted' &&
          o.scheduledAt <= now
        );
      })
      .sort((a, b) => b.scheduledAt.getTime() - a.scheduledAt.getTime())[0];
    return found ? this.occurrenceRef(found) : null;
  }

  async findOccurrence(by: { id: string } | { ritualId: string; scheduledAt: Date }): Promise<OccurrenceRef | null> {
    const found = this.world.occurrences.find(
      (o) =>
        o.status === 'posted' &&
        ('id' in by ? o.id === by.id : o.ritualId === by.ritualId && sameInstant(o.scheduledAt, by.scheduledAt)),
    );
    return found ? this.occurrenceRef(found) : null;
  }

  async repliesFor(occurrenceId: string): Promise<string[]> {
    return this.world.replies.filter((r) => r.occurrenceId === occurrenceId).map((r) => r.memberId);
  }

  async planActivity(planId: string, window: InstantWindow): Promise<PlanActivity> {
    const within = (at: Date | null) => at !== null && window.from <= at && at < window.to;
    const prompts = this.world.occurrences
      .filter((o) => {
        const ritual = this.ritualOf(o);
        return (
          ritual.planId === planId &&
          (ANSWERED_KINDS as readonly string[]).includes(ritual.kind) &&
          o.status === 'posted' &&
          within(o.scheduledAt)
        );
      })
      .sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime())
      .map((o) => ({
        id: o.id,
        kind: this.ritualOf(o).kind as AnsweredKind,
        scheduledAt: new Date(o.scheduledAt),
        asked: o.asked && [...o.asked],
        replies: this.world.replies
          .filter((r) => r.occurrenceId === o.id)
          .map((r) => ({ memberId: r.memberId, receivedAt: new Date(r.receivedAt) })),
      }));
    const blockers = this.world.blockers
      .filter((b) => b.planId === planId && (within(b.openedAt) || within(b.acknowledgedAt) || within(b.resolvedAt)))
      .sort((a, b) => a.number - b.number)
      .map((b) => ({
        id: b.id,
        number: b.number,
        taskId: b.taskId,
        reporterId: b.reporterId,
        openedAt: new Date(b.openedAt),
        acknowledgedAt: b.acknowledgedAt && new Date(b.acknowledgedAt),
        resolvedAt: b.resolvedAt && new Date(b.resolvedAt),
        steps: [...b.steps]
          .sort((x, y) => x.tier - y.tier)
          .map((step) => ({ tier: step.tier, sentAt: new Date(step.sentAt) })),
      }));
    return { prompts, blockers };
  }

  async runningPlans(limit: number) {
    return this.world.plans
      .filter((p) => !p.archived && this.running(p.id))
      .slice(0, limit)
      .map((p) => ({ id: p.id, name: p.name, stamp: { revision: p.revision, version: p.currentVersion } }));
  }

  async answersFor(occurrenceId: string): Promise<StoredAnswer[]> {
    return this.world.replies
      .filter((r) => r.occurrenceId === occurrenceId)
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
      .map((r) => ({
        memberId: r.memberId,
        did: r.did,
        doing: r.doing,
        blockers: r.blockers,
        receivedAt: new Date(r.receivedAt),
        editedAt: r.editedAt && new Date(r.editedAt),
      }));
  }

  async nextDueAt(): Promise<Date | null> {
    const instants = [
      ...this.world.rituals.filter((r) => r.active && this.running(r.planId)).map((r) => r.nextRunAt),
      ...this.world.blockers
        .filter((b) => b.status === 'open' && this.running(b.planId))
        .map((b) => b.nextEscalationAt),
      ...this.world.occurrences
        .filter((o) => o.remindedAt === null && this.running(this.ritualOf(o).planId))
        .map((o) => o.remindAt),
      ...this.world.occurrences
        .filter((o) => o.digestedAt === null && this.running(this.ritualOf(o).planId))
        .map((o) => o.digestAt),
    ].filter((d): d is Date => d !== null);
    return instants.length > 0 ? new Date(Math.min(...instants.map((d) => d.getTime()))) : null;
  }

  /** Whether the plan's workspace still has planbot installed. */
  private running(planId: string): boolean {
    const plan = this.requirePlan(planId);
    return !this.world.workspaces.find((w) => w.id === plan.workspaceId)?.uninstalled;
  }

  // ---- effects, one at a time on the copy `w` ----

  private applyEffect(w: World, effect: Exclude<Effect, { type: 'outbox' }>): void {
    switch (effect.type) {
      case 'occurrence.claim':
        return this.claimOccurrence(w, effect);
      case 'ritual.advance': {
        // Compare-and-set on next_run_at: only the tick that saw `from` moves the ritual on.
        const ritual = w.rituals.find((r) => r.id === effect.ritualId && sameInstant(r.nextRunAt, effect.from));
        if (!ritual) throw new ConflictError(effect.type, 'ritual was advanced by someone else');
        ritual.nextRunAt = effect.to;
        return;
      }
      case 'occurrence.reminded': {
        const occurrence = w.occurrences.find((o) => o.id === effect.occurrenceId && o.remindedAt === null);
        if (!occurrence) throw new ConflictError(effect.type, 'reminder already sent');
        occurrence.remindedAt = effect.at;
        return;
      }
      case 'occurrence.digested': {
        const occurrence = w.occurrences.find((o) => o.id === effect.occurrenceId && o.digestedAt === null);
        if (!occurrence) throw new ConflictError(effect.type, 'digest already posted');
        occurrence.digestedAt = effect.at;
        return;
      }
      case 'standup.reply': {
        if (!w.occurrences.some((o) => o.id === effect.occurrenceId))
          throw new MissingRowError(effect.type, `no occurrence ${effect.occurrenceId}`);
        this.requireMember(w, effect.type, effect.memberId);
        const data = {
          did: effect.did ?? null,
          doing: effect.doing ?? null,
          blockers: effect.blockers ?? null,
          taskStatuses: asJson(effect.taskStatuses),
          receivedAt: effect.at,
        };
        const existing = w.replies.find(
          (r) => r.occurrenceId === effect.occurrenceId && r.memberId === effect.memberId,
        );
        // The answer is replaced, and the digest says so.
        if (existing) Object.assign(existing, data, { editedAt: effect.at });
        else w.replies.push({ occurrenceId: effect.occurrenceId, memberId: effect.memberId, ...data, editedAt: null });
        return;
      }
      case 'blocker.open': {
        this.requirePlanIn(w, effect.type, effect.planId);
        if (effect.taskId !== null && !w.tasks.some((t) => t.id === effect.taskId))
          throw new MissingRowError(effect.type, `no task ${effect.taskId}`);
        if (effect.reporterId !== null) this.requireMember(w, effect.type, effect.reporterId);
        // The unique (plan, number) key turns two commands choosing the same number into a conflict.
        if (
          w.blockers.some(
            (b) => b.id === effect.blockerId || (b.planId === effect.planId && b.number === effect.number),
          )
        )
          throw new ConflictError(effect.type, 'a unique key was taken meanwhile');
        w.blockers.push({
          id: effect.blockerId,
          planId: effect.planId,
          number: effect.number,
          summary: effect.summary,
          status: 'open',
          taskId: effect.taskId,
          reporterId: effect.reporterId,
          openedAt: effect.at,
          acknowledgedAt: null,
          acknowledgedById: null,
          resolvedAt: null,
          resolution: null,
          nextEscalationAt: effect.nextEscalationAt,
          steps: [],
        });
        return;
      }
      case 'blocker.update': {
        const blocker = w.blockers.find((b) => b.id === effect.blockerId && effect.expectStatus.includes(b.status));
        if (!blocker) throw new ConflictError(effect.type, 'blocker changed meanwhile');
        assignDefined(blocker, effect.data);
        if (effect.expectTiersSent !== undefined && blocker.steps.length !== effect.expectTiersSent)
          throw new ConflictError(effect.type, 'a ladder tier fired meanwhile');
        return;
      }
      case 'escalation.claim': {
        const blocker = w.blockers.find((b) => b.id === effect.blockerId);
        if (!blocker) throw new MissingRowError(effect.type, `no blocker ${effect.blockerId}`);
        if (blocker.steps.some((s) => s.tier === effect.tier))
          throw new ConflictError(effect.type, 'tier already fired');
        blocker.steps.push({ tier: effect.tier, target: effect.target, dueAt: effect.dueAt, sentAt: effect.at });
        // An acknowledgement that landed meanwhile wins: the tier is not sent.
        if (blocker.status !== 'open') throw new ConflictError(effect.type, 'blocker no longer open');
        blocker.nextEscalationAt = effect.nextEscalationAt;
        return;
      }
      case 'task.update': {
        const task = w.tasks.find((t) => t.id === effect.taskId);
        if (!task) throw new MissingRowError(effect.type, `no task ${effect.taskId}`);
        const { dueDate, ...rest } = effect.data;
        assignDefined(task, rest);
        if (dueDate) task.dueDate = dueDate;
        return;
      }
      case 'task.slip_claim': {
        const task = w.tasks.find((t) => t.id === effect.taskId && t.slipEscalatedAt === null);
        if (!task) throw new ConflictError(effect.type, 'slip already escalated');
        task.slipEscalatedAt = effect.at;
        return;
      }
      case 'replan.create': {
        this.requirePlanIn(w, effect.type, effect.planId);
        if (
          w.replans.some((r) => r.id === effect.replanId || (r.planId === effect.planId && r.number === effect.number))
        )
          throw new ConflictError(effect.type, 'a unique key was taken meanwhile');
        w.replans.push({
          id: effect.replanId,
          planId: effect.planId,
          number: effect.number,
          slippedTaskKey: effect.slippedTaskKey,
          moves: asJson(effect.moves),
          bufferDate: effect.bufferDate,
          status: 'pending',
          createdAt: effect.at,
          decidedAt: null,
          decidedBy: null,
        });
        return;
      }
      case 'replan.decide': {
        const replan = w.replans.find((r) => r.id === effect.replanId && r.status === 'pending');
        if (!replan) throw new ConflictError(effect.type, 'proposal already decided');
        Object.assign(replan, { status: effect.status, decidedAt: effect.at, decidedBy: effect.by });
        return;
      }
      case 'plan.version': {
        const plan = w.plans.find((p) => p.id === effect.planId && p.currentVersion === effect.fromVersion);
        if (!plan) throw new ConflictError(effect.type, 'plan was re-baselined meanwhile');
        plan.currentVersion = effect.fromVersion + 1;
        w.versions.push({
          planId: plan.id,
          version: plan.currentVersion,
          document: asJson(effect.document),
          sourceName: REPLAN_SOURCE,
          importedBy: effect.by,
          variance: asJson(effect.variance) ?? null,
          createdAt: effect.at,
        });
        return;
      }
      case 'identity.link': {
        const member = this.requireMember(w, effect.type, effect.memberId);
        const identity = member.identities.find((i) => i.platform === effect.platform);
        if (identity) identity.externalId = effect.externalId;
        else member.identities.push({ platform: effect.platform, externalId: effect.externalId, handle: null });
        return;
      }
      case 'member.time_off': {
        const member = this.requireMember(w, effect.type, effect.memberId);
        if (JSON.stringify(member.timeOff ?? []) !== JSON.stringify(effect.expect))
          throw new ConflictError(effect.type, 'time off changed meanwhile');
        member.timeOff = asJson(effect.timeOff);
        return;
      }
      case 'plan.holidays': {
        const plan = this.requirePlanIn(w, effect.type, effect.planId);
        if (JSON.stringify(plan.holidays ?? []) !== JSON.stringify(effect.expect))
          throw new ConflictError(effect.type, 'holidays changed meanwhile');
        plan.holidays = asJson(effect.holidays);
        return;
      }
      case 'audit':
        this.requirePlanIn(w, effect.type, effect.planId);
        w.audit.push({
          planId: effect.planId,
          actor: effect.actor,
          action: effect.action,
          detail: effect.detail ? asJson(effect.detail) : null,
          at: effect.at,
        });
        return;
    }
  }

  private claimOccurrence(w: World, effect: Of<'occurrence.claim'>): void {
    if (!w.rituals.some((r) => r.id === effect.ritualId))
      throw new MissingRowError(effect.type, `no ritual ${effect.ritualId}`);
    // The unique (ritual, instant) key decides the owner: whoever inserts it posts it.
    if (w.occurrences.some((o) => o.ritualId === effect.ritualId && sameInstant(o.scheduledAt, effect.scheduledAt)))
      throw new ConflictError(effect.type, 'occurrence already claimed');
    w.occurrences.push({
      id: this.newId(),
      ritualId: effect.ritualId,
      scheduledAt: effect.scheduledAt,
      status: effect.status,
      claimedBy: effect.claimedBy,
      remindAt: effect.remindAt ?? null,
      remindedAt: null,
      asked: effect.asked ? [...effect.asked] : null,
      digestAt: effect.digestAt ?? null,
      digestedAt: null,
    });
  }

  private requirePlan(planId: string): PlanRow {
    const plan = this.world.plans.find((p) => p.id === planId);
    if (!plan) throw new Error(`No plan ${planId}`);
    return plan;
  }

  private requirePlanIn(w: World, effect: Effect['type'], planId: string): PlanRow {
    const plan = w.plans.find((p) => p.id === planId);
    if (!plan) throw new MissingRowError(effect, `no plan ${planId}`);
    return plan;
  }

  private requireMember(w: World, effect: Effect['type'], memberId: string): MemberRow {
    const member = w.members.find((m) => m.id === memberId);
    if (!member) throw new MissingRowError(effect, `no member ${memberId}`);
    return member;
  }

  private ritualOf(occurrence: OccurrenceRow): RitualRow {
    return this.world.rituals.find((r) => r.id === occurrence.ritualId)!;
  }

  private occurrenceRef(o: OccurrenceRow): OccurrenceRef {
    const ritual = this.ritualOf(o);
    return {
      id: o.id,
      ritualId: o.ritualId,
      scheduledAt: new Date(o.scheduledAt),
      planId: ritual.planId,
      kind: ritual.kind,
    };
  }

  private bumpRevision(planId: string): void {
    this.requirePlan(planId).revision += 1;
  }
}

/** Sets the fields given; an absent (undefined) one is left alone, as Prisma leaves it. */
function assignDefined<T extends object>(row: T, data: Partial<T>): void {
  for (const [key, value] of Object.entries(data))
    if (value !== undefined) (row as Record<string, unknown>)[key] = value;
}

/** The plans whose PlanState the effects change (src/store/plan-revision.ts bumps their revision). */
function touchedPlans(w: World, effects: readonly Effect[]): Set<string> {
  const plans = new Set<string>();
  const add = (planId: string | undefined) => planId && plans.add(planId);
  for (const effect of effects) {
    switch (effect.type) {
      case 'blocker.open':
      case 'replan.create':
      case 'plan.version':
      case 'plan.holidays':
        add(effect.planId);
        break;
      case 'blocker.update':
      case 'escalation.claim':
        add(w.blockers.find((b) => b.id === effect.blockerId)?.planId);
        break;
      case 'task.update':
      case 'task.slip_claim':
        add(w.tasks.find((t) => t.id === effect.taskId)?.planId);
        break;
      case 'ritual.advance':
        add(w.rituals.find((r) => r.id === effect.ritualId)?.planId);
        break;
      case 'identity.link':
      case 'member.time_off':
        add(w.members.find((m) => m.id === effect.memberId)?.planId);
        break;
      case 'replan.decide':
        add(w.replans.find((r) => r.id === effect.replanId)?.planId);
        break;
      default:
        break;
    }
  }
  return plans;
}

function readPlanState(w: World, planId: string): PlanState {
  const plan = w.plans.find((p) => p.id === planId);
  if (!plan) throw new Error(`No plan ${planId}`);
  const workspace = w.workspaces.find((x) => x.id === plan.workspaceId)!;
  const version = w.versions.find((v) => v.planId === planId && v.version === plan.currentVersion)!;
  const keyOf = new Map(w.tasks.map((t) => [t.id, t.key]));
  return {
    plan: {
      id: plan.id,
      name: plan.name,
      timezone: plan.timezone,
      channel: plan.channel,
      version: plan.currentVersion,
      document: version.document as Plan,
      workspace: {
        id: workspace.id,
        platform: workspace.platform,
        externalId: workspace.externalId,
        name: workspace.name,
      },
      holidays: plan.holidays ?? [],
    },
    members: w.members
      .filter((m) => m.planId === planId)
      .sort((a, b) => byText(a.key, b.key))
      .map((m): MemberState => ({
        id: m.id,
        key: m.key,
        displayName: m.displayName,
        roles: m.roles,
        email: m.email,
        timezone: m.timezone,
        timeOff: m.timeOff ?? [],
        identities: m.identities,
      })),
    tasks: w.tasks
      .filter((t) => t.planId === planId)
      .sort((a, b) => byText(a.dueDate, b.dueDate) || byText(a.key, b.key))
      .map((t) => ({
        id: t.id,
        key: t.key,
        title: t.title,
        ownerId: t.ownerId,
        dueDate: t.dueDate,
        plannedDate: t.plannedDate,
        status: t.status,
        critical: t.critical,
        deliverable: t.deliverable,
        dependsOn: t.dependsOnIds.map((id) => keyOf.get(id)!),
        doneAt: t.doneAt,
        slipEscalatedAt: t.slipEscalatedAt,
      })),
    blockers: w.blockers
      .filter((b) => b.planId === planId)
      .sort((a, b) => a.number - b.number)
      .map((b) => ({
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
        steps: [...b.steps].sort((x, y) => x.tier - y.tier).map((s) => ({ tier: s.tier, target: s.target })),
      })),
    replans: w.replans
      .filter((r) => r.planId === planId)
      .sort((a, b) => a.number - b.number)
      .map((r) => ({
        id: r.id,
        number: r.number,
        slippedTaskKey: r.slippedTaskKey,
        moves: r.moves,
        status: r.status,
        createdAt: r.createdAt,
      })),
    rituals: w.rituals
      .filter((r) => r.planId === planId)
      .sort((a, b) => byText(a.key, b.key))
      .map((r) => ({
        id: r.id,
        key: r.key,
        kind: r.kind,
        localTime: r.localTime,
        timezone: r.timezone,
        days: r.days,
        onBufferDays: r.onBufferDays,
        channel: r.channel,
        inThread: r.inThread,
        questions: r.questions,
        dm: r.dm,
        ...standupSettingsConfig(r),
        active: r.active,
        nextRunAt: r.nextRunAt,
      })),
  };
}

// ---- savePlanVersion's parts, as src/store/plan-repository.ts does them ----

function historySinceImport(w: World, plan: PlanRow): StoredVersion[] {
  const history: StoredVersion[] = [];
  for (let version = plan.currentVersion; version >= 1; version -= 1) {
    const row = w.versions.find((v) => v.planId === plan.id && v.version === version);
    if (!row) break;
    history.push({ sourceName: row.sourceName, document: row.document, variance: row.variance });
    if (row.sourceName !== REPLAN_SOURCE) break;
  }
  return history;
}

function saveMembers(w: World, planId: string, snapshot: PlanSnapshot, newId: () => string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const m of snapshot.members) {
    const data = { displayName: m.displayName, roles: m.roles, email: m.email ?? null, timezone: m.timezone ?? null };
    let row = w.members.find((x) => x.planId === planId && x.key === m.key);
    if (row) Object.assign(row, data);
    else w.members.push((row = { id: newId(), planId, key: m.key, ...data, timeOff: null, identities: [] }));
    ids.set(m.key, row.id);
    // Identities from the document; ones linked later in chat are kept when the document has none.
    const upsert = (platform: ChatPlatform, externalId: string | null, handle: string | null | undefined) => {
      const identity = row.identities.find((i) => i.platform === platform);
      if (identity) Object.assign(identity, { externalId, ...(handle !== undefined ? { handle } : {}) });
      else row.identities.push({ platform, externalId, handle: handle ?? null });
    };
    if (m.slack) upsert('slack', m.slack.id ?? null, m.slack.handle ?? null);
    if (m.teamsId) upsert('teams', m.teamsId, undefined);
  }
  return ids;
}

function saveTasks(
  w: World,
  planId: string,
  snapshot: PlanSnapshot,
  memberIds: Map<string, string>,
  newId: () => string,
): void {
  const kept = new Set(snapshot.tasks.map((t) => t.key));
  for (const t of snapshot.tasks) {
    const data = {
      title: t.title,
      ownerId: t.ownerKey ? (memberIds.get(t.ownerKey) ?? null) : null,
      dueDate: t.dueDate,
      // A new baseline: what is planned now is what later slips are measured against.
      plannedDate: t.dueDate,
      critical: t.critical,
      deliverable: t.deliverable ?? null,
    };
    const row = w.tasks.find((x) => x.planId === planId && x.key === t.key);
    // Re-importing keeps a task's progress (status, done, slip claim) and moves it in place.
    if (row) Object.assign(row, data);
    else
      w.tasks.push({
        id: newId(),
        planId,
        key: t.key,
        ...data,
        status: 'todo',
        doneAt: null,
        slipEscalatedAt: null,
        dependsOnIds: [],
      });
  }
  const ids = new Map(w.tasks.filter((t) => t.planId === planId).map((t) => [t.key, t.id]));
  for (const row of w.tasks.filter((t) => t.planId === planId)) {
    // Tasks that left the plan are cancelled, not deleted: their history stays.
    if (!kept.has(row.key)) row.status = 'cancelled';
    row.dependsOnIds = (snapshot.tasks.find((t) => t.key === row.key)?.dependsOn ?? []).map((key) => ids.get(key)!);
  }
}

function saveRituals(w: World, planId: string, snapshot: PlanSnapshot, channel: string | null, newId: () => string) {
  const keys: string[] = [];
  for (const r of snapshot.rituals) {
    let key: string = r.kind;
    for (let n = 2; keys.includes(key); n += 1) key = `${r.kind}-${n}`;
    keys.push(key);
    const data = {
      kind: r.kind,
      localTime: r.localTime,
      timezone: r.timezone,
      days: r.days,
      onBufferDays: r.onBufferDays,
      channel: r.channel ?? channel,
      inThread: r.inThread,
      questions: r.questions,
      dm: r.dm,
      // A re-import that drops a setting drops it here too, as the config column is rewritten.
      ask: undefined,
      remindAfterMinutes: undefined,
      digest: undefined,
      ...standupSettingsConfig(r),
      active: true,
      nextRunAt: r.nextRunAt,
    };
    const row = w.rituals.find((x) => x.planId === planId && x.key === key);
    if (row) Object.assign(row, data);
    else w.rituals.push({ id: newId(), planId, key, ...data });
  }
  // Rituals the document dropped stop: inactive, nothing due.
  for (const row of w.rituals.filter((r) => r.planId === planId && !keys.includes(r.key)))
    Object.assign(row, { active: false, nextRunAt: null });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
