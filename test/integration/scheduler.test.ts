import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/store/database.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };
const MINUTE = 60_000;

async function occurrences(db: TestDatabase) {
  const rows = await db.prisma.occurrence.findMany({ include: { ritual: true }, orderBy: { scheduledAt: 'asc' } });
  return rows.map((o) => [o.ritual.kind, o.scheduledAt.toISOString(), o.status]);
}

describe.each(storeKinds())('scheduler on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    // Monday Dec 7, 08:00 PST, an hour before the first stand-up.
    app = createTestApp(db, '2026-12-07T16:00:00Z');
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('posts the 09:00 PT stand-up once to the plan channel, however often it ticks', async () => {
    await app.step();
    expect(app.delivered()).toEqual([]);
    app.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    await app.step();
    app.clock.advance(MINUTE);
    await app.step();
    const posts = app.delivered().filter((m) => m.kind === 'standup_prompt');
    expect(posts.map((m) => [m.target, m.platform])).toEqual([['C-ACME', 'slack']]);
    expect(await occurrences(db)).toEqual([['standup', '2026-12-07T17:00:00.000Z', 'posted']]);
  });

  it('loses nothing and posts nothing twice when a process dies between claiming and delivering', async () => {
    app.clock.set('2026-12-07T17:00:00Z');
    // The tick claims and queues in one transaction; the process then dies before delivery.
    await app.scheduler.tick();
    expect(app.delivered()).toEqual([]);

    const restarted = createTestApp(db, '2026-12-07T17:01:00Z');
    await restarted.step();
    await restarted.step();
    expect(restarted.delivered().filter((m) => m.kind === 'standup_prompt')).toHaveLength(1);
    expect(await occurrences(db)).toEqual([['standup', '2026-12-07T17:00:00.000Z', 'posted']]);
  });

  it('after a 3-hour outage records the missed stand-up as skipped, then posts the next firings on time', async () => {
    app.clock.set('2026-12-07T20:05:00Z'); // 12:05 PST: the 09:00 stand-up is 3 h late
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'standup_prompt')).toEqual([]);
    app.clock.set('2026-12-08T17:00:00Z');
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'standup_prompt')).toHaveLength(1);
    expect((await occurrences(db)).filter(([kind]) => kind === 'standup')).toEqual([
      ['standup', '2026-12-07T17:00:00.000Z', 'skipped'],
      ['standup', '2026-12-08T17:00:00.000Z', 'posted'],
    ]);
  });

  it('posts a stand-up that is late by less than the catch-up window', async () => {
    app.clock.set('2026-12-07T17:20:00Z');
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'standup_prompt')).toHaveLength(1);
  });

  it('sends one reminder, in the stand-up thread, to owners with work who have not answered', async () => {
    // Tuesday: Priya's d2 is due, and Sam's d1 from Monday is overdue.
    app.clock.set('2026-12-08T17:00:00Z');
    await app.step();
    app.clock.set('2026-12-08T17:10:00Z');
    await app.run(acme, 'U0SAM', 'standup did: planning doing: kickoff blockers: none');
    app.clock.set('2026-12-08T18:00:00Z');
    await app.step();
    app.clock.set('2026-12-08T19:00:00Z');
    await app.step();
    const reminders = app.slack.sent.filter((s) => s.message.idempotencyKey.endsWith(':reminder'));
    expect(reminders).toHaveLength(1);
    const prompt = app.slack.sent.find(
      (s) => s.message.idempotencyKey.startsWith('occurrence:') && !s.message.idempotencyKey.endsWith(':reminder'),
    )!;
    expect(reminders[0]!.message.parentRef).toBe(prompt.ref);
    const text = app.delivered().find((m) => m.kind === 'standup_reminder')!.body;
    expect(text).toContain('<@U0PRIYA>');
    expect(text).not.toContain('<@U0SAM>');
  });
});

describe.runIf(storeKinds().includes('postgres'))('two schedulers on one PostgreSQL', () => {
  it('post each ritual occurrence and each ladder tier once when they tick the same minute', async () => {
    const db = await openTestDatabase('postgres');
    const second = openPostgres(db.url!);
    try {
      const a = createTestApp(db, '2026-12-09T18:00:00Z');
      const b = createTestApp(second, '2026-12-09T18:00:00Z');
      await importYaml(a, acme, sprintPlanYaml, 'C-ACME');
      await a.run(acme, 'U0LUIS', 'block d3 waiting on keys');
      // Wednesday 14:00 PST triage, and the blocker's tier 2 at 22:00 UTC: both replicas wake together.
      for (const app of [a, b]) app.clock.set('2026-12-09T22:00:00Z');
      await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
      await Promise.all([a.step(), b.step()]);
      const all = [...a.delivered(), ...b.delivered()];
      expect(all.filter((m) => m.kind === 'triage')).toHaveLength(1);
      expect(all.filter((m) => m.kind === 'escalation' && m.target === 'U0ALEX')).toHaveLength(1);
      expect(await db.prisma.occurrence.count()).toBe(1);
    } finally {
      await second.close();
      await db.destroy();
    }
  });
});

