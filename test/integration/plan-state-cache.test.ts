import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaPlanStore } from '../../src/store/prisma-plan-store.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

const workspace = { platform: 'slack' as const, externalId: 'T0CACHE', name: 'Cache' };

describe.each(storeKinds())('cached plan states across replicas (%s)', (kind) => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let planId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // Two apps on one database: two replicas, each with its own store and cache.
    a = createTestApp(db, '2026-12-08T17:30:00Z');
    b = createTestApp(db, '2026-12-08T17:30:00Z');
    ({ planId } = await importYaml(a, workspace, sprintPlanYaml, 'C0CACHE'));
  });
  afterAll(() => db.close());

  it('sees a change made by the other replica at once, for every kind of change', async () => {
    expect(await a.run(workspace, 'U0SAM', 'blockers', 'C0CACHE').then((m) => m.text)).toMatch(/No open blockers/);
    await b.run(workspace, 'U0LUIS', 'block d3 waiting for credentials', 'C0CACHE');
    expect((await a.store.loadPlanState(planId)).blockers.map((x) => x.status)).toEqual(['open']);
    await b.run(workspace, 'U0SAM', 'ack 1', 'C0CACHE');
    expect((await a.store.loadPlanState(planId)).blockers.map((x) => x.status)).toEqual(['acknowledged']);
    await b.run(workspace, 'U0LUIS', 'done d3', 'C0CACHE');
    expect((await a.store.loadPlanState(planId)).tasks.find((t) => t.key === 'd3')?.status).toBe('done');
    // The scheduler's ritual advance is a change too (the next stand-up instant).
    const before = (await a.store.loadPlanState(planId)).rituals.map((r) => r.nextRunAt?.toISOString());
    b.clock.set('2026-12-09T17:00:00Z');
    await b.step();
    expect((await a.store.loadPlanState(planId)).rituals.map((r) => r.nextRunAt?.toISOString())).not.toEqual(before);
  });

  it('reuses the state while nothing changed, and hands out a frozen one', async () => {
    const store = new PrismaPlanStore(db.prisma);
    const first = await store.loadPlanState(planId);
    expect(await store.loadPlanState(planId)).toBe(first);
    expect(Object.isFrozen(first.tasks[0])).toBe(true);
    expect(() => (first.tasks as unknown as unknown[]).push({})).toThrow(TypeError);
    // A re-import (new version) is seen even though it goes through the plan repository.
    await importYaml(a, workspace, sprintPlanYaml.replace('title: Kickoff', 'title: Kick-off'), 'C0CACHE');
    const after = await store.loadPlanState(planId);
    expect(after).not.toBe(first);
    expect(after.tasks.find((t) => t.key === 'd1')?.title).toBe('Kick-off');
  });
});
