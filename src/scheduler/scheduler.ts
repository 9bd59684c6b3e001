import { randomUUID } from 'node:crypto';
import { DEFAULT_REMIND_AFTER_MINUTES } from '../domain/standup-reminder-delay.js';
import { ConflictError, type Effect } from '../service/effects.js';
import type { Clock } from '../service/ports/clock.js';
import { decideEscalation } from '../service/deciders/escalation-decision.js';
import type { MetricsPort } from '../service/ports/metrics-port.js';
import type { PlanStore } from '../service/ports/plan-store.js';
import { PlanView } from '../service/read-model/plan-view.js';
import { decideReminder } from '../service/deciders/reminder-decision.js';
import { decideDigest } from '../service/deciders/digest-decision.js';
import { decideRitualFiring, type FiringPolicy } from '../service/deciders/ritual-firing.js';
import { decideSlips, nextSlipCheck } from '../service/deciders/slip-decision.js';

export interface SchedulerOptions {
  catchUpWindowMs: number;
  reminderDelayMs: number;
  /** Due rows handled per query; the tick loops until nothing is due. */
  batchSize: number;
  /** Names the claims this instance makes (host:pid), for the audit trail. */
  instanceId: string;
  newId?: () => string;
}

export interface TickReport {
  posted: number;
  skipped: number;
  escalations: number;
  reminders: number;
  /** Stand-up digests posted. */
  digests: number;
  slips: number;
  /** Claims another scheduler (or an earlier tick) already owned. */
  conflicts: number;
}

const SLIP_RECHECK_MS = 60 * 60_000;

export const defaultSchedulerOptions = {
  catchUpWindowMs: 30 * 60_000,
  reminderDelayMs: DEFAULT_REMIND_AFTER_MINUTES * 60_000,
  batchSize: 100,
};

/**
 * Finds due work by indexed queries and turns each item into one transaction of effects.
 * Every item is claimed by a unique row inside its transaction, so two schedulers (replicas, or
 * a restart mid-tick) never post the same thing twice; the loser's transaction simply rolls back.
 * node-cron only wakes `tick`; what is due is decided from stored instants and `clock.now()`.
 */
export class Scheduler {
  private readonly newId: () => string;
  /** Per plan, the earliest instant a slip can be due; re-checked at least hourly in case tasks moved. */
  private readonly slipCheckAt = new Map<string, number>();

  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
    private readonly options: SchedulerOptions,
    /** Times each tick; optional (tests and `simulate` run without). Escalations are counted where they commit, in the store. */
    private readonly metrics?: MetricsPort,
  ) {
    this.newId = options.newId ?? randomUUID;
  }

  async tick(): Promise<TickReport> {
    const done = this.metrics?.startTick();
    try {
      return await this.runTick();
    } finally {
      done?.();
    }
  }

  private async runTick(): Promise<TickReport> {
    const now = this.clock.now();
    const report: TickReport = {
      posted: 0,
      skipped: 0,
      escalations: 0,
      reminders: 0,
      digests: 0,
      slips: 0,
      conflicts: 0,
    };
    const views = new Map<string, PlanView>();
    // Loaded once per plan per step; a step's own writes invalidate its plan so the next item sees them.
    const view = async (planId: string) => {
      let v = views.get(planId);
      if (!v) views.set(planId, (v = PlanView.of(await this.store.loadPlanState(planId))));
      return v;
    };
    const attempt = async (planId: string, effects: Effect[]) => {
      try {
        await this.store.apply(effects);
        views.delete(planId);
        return true;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        report.conflicts += 1;
        views.delete(planId);
        return false;
      }
    };

    const policy: FiringPolicy = {
      catchUpWindowMs: this.options.catchUpWindowMs,
      reminderDelayMs: this.options.reminderDelayMs,
      claimedBy: this.options.instanceId,
    };
    await drainDue(
      () => this.store.dueRituals(now, this.options.batchSize),
      async (item) => {
        const v = await view(item.planId);
        const ritual = v.state.rituals.find((r) => r.id === item.id);
        if (!ritual) return false;
        const { effects, posted } = decideRitualFiring(v, ritual, item.nextRunAt, now, policy);
        if (!(await attempt(item.planId, effects))) return false;
        if (posted) report.posted += 1;
        else report.skipped += 1;
        return true;
      },
    );

    for (const item of await this.store.dueReminders(now, this.options.batchSize)) {
      const effects = decideReminder(await view(item.planId), item, await this.store.repliesFor(item.id), now);
      if (await attempt(item.planId, effects)) report.reminders += 1;
    }

    for (const item of await this.store.dueDigests(now, this.options.batchSize)) {
      const effects = decideDigest(await view(item.planId), item, await this.store.answersFor(item.id), now);
      if (await attempt(item.planId, effects)) report.digests += 1;
    }

    await drainDue(
      () => this.store.dueEscalations(now, this.options.batchSize),
      async (item) => {
        const v = await view(item.planId);
        const blocker = v.state.blockers.find((b) => b.id === item.id);
        if (!blocker) return false;
        const effects = decideEscalation(v, blocker, now);
        if (!(await attempt(item.planId, effects))) return false;
        if (effects.some((e) => e.type === 'escalation.claim')) report.escalations += 1;
        return true;
      },
    );

    for (const planId of await this.store.plansWithOverdueTasks(endOfUtcDay(now))) {
      if ((this.slipCheckAt.get(planId) ?? 0) > now.getTime()) continue;
      for (const effects of decideSlips(await view(planId), now, this.newId)) {
        if (await attempt(planId, effects)) report.slips += 1;
      }
      const next = nextSlipCheck(await view(planId));
      this.slipCheckAt.set(planId, Math.min(next?.getTime() ?? Infinity, now.getTime() + SLIP_RECHECK_MS));
    }
    return report;
  }
}

/**
 * Handles due items batch by batch until none is left. A due item fires one step (one occurrence,
 * one tier), so a backlog after downtime is worked off in order; if a whole batch was claimed by
 * someone else, stop rather than spin on rows this instance cannot move.
 */
async function drainDue<T>(fetch: () => Promise<T[]>, handle: (item: T) => Promise<boolean>): Promise<void> {
  for (let due = await fetch(); due.length > 0; due = await fetch()) {
    let progressed = false;
    for (const item of due) if (await handle(item)) progressed = true;
    if (!progressed) return;
  }
}

/** Tasks due up to today (UTC) are candidates in every zone; the plan's own zone decides in decideSlips. */
function endOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
