import type { Effect } from '../effects.js';
import type { AnsweredKind, OccurrenceRef } from '../read-model/occurrence-ref.js';
import type { InstantWindow, PlanActivity } from '../read-model/plan-activity.js';
import type { PlanState } from '../read-model/plan-state.js';
import type { WorkspaceRef } from '../read-model/workspace-ref.js';
import type { StoredAnswer } from '../read-model/stored-answer.js';

/** Which state of a plan is current: `revision` moves with every change, `version` with every re-baseline. */
export interface PlanStamp {
  revision: number;
  version: number;
}

/**
 * What the service and the scheduler need from storage. `src/store` implements it on Prisma.
 * The due queries (and nextDueAt) leave out plans of a workspace planbot was uninstalled from.
 */
export interface PlanStore {
  /** Plans of a workspace, scoped so one workspace never sees another's, each with its current stamp. */
  listPlans(workspace: WorkspaceRef): Promise<{ id: string; name: string; channel: string | null; stamp: PlanStamp }[]>;
  /** The plan's state; `stamp`, when the caller has just read it (listPlans), saves reading it again. */
  loadPlanState(planId: string, stamp?: PlanStamp): Promise<PlanState>;
  /** Applies effects in one transaction; throws ConflictError (and applies nothing) if a claim or guard fails. */
  apply(effects: Effect[]): Promise<void>;
  /** Rituals whose next firing is at or before `now`: an index range scan on next_run_at. */
  dueRituals(now: Date, limit: number): Promise<{ id: string; planId: string; nextRunAt: Date }[]>;
  /** Blockers whose next ladder tier is due. */
  dueEscalations(now: Date, limit: number): Promise<{ id: string; planId: string }[]>;
  /** Stand-up occurrences whose reminder is due. */
  dueReminders(
    now: Date,
    limit: number,
  ): Promise<{ id: string; planId: string; ritualId: string; scheduledAt: Date }[]>;
  /** Stand-up occurrences whose digest is due and not yet posted: an index range scan on digest_at. */
  dueDigests(now: Date, limit: number): Promise<{ id: string; planId: string; ritualId: string; scheduledAt: Date }[]>;
  /** Active plans with open tasks due before `before` that have not been escalated as slips. */
  plansWithOverdueTasks(before: Date): Promise<string[]>;
  /** The latest posted occurrence of one of `kinds` at or before `now` (an answer with no thread attaches to it). */
  latestOccurrence(planId: string, kinds: readonly AnsweredKind[], now: Date): Promise<OccurrenceRef | null>;
  /** A posted occurrence by id, or by its ritual and instant (the key its prompt was queued under). */
  findOccurrence(by: { id: string } | { ritualId: string; scheduledAt: Date }): Promise<OccurrenceRef | null>;
  repliesFor(occurrenceId: string): Promise<string[]>;
  /** What happened in one plan over `window` (prompts and their answers, blockers and their tiers), for a report. */
  planActivity(planId: string, window: InstantWindow): Promise<PlanActivity>;
  /**
   * Plans planbot runs, across workspaces (not archived, workspace installed), oldest first, at
   * most `limit`: the plans /metrics reports on.
   */
  runningPlans(limit: number): Promise<{ id: string; name: string; stamp: PlanStamp }[]>;
  /** The answers given to one occurrence, each as it reads now. */
  answersFor(occurrenceId: string): Promise<StoredAnswer[]>;
  /** The earliest stored instant anything is due (ritual, ladder tier, reminder, digest), for sleeping until then. */
  nextDueAt(): Promise<Date | null>;
}
