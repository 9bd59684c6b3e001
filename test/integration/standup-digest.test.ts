import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };
const STANDUP = '- { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }';
/** The sprint plan whose stand-up asks everyone, reminds after 90 minutes and sums up at 11:00. */
const politePlan = sprintPlanYaml.replace(
  STANDUP,
  '- { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5], ask: everyone, remindAfter: 90m, digestAt: "11:00" }',
);

/** Priya is off on Monday 7 Dec: as a database row holds it (the plan format has no time off yet). */
async function priyaOffMonday(db: TestDatabase) {
  await db.prisma.member.updateMany({
    where: { key: 'priya' },
    data: { timeOff: [{ from: '2026-12-07', to: '2026-12-07' }] },
  });
  await db.prisma.plan.updateMany({ data: { revision: { increment: 1 } } });
}

describe.each(storeKinds())('a stand-up that asks everyone, politely, on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    // Monday Dec 7, 08:00 PST: day 1, only Sam (d1) has work due.
    app = createTestApp(db, '2026-12-07T16:00:00Z');
    await importYaml(app, acme, politePlan, 'C-ACME');
    await priyaOffMonday(db);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('prompts members with nothing due, never who is off, and reminds only those asked who have not answered, at 90 minutes', async () => {
    app.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    const prompt = app.delivered().find((m) => m.kind === 'standup_prompt')!;
    expect(prompt.body).toContain('<@U0SAM>\n• Due today: *d1* Kickoff');
    expect(prompt.body).toContain('<@U0LUIS>\n• Nothing due today');
    // Off today: named, not asked. A sponsor with no work only watches.
    expect(prompt.body).not.toContain('<@U0PRIYA>');
    expect(prompt.body).toContain('Off today: Priya Mehta');
    expect(prompt.body).not.toContain('<@U0ALEX>');

    app.clock.set('2026-12-07T17:10:00Z');
    await app.run(acme, 'U0SAM', 'standup did: planning doing: kickoff blockers: none');
    app.clock.set('2026-12-07T18:29:00Z'); // 89 minutes: not yet
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'standup_reminder')).toEqual([]);
    app.clock.set('2026-12-07T18:30:00Z');
    await app.step();
    app.clock.set('2026-12-07T18:45:00Z');
    await app.step();
    const reminders = app.delivered().filter((m) => m.kind === 'standup_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain('<@U0LUIS>');
    expect(reminders[0]!.body).not.toContain('<@U0SAM>');
    expect(reminders[0]!.body).not.toContain('<@U0PRIYA>');
  });

  it('posts one digest in the thread at 11:00 even when two schedulers tick together, showing an edited answer as edited', async () => {
    app.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    app.clock.set('2026-12-07T17:05:00Z');
    await app.run(acme, 'U0SAM', 'standup did: planning doing: kickoff blockers: none');
    app.clock.set('2026-12-07T17:20:00Z');
    const edited = await app.run(
      acme,
      'U0SAM',
      'standup did: planning doing: kickoff and intake blockers: waiting on GA4 keys',
    );
    expect(edited.text).toContain('Doing: kickoff and intake');

    app.clock.set('2026-12-07T18:59:00Z');
    await app.step();
    expect(app.delivered().filter((m) => m.kind === 'standup_digest')).toEqual([]);

    const replica = createTestApp(db, '2026-12-07T19:00:00Z');
    app.clock.set('2026-12-07T19:00:00Z');
    const reports = await Promise.all([app.scheduler.tick(), replica.scheduler.tick(), app.scheduler.tick()]);
    expect(reports.reduce((sum, r) => sum + r.digests, 0)).toBe(1);
    await app.step();
    await replica.step();
    app.clock.set('2026-12-07T20:00:00Z');
    await app.step();

    const digests = [...app.delivered(), ...replica.delivered()].filter((m) => m.kind === 'standup_digest');
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.target).toBe('C-ACME');
    expect(digest.body).toContain('Stand-up digest · Checkout sprint');
    expect(digest.body).toContain('1 of 2 answered');
    expect(digest.body).toContain(
      '*Sam Jackson* _(edited 09:20 PST)_\nDid: planning\nDoing: kickoff and intake\nBlockers: waiting on GA4 keys',
    );
    expect(digest.body).toContain('*Not answered yet:* Luis Romero');
    expect(digest.body).toContain('Away today: Priya Mehta');
    // In the stand-up's thread.
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: { endsWith: ':digest' } } });
    const post = await db.prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: row.parentKey! } });
    expect((post.payload as { kind: string }).kind).toBe('standup_prompt');
  });

  it('posts the digest of a DM stand-up in the channel, where the team reads it', async () => {
    const dmPlan = politePlan.replace('ask: everyone,', 'ask: everyone, dm: true,');
    const other = await openTestDatabase(kind);
    try {
      const dm = createTestApp(other, '2026-12-07T16:00:00Z');
      await importYaml(dm, acme, dmPlan, 'C-ACME');
      dm.clock.set('2026-12-07T17:00:00Z');
      await dm.step();
      const prompts = dm.delivered().filter((m) => m.kind === 'standup_prompt');
      expect(prompts.map((m) => m.target).sort()).toEqual(['U0LUIS', 'U0PRIYA', 'U0SAM']);
      dm.clock.set('2026-12-07T17:30:00Z');
      await dm.run(acme, 'U0LUIS', 'did: reading doing: d3 prep blockers: none');
      dm.clock.set('2026-12-07T19:00:00Z');
      await dm.step();
      const digest = dm.delivered().find((m) => m.kind === 'standup_digest')!;
      expect(digest.target).toBe('C-ACME');
      expect(digest.body).toContain('*Luis Romero*\nDid: reading\nDoing: d3 prep\nBlockers: none');
      expect(digest.body).toContain('*Not answered yet:* Priya Mehta and Sam Jackson');
      const row = await other.prisma.outboxMessage.findFirstOrThrow({
        where: { idempotencyKey: { endsWith: ':digest' } },
      });
      expect(row.parentKey).toBeNull();
    } finally {
      await other.destroy();
    }
  });
});

