import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { renderText } from '../../src/adapters/console/render-text.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };
const globex: WorkspaceRef = { platform: 'slack', externalId: 'T-GLOBEX', name: 'Globex' };
const HOUR = 3_600_000;

describe.each(storeKinds())('PlanService and scheduler on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    // Wednesday Dec 9, 10:00 PST: day 3 of the plan.
    app = createTestApp(db, '2026-12-09T18:00:00Z');
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('climbs the ladder: tier 1 at once, tier 2 four hours later, acknowledgement stops tier 3, resolution tells both', async () => {
    const opened = await app.run(acme, 'U0LUIS', 'block d3 waiting on GA4 API keys');
    expect(opened.text).toContain('#1');
    expect(
      app
        .delivered()
        .filter((m) => m.kind === 'escalation')
        .map((m) => m.target),
    ).toEqual(['U0SAM']);

    app.clock.advance(3 * HOUR);
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'escalation')).toHaveLength(1);

    app.clock.advance(HOUR);
    await app.step();
    expect(
      app
        .delivered()
        .filter((m) => m.kind === 'escalation')
        .map((m) => m.target),
    ).toEqual(['U0SAM', 'U0ALEX']);

    const ack = await app.run(acme, 'U0ALEX', 'ack 1 finding keys');
    expect(ack.text).toMatch(/acknowledged/);
    app.clock.advance(8 * HOUR);
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'escalation')).toHaveLength(2);

    await app.run(acme, 'U0LUIS', 'resolve 1 keys arrived');
    expect(
      app
        .delivered()
        .filter((m) => m.kind === 'escalation_resolved')
        .map((m) => m.target)
        .sort(),
    ).toEqual(['U0ALEX', 'U0SAM']);
    const blocker = await db.prisma.blocker.findFirstOrThrow({ include: { escalations: true } });
    expect(blocker).toMatchObject({ status: 'resolved', nextEscalationAt: null });
    expect(blocker.escalations.map((s) => s.tier).sort()).toEqual([0, 1]);
  });

  it('with "tier 1 at the next triage window", holds a morning blocker until the 14:00 triage, then climbs from there', async () => {
    await importYaml(
      app,
      acme,
      sprintPlanYaml.replace(
        'pushDependantsToBuffer: true }',
        'pushDependantsToBuffer: true, firstTierAt: next_triage }',
      ),
      'C-ACME',
    );
    const opened = await app.run(acme, 'U0LUIS', 'block d3 waiting on GA4 API keys');
    expect(renderText(opened)).toContain('at the next triage window (Wed 9 Dec, 14:00 PST)');
    app.clock.set('2026-12-09T21:59:00Z'); // 13:59 PST
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'escalation')).toEqual([]);

    app.clock.set('2026-12-09T22:00:00Z'); // 14:00 PST: the triage thread and tier 1 together
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'triage')).toHaveLength(1);
    expect(
      app
        .delivered()
        .filter((m) => m.kind === 'escalation')
        .map((m) => m.target),
    ).toEqual(['U0SAM']);
    // Tier 2 counts its 4 hours from the triage window, not from 10:00.
    app.clock.set('2026-12-10T01:59:00Z');
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'escalation')).toHaveLength(1);
    app.clock.set('2026-12-10T02:00:00Z');
    await app.step();
    expect(
      app
        .delivered()
        .filter((m) => m.kind === 'escalation')
        .map((m) => m.target),
    ).toEqual(['U0SAM', 'U0ALEX']);
  });

  it('keeps lead commands for leads and sponsors', async () => {
    const refused = await app.run(acme, 'U0LUIS', 'blockers');
    expect(refused.kind).toBe('error');
    expect(renderText(refused)).toMatch(/leads and sponsors/);
    expect((await app.run(acme, 'U0SAM', 'blockers')).kind).not.toBe('error');
    expect((await app.run(acme, 'U0ALEX', 'blockers')).kind).not.toBe('error');
  });

  it('lets only the owner or a lead mark a task done', async () => {
    const refused = await app.run(acme, 'U0PRIYA', 'done d3');
    expect(refused.kind).toBe('error');
    expect(await db.prisma.task.findFirstOrThrow({ where: { key: 'd3' } })).toMatchObject({ status: 'todo' });
    await app.run(acme, 'U0LUIS', 'done d3');
    expect(await db.prisma.task.findFirstOrThrow({ where: { key: 'd3' } })).toMatchObject({ status: 'done' });
  });

  it('never shows or changes one workspace’s plan from another', async () => {
    await app.run(acme, 'U0LUIS', 'block d3 waiting on keys');
    // Globex has no plan: its users find nothing, whatever ids they guess.
    const probe = await app.run(globex, 'U0LUIS', 'ack 1');
    expect(probe.kind).toBe('error');
    expect(probe.text).not.toContain('waiting on keys');

    await importYaml(
      app,
      globex,
      sprintPlanYaml.replace('Checkout sprint', 'Globex sprint').replaceAll('U0', 'UG'),
      'C-GLOBEX',
    );
    const blocker = await db.prisma.blocker.findFirstOrThrow();
    for (const ref of ['1', blocker.id]) {
      const reply = await app.run(globex, 'UGSAM', `ack ${ref}`);
      expect(reply.kind).toBe('error');
    }
    expect(await db.prisma.blocker.findFirstOrThrow()).toMatchObject({ status: 'open' });
  });

  it('answers a member who is not on the plan with how to link, and changes nothing', async () => {
    const reply = await app.run(acme, 'U0STRANGER', 'done d3');
    expect(reply.kind).toBe('error');
    expect(renderText(reply)).toMatch(/link/);
    expect(await db.prisma.task.findFirstOrThrow({ where: { key: 'd3' } })).toMatchObject({ status: 'todo' });
  });
});