describe.each(storeKinds())('stand-ups across DST changes on %s', (kind) => {
  const cases = [
    // Fall back on Sunday 2026-11-01: Friday is PDT (UTC-7), Monday is PST (UTC-8).
    { start: '2026-10-26', friday: '2026-10-30T16:00:00.000Z', monday: '2026-11-02T17:00:00.000Z' },
    // Spring forward on Sunday 2027-03-14: Friday is PST, Monday is PDT.
    { start: '2027-03-08', friday: '2027-03-12T17:00:00.000Z', monday: '2027-03-15T16:00:00.000Z' },
  ];
  it.each(cases)('09:00 PT stays 09:00 PT around $start', async ({ start, friday, monday }) => {
    const db = await openTestDatabase(kind);
    try {
      // Imported an hour before Friday's stand-up; then tick hourly through the weekend's clock change.
      const app = createTestApp(db, new Date(Date.parse(friday) - 60 * MINUTE).toISOString());
      await importYaml(app, acme, sprintPlanYaml.replace('startDate: 2026-12-07', `startDate: ${start}`), 'C-ACME');
      for (let hour = 0; hour <= 76; hour += 1) {
        await app.step();
        app.clock.advance(60 * MINUTE);
      }
      const standups = (await occurrences(db))
        .filter(([k, , status]) => k === 'standup' && status === 'posted')
        .map(([, at]) => at);
      expect(standups).toEqual([friday, monday]);
    } finally {
      await db.destroy();
    }
  });
});

describe.each(storeKinds())('milestone checkpoints on %s', (kind) => {
  // Gate "Data ready" on day 4 (Thursday Dec 10): three criteria, two of them tracked by tasks.
  const withMilestone = sprintPlanYaml.replace(
    'tasks:\n',
    'milestones:\n  - { key: data-ready, name: Data ready, dueDay: 4, gateCriteria: [Data ingestion complete, Data quality report signed off, Budget approved] }\ntasks:\n',
  );

  it('posts the gate status to the plan channel at 17:00 on the milestone day, once', async () => {
    expect(withMilestone).toContain('milestones:');
    const db = await openTestDatabase(kind);
    try {
      const app = createTestApp(db, '2026-12-10T16:00:00Z'); // imported Thursday 08:00 PST, day 4
      await importYaml(app, acme, withMilestone, 'C-ACME');
      app.clock.set('2026-12-10T18:00:00Z'); // Thursday 10:00 PST
      await app.run(acme, 'U0SAM', 'done d1');
      await app.run(acme, 'U0LUIS', 'block d3 waiting on GA4 keys');
      app.clock.set('2026-12-11T00:59:00Z'); // 16:59 PST
      await app.step();
      expect(app.delivered().filter((m) => m.kind === 'milestone_checkpoint')).toEqual([]);

      app.clock.set('2026-12-11T01:00:00Z'); // 17:00 PST
      await app.step();
      app.clock.set('2026-12-12T01:30:00Z'); // Friday 17:30: no milestone that day
      await app.step();
      const posts = app.delivered().filter((m) => m.kind === 'milestone_checkpoint');
      expect(posts.map((m) => m.target)).toEqual(['C-ACME']);
      const body = posts[0]!.body;
      expect(body).toContain('Milestone checkpoint · Data ready');
      expect(body).toContain('*Gate not passed yet:* 3 of 3 criteria open, 3 gated tasks unfinished.');
      expect(body).toContain('1 of 4 gated tasks done.');
      expect(body).toContain('*Not met* · Data ingestion complete (d3 blocked)');
      expect(body).toContain('*At risk* · Data quality report signed off (d4 due today)');
      expect(body).toContain('*Unknown* · Budget approved');
      expect(body).toContain('*d2* SEO crawl · <@U0PRIYA> · _late_');
      expect(body).not.toContain('*d1*');
      const checkpoints = (await occurrences(db)).filter(([k]) => k === 'milestone_checkpoint');
      expect(checkpoints).toEqual([['milestone_checkpoint', '2026-12-11T01:00:00.000Z', 'posted']]);
    } finally {
      await db.destroy();
    }
  });

  it('keeps 17:00 local when the milestone falls after a DST change, and a plan without milestones gets no checkpoint', async () => {
    const db = await openTestDatabase(kind);
    try {
      const app = createTestApp(db, '2026-10-26T15:00:00Z');
      // Day 8 of a plan starting Monday Oct 26 is Monday Nov 2, the day after the fall-back.
      await importYaml(
        app,
        acme,
        withMilestone.replace('startDate: 2026-12-07', 'startDate: 2026-10-26').replace('dueDay: 4', 'dueDay: 8'),
        'C-ACME',
      );
      const ritual = await db.prisma.ritual.findFirstOrThrow({ where: { kind: 'milestone_checkpoint' } });
      expect(ritual.nextRunAt?.toISOString()).toBe('2026-11-03T01:00:00.000Z'); // 17:00 PST
      const plain = await openTestDatabase(kind);
      try {
        const other = createTestApp(plain, '2026-12-07T16:00:00Z');
        await importYaml(other, acme, sprintPlanYaml, 'C-ACME');
        expect(await plain.prisma.ritual.count({ where: { kind: 'milestone_checkpoint' } })).toBe(0);
      } finally {
        await plain.destroy();
      }
    } finally {
      await db.destroy();
    }
  });
});
