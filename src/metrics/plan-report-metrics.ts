import { Gauge, type Registry } from 'prom-client';
import type { PlanReportRow } from '../service/plan-reports.js';

export interface PlanReportMetricsOptions {
  registry: Registry;
  /** Every running plan's current-week report (PlanReports.current). */
  readReports: () => Promise<PlanReportRow[]>;
  /** Milliseconds from a monotonic source, for the cache's age. */
  monotonicNow: () => number;
  /** A read is reused by scrapes within this many milliseconds: several Prometheus servers cost one read. */
  cacheMs?: number;
}

const DEFAULT_CACHE_MS = 30_000;

type PlanGauge = Gauge<'plan'>;

/**
 * The `/plan report` numbers per plan, for the current plan week so far, read at scrape time.
 * The `plan` label is the plan's id (unique and stable across re-imports and renames; names repeat
 * across workspaces); `planbot_plan_info` maps it to the name. Members are never a label: per-member
 * rates stay in the chat report, and series stay at most ~20 per plan for at most 100 plans.
 */
export class PlanReportMetrics {
  private readonly readReports: () => Promise<PlanReportRow[]>;
  private readonly monotonicNow: () => number;
  private readonly cacheMs: number;
  private readonly gauges: Gauge<string>[] = [];
  private read: Promise<void> | undefined;
  private readAt: number | undefined;

  private readonly info: Gauge<'plan' | 'name'>;
  private readonly week: PlanGauge;
  private readonly prompts: PlanGauge;
  private readonly answers: PlanGauge;
  private readonly answerRate: PlanGauge;
  private readonly answerMedian: PlanGauge;
  private readonly blockersOpen: PlanGauge;
  private readonly blockersOpened: PlanGauge;
  private readonly blockersResolved: PlanGauge;
  private readonly acks: Gauge<'plan' | 'tier'>;
  private readonly ackMedian: Gauge<'plan' | 'tier'>;
  private readonly planned: PlanGauge;
  private readonly done: PlanGauge;
  private readonly slips: PlanGauge;
  private readonly moved: PlanGauge;

  constructor(options: PlanReportMetricsOptions) {
    this.readReports = options.readReports;
    this.monotonicNow = options.monotonicNow;
    this.cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
    const gauge = <L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> => {
      const made = new Gauge<L>({
        name,
        help,
        labelNames,
        registers: [options.registry],
        collect: () => this.collect(),
      });
      this.gauges.push(made as Gauge<string>);
      return made;
    };
    const week = 'in the plan week now running, so far';
    this.info = gauge('planbot_plan_info', 'Always 1: the name of the plan with this id.', ['plan', 'name']);
    this.week = gauge('planbot_plan_week', 'The plan week now running (week 1 starts on the plan start date).', [
      'plan',
    ]);
    this.prompts = gauge('planbot_plan_prompts', `Stand-up and check-in prompts members were asked ${week}.`, ['plan']);
    this.answers = gauge('planbot_plan_answers', `Answers to those prompts ${week}.`, ['plan']);
    this.answerRate = gauge(
      'planbot_plan_answer_rate',
      `Answers / prompts ${week}, 0 to 1; absent while nobody was asked.`,
      ['plan'],
    );
    this.answerMedian = gauge(
      'planbot_plan_answer_seconds_median',
      `Median seconds from a prompt to its answer ${week}; absent without answers.`,
      ['plan'],
    );
    this.blockersOpen = gauge('planbot_plan_blockers_open', 'Blockers not resolved, now.', ['plan']);
    this.blockersOpened = gauge('planbot_plan_blockers_opened', `Blockers opened ${week}.`, ['plan']);
    this.blockersResolved = gauge('planbot_plan_blockers_resolved', `Blockers resolved ${week}.`, ['plan']);
    this.acks = gauge(
      'planbot_plan_acks',
      `Blockers acknowledged (or resolved unacknowledged) ${week}, by the ladder tier pinged last before it (0 = before any).`,
      ['plan', 'tier'],
    );
    this.ackMedian = gauge(
      'planbot_plan_ack_seconds_median',
      `Median seconds from a tier's ping to the acknowledgement ${week}, by tier (0: from the blocker's opening).`,
      ['plan', 'tier'],
    );
    this.planned = gauge('planbot_plan_tasks_planned', 'Tasks the baseline planned in the plan week now running.', [
      'plan',
    ]);
    this.done = gauge('planbot_plan_tasks_done', 'Of those, tasks done.', ['plan']);
    this.slips = gauge(
      'planbot_plan_slips',
      'Of those, tasks that missed the end of their planned day (done late or still open).',
      ['plan'],
    );
    this.moved = gauge('planbot_plan_tasks_moved', 'Of those, tasks whose due date now differs from the planned one.', [
      'plan',
    ]);
  }

  /** Every gauge's collect shares one read per scrape, and a read younger than cacheMs is reused. */
  private collect(): Promise<void> {
    const fresh = this.readAt !== undefined && this.monotonicNow() - this.readAt < this.cacheMs;
    if (fresh) return Promise.resolve();
    this.read ??= this.refresh().finally(() => {
      this.read = undefined;
    });
    return this.read;
  }

  private async refresh(): Promise<void> {
    let rows: PlanReportRow[];
    try {
      rows = await this.readReports();
    } catch {
      // No numbers rather than stale ones; planbot_database_up says when the database is away.
      for (const gauge of this.gauges) gauge.reset();
      this.readAt = undefined;
      return;
    }
    for (const gauge of this.gauges) gauge.reset();
    for (const { planId: plan, planName, report } of rows) {
      this.info.set({ plan, name: planName }, 1);
      this.week.set({ plan }, report.week.week);
      this.prompts.set({ plan }, report.totals.prompts);
      this.answers.set({ plan }, report.totals.answers);
      if (report.totals.answerRate !== null) this.answerRate.set({ plan }, report.totals.answerRate);
      if (report.totals.medianAnswerSeconds !== null)
        this.answerMedian.set({ plan }, report.totals.medianAnswerSeconds);
      this.blockersOpen.set({ plan }, report.blockers.open);
      this.blockersOpened.set({ plan }, report.blockers.opened);
      this.blockersResolved.set({ plan }, report.blockers.resolved);
      for (const ack of report.blockers.acks) {
        const tier = String(ack.tier);
        this.acks.set({ plan, tier }, ack.acknowledged);
        this.ackMedian.set({ plan, tier }, ack.medianSeconds);
      }
      this.planned.set({ plan }, report.delivery.planned.length);
      this.done.set({ plan }, report.delivery.done.length);
      this.slips.set({ plan }, report.delivery.slipped.length);
      this.moved.set({ plan }, report.delivery.moved.length);
    }
    this.readAt = this.monotonicNow();
  }
}