describe.each(storeKinds())('stand-up follow-ups across a DST change on %s', (kind) => {
  it('keeps the 11:00 digest at 11:00 local in PDT and PST, and the reminder 90 minutes after the prompt', async () => {
    const db = await openTestDatabase(kind);
    try {
      // Friday Oct 30 is PDT (UTC-7); after Sunday's fall-back, Monday Nov 2 is PST (UTC-8).
      const app = createTestApp(db, '2026-10-30T15:00:00Z');
      await importYaml(app, acme, politePlan.replace('startDate: 2026-12-07', 'startDate: 2026-10-26'), 'C-ACME');
      for (const at of ['2026-10-30T16:00:00Z', '2026-11-02T17:00:00Z']) {
        app.clock.set(at);
        await app.step();
      }
      const rows = await db.prisma.occurrence.findMany({
        where: { ritual: { kind: 'standup' } },
        orderBy: { scheduledAt: 'asc' },
      });
      expect(
        rows.map((o) => [o.scheduledAt.toISOString(), o.remindAt?.toISOString(), o.digestAt?.toISOString()]),
      ).toEqual([
        ['2026-10-30T16:00:00.000Z', '2026-10-30T17:30:00.000Z', '2026-10-30T18:00:00.000Z'],
        ['2026-11-02T17:00:00.000Z', '2026-11-02T18:30:00.000Z', '2026-11-02T19:00:00.000Z'],
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('keeps the plain stand-up as it was: owners with work, a reminder after an hour, no digest', async () => {
    const db = await openTestDatabase(kind);
    try {
      const app = createTestApp(db, '2026-12-07T16:00:00Z');
      await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
      app.clock.set('2026-12-07T17:00:00Z');
      await app.step();
      const prompt = app.delivered().find((m) => m.kind === 'standup_prompt')!;
      expect(prompt.body).toContain('<@U0SAM>');
      expect(prompt.body).not.toContain('<@U0LUIS>');
      const occurrence = await db.prisma.occurrence.findFirstOrThrow();
      expect(occurrence.remindAt?.toISOString()).toBe('2026-12-07T18:00:00.000Z');
      expect(occurrence.digestAt).toBeNull();
    } finally {
      await db.destroy();
    }
  });
});
