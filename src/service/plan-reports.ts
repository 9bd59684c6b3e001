import { isPlanError } from '../domain/plan-error.js';
import type { Clock } from './ports/clock.js';
import type { PlanStore } from './ports/plan-store.js';
import { loadReport } from './read-model/load-report.js';
import type { ParticipationReport } from './read-model/participation-report.js';
import { PlanView } from './read-model/plan-view.js';

/** A plan's report for its current week, as /metrics shows it. */
export interface PlanReportRow {
  planId: string;
  planName: string;
  report: ParticipationReport;
}

/**
 * The plans /metrics reports on, at most this many (oldest first): each is a label value, and a
 * scrape must stay bounded however many plans a deployment holds.
 */
export const MAX_REPORTED_PLANS = 100;

/**
 * Each running plan's report for its current plan week so far: the numbers `/plan report` gives
 * with no week named. One plan-state load (cached per revision) and one activity read per plan,
 * one plan at a time so a scrape never floods the database.
 */
export class PlanReports {
  constructor(private readonly ports: { store: PlanStore; clock: Clock }) {}

  async current(): Promise<PlanReportRow[]> {
    const { store, clock } = this.ports;
    const now = clock.now();
    const rows: PlanReportRow[] = [];
    for (const plan of await store.runningPlans(MAX_REPORTED_PLANS)) {
      const view = PlanView.of(await store.loadPlanState(plan.id, plan.stamp));
      try {
        rows.push({ planId: plan.id, planName: plan.name, report: await loadReport(store, view, {}, now) });
      } catch (error) {
        // A plan that has not started has no week to report yet.
        if (isPlanError(error, 'invalid_command')) continue;
        throw error;
      }
    }
    return rows;
  }
}
