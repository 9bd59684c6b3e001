import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import { parseCommandText } from '../../src/service/commands/parse-command.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { PlanReportMetrics } from '../../src/metrics/plan-report-metrics.js';
import { PlanReports } from '../../src/service/plan-reports.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { parseExposition, seriesOf, valueOf } from '../unit/metrics/exposition.js';

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };

describe.each(storeKinds())('/plan report and the per-plan metrics on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  const say = async (user: string, text: string, workspace = acme) =>
    renderText(await app.run(workspace, user, text, 'C-ACME'));
  const at = async (instant: string) => {
    app.clock.set(instant);
    await app.step();
  };

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    // Monday Dec 7, 08:00 PST: day 1 of the sprint plan (Sam leads, Alex sponsors, Luis and Priya are members).
    app = createTestApp(db, '2026-12-07T16:00:00Z');
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
  });
  afterEach(async () => {
    await db.destroy();
  });

  /**
   * Monday's stand-up names only Sam (d1 is due), who answers after 12 min; Tuesday's names Sam and
   * Priya (d2), and only Priya answers, after 30 min. Luis's blocker (Tue 10:00) reaches Sam at
   * once and Alex at 14:00, who acknowledges at 14:45: tier 2, 45 min after its ping.
   */
  async function runFirstTwoDays() {
    await at('2026-12-07T17:00:00Z');
    app.clock.set('2026-12-07T17:12:00Z');
    await say('U0SAM', 'standup did: planning doing: kickoff blockers: none');
    await at('2026-12-08T17:00:00Z');
    app.clock.set('2026-12-08T17:30:00Z');
    await say('U0PRIYA', 'standup did: crawl setup doing: SEO crawl blockers: none');
    app.clock.set('2026-12-08T18:00:00Z');
    await say('U0LUIS', 'block d3 waiting on warehouse credentials');
    await at('2026-12-08T18:01:00Z');
    await at('2026-12-08T22:00:00Z');
    app.clock.set('2026-12-08T22:45:00Z');
    await say('U0ALEX', 'ack 1');
    await at('2026-12-08T23:00:00Z');
  }

  it('gives a lead the week so far: answers per member, acknowledgements per tier, slips', async () => {
    await runFirstTwoDays();
    const steps = await db.prisma.escalationStep.findMany({ orderBy: { tier: 'asc' } });
    expect(steps.map((s) => s.tier)).toEqual([0, 1]);
    // Whom each stand-up named is stored with it as it was posted.
    const keyOf = new Map((await db.prisma.member.findMany()).map((m) => [m.id, m.key]));
    const standups = await db.prisma.occurrence.findMany({
      where: { ritual: { kind: 'standup' } },
      orderBy: { scheduledAt: 'asc' },
    });
    expect(standups.map((o) => (o.asked as string[]).map((id) => keyOf.get(id)).sort())).toEqual([
      ['sam'],
      ['priya', 'sam'],
    ]);

    const report = await say('U0SAM', 'report');
    expect(report).toContain('Report · Checkout sprint · week 1');
    expect(report).toContain('Mon 7 Dec – Sun 13 Dec · so far, as of Tue 8 Dec, 15:00 PST');
    expect(report).toContain('Answered: 2 of 3 (67 %)');
    // The median of 12 and 30 minutes.
    expect(report).toContain('Median answer time: 21 min');
    expect(report).toContain('Sam Jackson: 1 of 2 answered (50 %), median 12 min');
    expect(report).toContain('Priya Mehta: 1 of 1 answered (100 %), median 30 min');
    // Not asked is not 0 %.
    expect(report).toContain('Luis Romero: — (not asked this week)');
    expect(report).toContain('Alex Rivera: — (not asked this week)');
    expect(report).toContain('Blockers opened / resolved: 1 / 0');
    expect(report).toContain('Blockers open: 1');
    expect(report).toContain('Tier 2 (Secondary): 1 acknowledged, median 45 min after the ping');
    expect(report).not.toContain('Tier 1 (Primary)');
    // d1 was due Monday and is still open; d2's day has not ended.
    expect(report).toContain('Planned / done: 5 / 0');
    expect(report).toContain('Slipped / moved: 1 / 0');
    expect(report).toContain('*d1* Kickoff · Sam Jackson');
  });

  it('reports a past week by number, `last` or a date, refuses a week not begun, and is for leads and sponsors', async () => {
    await runFirstTwoDays();
    // Monday Dec 14, 10:00 PST: week 2 has begun and nothing has happened in it yet.
    app.clock.set('2026-12-14T18:00:00Z');
    const lastWeek = await say('U0ALEX', 'report last week');
    expect(lastWeek).toContain('week 1');
    expect(lastWeek).toContain('Mon 7 Dec – Sun 13 Dec · the whole week');
    expect(lastWeek).toContain('Sam Jackson: 1 of 2 answered (50 %)');
    expect(await say('U0SAM', 'report 1')).toBe(lastWeek);
    expect(await say('U0SAM', 'report 2026-12-09')).toBe(lastWeek);

    const thisWeek = await say('U0SAM', 'report week 2');
    expect(thisWeek).toContain('week 2');
    expect(thisWeek).toContain('Answered: —');
    expect(thisWeek).toContain('Blockers opened / resolved: 0 / 0');
    expect(thisWeek).toContain('Blockers open: 1');
    expect(thisWeek).toContain('Acknowledgements by tier:* no blocker was acknowledged this week.');

    expect(await say('U0SAM', 'report 3')).toMatch(
      /Week 3 starts on 2026-12-21; this is week 2, so there is nothing to report for it yet/,
    );
    expect(await say('U0SAM', 'report 2026-12-01')).toMatch(/The plan starts on 2026-12-07/);
    const unreadable = parseCommandText('/plan report soon');
    expect(unreadable.ok).toBe(false);
    if (!unreadable.ok) expect(unreadable.error).toMatch(/Say which week: a plan week number/);
    expect(await say('U0LUIS', 'report')).toMatch(/is for the plan's leads and sponsors/);
  });

  it('puts the same numbers on /metrics, per plan, for the plan week now running', async () => {
    await runFirstTwoDays();
    let monotonic = 0;
    const metrics = new Metrics({
      monotonicNow: () => monotonic,
      readOutbox: () => app.outboxBacklog.readBacklog(),
      processMetrics: false,
    });
    const reports = new PlanReports({ store: app.store, clock: app.clock });
    let reads = 0;
    new PlanReportMetrics({
      registry: metrics.registry,
      readReports: () => {
        reads += 1;
        return reports.current();
      },
      monotonicNow: () => monotonic,
      cacheMs: 30_000,
    });
    const plan = await db.prisma.plan.findFirstOrThrow();
    const s = parseExposition(await metrics.scrape());
    expect(reads).toBe(1);
    expect(valueOf(s, 'planbot_plan_info', { plan: plan.id, name: 'Checkout sprint' })).toBe(1);
    expect(valueOf(s, 'planbot_plan_week', { plan: plan.id })).toBe(1);
    expect(valueOf(s, 'planbot_plan_prompts', { plan: plan.id })).toBe(3);
    expect(valueOf(s, 'planbot_plan_answers', { plan: plan.id })).toBe(2);
    expect(valueOf(s, 'planbot_plan_answer_rate', { plan: plan.id })).toBeCloseTo(2 / 3);
    expect(valueOf(s, 'planbot_plan_answer_seconds_median', { plan: plan.id })).toBe(21 * 60);
    expect(valueOf(s, 'planbot_plan_blockers_open', { plan: plan.id })).toBe(1);
    expect(valueOf(s, 'planbot_plan_blockers_opened', { plan: plan.id })).toBe(1);
    expect(valueOf(s, 'planbot_plan_blockers_resolved', { plan: plan.id })).toBe(0);
    expect(seriesOf(s, 'planbot_plan_acks')).toEqual({ [`plan=${plan.id},tier=2`]: 1 });
    expect(seriesOf(s, 'planbot_plan_ack_seconds_median')).toEqual({ [`plan=${plan.id},tier=2`]: 45 * 60 });
    expect(valueOf(s, 'planbot_plan_tasks_planned', { plan: plan.id })).toBe(5);
    expect(valueOf(s, 'planbot_plan_slips', { plan: plan.id })).toBe(1);

    // A second scrape within the cache window reads nothing; after it, the store is read again.
    monotonic += 10_000;
    await metrics.scrape();
    expect(reads).toBe(1);
    monotonic += 30_000;
    app.clock.set('2026-12-08T23:30:00Z');
    await say('U0SAM', 'resolve 1 credentials arrived');
    const after = parseExposition(await metrics.scrape());
    expect(reads).toBe(2);
    expect(valueOf(after, 'planbot_plan_blockers_resolved', { plan: plan.id })).toBe(1);
    expect(valueOf(after, 'planbot_plan_blockers_open', { plan: plan.id })).toBe(0);
  });
});
