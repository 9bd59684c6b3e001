import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };
const HOUR = 3_600_000;

// The sprint plan (PST): d3 (Luis) is due Wed 9 Dec, d4 (Luis) Thu 10, d5 (Priya) Fri 11. Sam is
// the ladder's tier 1, Alex tier 2 four hours later. Stand-ups 09:00, triage 14:00 on weekdays.
const MONDAY_0830 = '2026-12-07T16:30:00Z';
const WEDNESDAY_STANDUP = '2026-12-09T17:00:00Z';

describe.each(storeKinds())('time off and holidays on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    app = createTestApp(db, '2026-12-07T16:00:00Z');
  });
  afterEach(async () => {
    await db.destroy();
  });

  async function at(iso: string) {
    app.clock.set(iso);
    await app.step();
  }

  it('the stand-up on a day someone is away does not ask them, and says they are off', async () => {
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
    app.clock.set(MONDAY_0830);
    await app.run(acme, 'U0LUIS', 'away dec 9');
    await at(WEDNESDAY_STANDUP);
    const [prompt] = app.delivered().filter((m) => m.kind === 'standup_prompt');
    expect(prompt!.body).not.toContain('<@U0LUIS>');
    expect(prompt!.body).not.toContain('d3');
    expect(prompt!.body).toContain('Luis Romero');
    // Survives a restart: another process on the same database reads the same time off.
    const restarted = createTestApp(db, '2026-12-10T17:00:00Z');
    await restarted.step();
    const thursday = restarted.delivered().find((m) => m.kind === 'standup_prompt')!;
    expect(thursday.body).toContain('<@U0LUIS>');
  });

  it('a DM stand-up sends no prompt to someone who is away', async () => {
    await importYaml(
      app,
      acme,
      sprintPlanYaml.replace('days: [1, 2, 3, 4, 5] }', 'days: [1, 2, 3, 4, 5], dm: true }'),
      'C-ACME',
    );
    app.clock.set(MONDAY_0830);
    await app.run(acme, 'U0LUIS', 'away dec 9');
    await at(WEDNESDAY_STANDUP);
    const targets = app
      .delivered()
      .filter((m) => m.kind === 'standup_prompt')
      .map((m) => m.target);
    expect(targets).toContain('U0PRIYA');
    expect(targets).not.toContain('U0LUIS');
  });

  it('triage flags work due while its owner is away', async () => {
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
    app.clock.set(MONDAY_0830);
    const reply = renderText(await app.run(acme, 'U0LUIS', 'away dec 10 to dec 11'));
    expect(reply).toContain('*d4* Data quality · due Thu 10 Dec');
    await at('2026-12-07T22:00:00Z'); // Monday 14:00 PST
    const triage = app.delivered().find((m) => m.kind === 'triage')!;
    expect(triage.body).toContain('*d4* Data quality due Thu 10 Dec — Luis Romero is away until Fri 11 Dec');
  });

  it('the ladder passes tier 1 when its member is away, and tier 2 hears why at its own time', async () => {
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
    app.clock.set(MONDAY_0830);
    await app.run(acme, 'U0SAM', 'away dec 9 to dec 10');
    app.clock.set('2026-12-09T18:00:00Z'); // Wednesday 10:00 PST
    await app.run(acme, 'U0LUIS', 'block d3 waiting on GA4 keys');
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'escalation')).toEqual([]);
    await at(new Date(Date.parse('2026-12-09T18:00:00Z') + 4 * HOUR - 60_000).toISOString());
    expect(app.delivered().filter((m) => m.kind === 'escalation')).toEqual([]);
    await at(new Date(Date.parse('2026-12-09T18:00:00Z') + 4 * HOUR).toISOString());
    const escalations = app.delivered().filter((m) => m.kind === 'escalation');
    expect(escalations.map((m) => m.target)).toEqual(['U0ALEX']);
    expect(escalations[0]!.body).toContain('Tier 1 (Primary) Sam Jackson is away until Thu 10 Dec');
  });

  it('a holiday added in chat moves the task due that day, silences that day, and survives a re-import', async () => {
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
    app.clock.set(MONDAY_0830);
    const reply = renderText(await app.run(acme, 'U0SAM', 'holiday dec 9 Offsite'));
    expect(reply).toContain('*d3* Data ingestion: Wed 9 Dec → Thu 10 Dec');
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
    await at(WEDNESDAY_STANDUP);
    await at('2026-12-09T22:00:00Z');
    expect(app.delivered().filter((m) => m.kind === 'standup_prompt' || m.kind === 'triage')).toEqual([]);
    // Claimed on time and recorded as skipped: the holiday, not lateness, silenced it.
    const wednesday = await db.prisma.occurrence.findFirstOrThrow({
      where: { ritual: { kind: 'standup' }, scheduledAt: new Date(WEDNESDAY_STANDUP) },
    });
    expect(wednesday.status).toBe('skipped');
    await at('2026-12-10T17:00:00Z');
    const thursday = app.delivered().find((m) => m.kind === 'standup_prompt')!;
    expect(thursday.body).toContain('d3');
    const d3 = await db.prisma.task.findFirstOrThrow({ where: { key: 'd3' } });
    expect(d3.dueDate.toISOString().slice(0, 10)).toBe('2026-12-10');
  });
});
