import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlanText } from '../../src/plans/plan-import.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

const workspace = { platform: 'slack' as const, externalId: 'T0DM', name: 'DM team' };
// The sprint plan with its stand-up sent by DM.
const dmPlan = sprintPlanYaml.replace(
  '- { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }',
  '- { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5], dm: true }',
);

describe('stand-up prompts by DM', () => {
  it('reads "by DM" in a Markdown cadence', () => {
    const seed = readFileSync(new URL('../../../shared/seeds/004_b059b576a3d56f4a.txt', import.meta.url), 'utf8');
    const byDm = seed.replace('Daily stand-up (09:00 PT)', 'Daily stand-up (09:00 PT, by DM)');
    const standup = (text: string) =>
      importPlanText(text, { file: 'seed.md', format: 'markdown', startDate: '2026-12-07' }).plan.rituals.find(
        (r) => r.kind === 'standup',
      );
    expect(standup(byDm)?.dm).toBe(true);
    expect(standup(seed)?.dm).toBe(false);
  });
});

describe.each(storeKinds())('stand-up prompts by DM (%s)', (kind) => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // Wednesday 9 Dec, 08:59 in Los Angeles: day 3.
    app = createTestApp(db, '2026-12-09T16:59:00Z');
    await importYaml(app, workspace, dmPlan, 'C0DM');
  });
  afterAll(() => db.close());

  it('sends each owner their own prompt instead of a channel post, and reminds them in that DM thread', async () => {
    app.clock.set('2026-12-09T17:00:00Z');
    await app.step();
    const prompts = app.delivered().filter((m) => m.kind === 'standup_prompt');
    // Day 3: Sam (d1 overdue), Priya (d2 overdue), Luis (d3 today); nobody else has work.
    expect(prompts.map((m) => m.target).sort()).toEqual(['U0LUIS', 'U0PRIYA', 'U0SAM']);
    const luis = prompts.find((m) => m.target === 'U0LUIS')!;
    expect(luis.body).toContain('*d3* Data ingestion');
    expect(luis.body).not.toContain('*d2*');
    expect(app.delivered().some((m) => m.target === 'C0DM' && m.kind === 'standup_prompt')).toBe(false);

    // Luis answers; an hour later only Sam and Priya are reminded, each under their own prompt.
    app.clock.set('2026-12-09T17:10:00Z');
    await app.run(workspace, 'U0LUIS', 'standup did: ingestion doing: quality blockers: none');
    app.clock.set('2026-12-09T18:01:00Z');
    await app.step();
    const reminders = await db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { contains: ':reminder' } },
      orderBy: { target: 'asc' },
    });
    expect(reminders.map((r) => r.target)).toEqual(['U0PRIYA', 'U0SAM']);
    for (const reminder of reminders) {
      const prompt = await db.prisma.outboxMessage.findUniqueOrThrow({
        where: { idempotencyKey: reminder.parentKey! },
      });
      expect(prompt.target).toBe(reminder.target);
    }
  });
});
