import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanService } from '../../src/service/plan-service.js';
import type { PlanStore } from '../../src/service/ports/plan-store.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };
const HOUR = 3_600_000;

// The sprint plan with seed 004's tertiary contact: the SRE on-call, paged through PagerDuty an hour after the sponsor.
const pagedPlan = sprintPlanYaml.replace(
  '- { label: Tertiary, target: { kind: role, role: on-call }, delayMinutes: 240, businessHours: false }',
  '- { label: Tertiary, target: { kind: pagerduty, schedule: AIML-Auto, member: priya }, delayMinutes: 60, businessHours: false }',
);

describe.each(storeKinds())('a PagerDuty ladder tier on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;

  beforeEach(async () => {
    expect(pagedPlan).not.toBe(sprintPlanYaml);
    db = await openTestDatabase(kind);
    // Wednesday Dec 9, 10:00 PST.
    app = createTestApp(db, '2026-12-09T18:00:00Z');
    await importYaml(app, acme, pagedPlan, 'C-ACME');
  });
  afterEach(async () => {
    await db.destroy();
  });

  const events = () =>
    app.pagerduty.sent.map(
      (s) =>
        s.message.payload as {
          event_action: string;
          dedup_key: string;
          payload?: { summary: string; custom_details: Record<string, unknown> };
        },
    );

  it('pages PagerDuty when tier 3 is due (not before), tells the on-call member in chat, and resolves the incident with the blocker', async () => {
    await app.run(acme, 'U0LUIS', 'block d3 waiting on GA4 API keys');
    const blocker = await db.prisma.blocker.findFirstOrThrow();

    app.clock.advance(4 * HOUR); // tier 2, the sponsor
    await app.step();
    app.clock.advance(HOUR - 60_000);
    await app.step();
    expect(app.pagerduty.sent).toEqual([]);

    app.clock.advance(60_000); // 5 h after opening: tier 3
    await app.step();
    await app.step();
    expect(events()).toHaveLength(1);
    const [trigger] = events();
    expect(trigger).toMatchObject({
      event_action: 'trigger',
      dedup_key: blocker.id,
      payload: {
        summary: '[Checkout sprint] Blocker #1 on d3 (Data ingestion): waiting on GA4 API keys',
        custom_details: { blocker: 1, task: 'd3 Data ingestion', age: '5 h', schedule: 'AIML-Auto' },
      },
    });
    expect(JSON.stringify(trigger)).not.toMatch(/routing_key/);
    expect(app.pagerduty.sent[0]!.message.target).toBe(blocker.id);
    const dm = app.delivered().find((m) => m.kind === 'escalation' && m.target === 'U0PRIYA');
    expect(dm?.body).toContain('PagerDuty paged (AIML-Auto)');

    await app.run(acme, 'U0LUIS', 'resolve 1 keys arrived');
    expect(events().map((e) => [e.event_action, e.dedup_key])).toEqual([
      ['trigger', blocker.id],
      ['resolve', blocker.id],
    ]);
    expect(
      app
        .delivered()
        .filter((m) => m.kind === 'escalation_resolved')
        .map((m) => m.target)
        .sort(),
    ).toEqual(['U0ALEX', 'U0PRIYA', 'U0SAM']);
  });

  it('acknowledging after the page acknowledges the incident too; a later resolve resolves it', async () => {
    await app.run(acme, 'U0LUIS', 'block d3 waiting on keys');
    app.clock.advance(4 * HOUR);
    await app.step();
    app.clock.advance(HOUR);
    await app.step();
    await app.run(acme, 'U0PRIYA', 'ack 1 on it');
    await app.run(acme, 'U0PRIYA', 'resolve 1 rotated the keys');
    expect(events().map((e) => e.event_action)).toEqual(['trigger', 'acknowledge', 'resolve']);
  });

  it('sends nothing to PagerDuty for a blocker resolved before its PagerDuty tier', async () => {
    await app.run(acme, 'U0LUIS', 'block d3 waiting on keys');
    app.clock.advance(4 * HOUR);
    await app.step();
    await app.run(acme, 'U0LUIS', 'resolve 1 found them');
    app.clock.advance(3 * HOUR);
    await app.step();
    expect(app.pagerduty.calls).toEqual([]);
    expect(await db.prisma.outboxMessage.count({ where: { platform: 'pagerduty' } })).toBe(0);
  });

  it('an ack racing the PagerDuty tier (the tier commits between the ack reading the plan and writing) still acknowledges the page', async () => {
    await app.run(acme, 'U0LUIS', 'block d3 waiting on keys');
    app.clock.advance(4 * HOUR);
    await app.step();
    app.clock.advance(HOUR);
    // The scheduler's tick lands in the ack's window: after it loaded the blocker (no page yet), before it commits.
    let raced = false;
    const racing = new Proxy(app.store, {
      get(target, property) {
        if (property === 'apply') {
          return async (effects: Parameters<PlanStore['apply']>[0]) => {
            if (!raced) {
              raced = true;
              await app.scheduler.tick();
            }
            return target.apply(effects);
          };
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const service = new PlanService({ store: racing, delivered: app.deliveredMessages, clock: app.clock });
    const reply = await service.handle(
      { workspace: acme, channel: 'C-ACME', actor: { platform: 'slack', userId: 'U0SAM' } },
      { name: 'ack', args: { blockerRef: '1' } },
    );
    expect(raced).toBe(true);
    expect(reply.text).toMatch(/acknowledged by Sam Jackson/);
    await app.step();
    expect(events().map((e) => e.event_action)).toEqual(['trigger', 'acknowledge']);
    expect((await db.prisma.blocker.findFirstOrThrow()).status).toBe('acknowledged');
  });
});
