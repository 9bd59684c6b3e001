import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanData } from '../../src/plans/plan-data.js';
import { buildPlanSnapshot } from '../../src/service/read-model/plan-snapshot.js';
import { consoleWorkspace } from '../../src/service/read-model/workspace-ref.js';
import { savePlanVersion } from '../../src/store/plan-repository.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

const planYaml = (tasks: string) => `
name: Launch sprint
timezone: America/Los_Angeles
startDate: 2026-12-07
holidays: [2026-12-25]
members:
  - { name: Sam Jackson, roles: [lead], email: sam@example.com, slackHandle: sam.jackson }
  - { name: Alex Rivera, roles: [sponsor] }
  - { name: Luis Romero }
buffer: { days: [6, 13], swapRule: Pull forward backlog if the week closed cleanly }
rituals:
  - { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }
  - { kind: weekend_checkin, localTime: "11:00", days: [6, 7], thread: true }
tasks:
${tasks}
`;

const firstTasks = `
  - { key: d1, title: Kickoff, owner: Sam Jackson, day: 1 }
  - { key: d3, title: Ingestion, owner: Luis Romero, day: 3, critical: true }
  - { key: d4, title: Data quality, owner: Luis Romero, day: 4, dependsOn: [d3] }
  - { key: d19, title: Launch, owner: Sam Jackson, day: 19, dependsOn: [d4] }
`;
// Second baseline: d4 moves two days later, d19 leaves, w3 arrives.
const secondTasks = `
  - { key: d1, title: Kickoff, owner: Sam Jackson, day: 1 }
  - { key: d3, title: Ingestion, owner: Luis Romero, day: 3, critical: true }
  - { key: d4, title: Data quality, owner: Luis Romero, day: 6, dependsOn: [d3] }
  - { key: w3, title: Retro, owner: Sam Jackson, week: 3 }
`;

const now = new Date('2026-12-01T12:00:00Z');
const snapshotOf = (tasks: string) => buildPlanSnapshot(parsePlanData(planYaml(tasks), 'yaml', 'plan.yaml').plan, now);

describe.each(storeKinds())('storing imported plans on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('stores a plan with dated tasks, dependencies, buffer days and scheduled rituals', async () => {
    const saved = await savePlanVersion(db.prisma, consoleWorkspace, snapshotOf(firstTasks), {
      sourceName: 'plan.yaml',
      importedBy: 'cli',
      at: now,
    });
    expect(saved).toMatchObject({ version: 1, previousDocument: null });

    const plan = await db.prisma.plan.findUniqueOrThrow({
      where: { id: saved.planId },
      include: {
        tasks: { include: { owner: true, dependsOn: { include: { dependsOn: true } } }, orderBy: { dueDate: 'asc' } },
        bufferDays: { orderBy: { date: 'asc' } },
        rituals: { orderBy: { key: 'asc' } },
        members: { include: { identities: true }, orderBy: { key: 'asc' } },
      },
    });
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect(
      plan.tasks.map((t) => [t.key, day(t.dueDate), t.owner?.displayName, t.dependsOn.map((d) => d.dependsOn.key)]),
    ).toEqual([
      ['d1', '2026-12-07', 'Sam Jackson', []],
      ['d3', '2026-12-09', 'Luis Romero', []],
      ['d4', '2026-12-10', 'Luis Romero', ['d3']],
      // Day 19 is Christmas, a plan holiday: the task moves to the next working day.
      ['d19', '2026-12-28', 'Sam Jackson', ['d4']],
    ]);
    expect(plan.bufferDays.map((b) => [day(b.date), b.planDay])).toEqual([
      ['2026-12-12', 6],
      ['2026-12-19', 13],
    ]);
    expect(plan.members.map((m) => [m.key, m.roles, m.identities.map((i) => i.handle)])).toEqual([
      ['alex-rivera', ['sponsor'], []],
      ['luis-romero', ['member'], []],
      ['sam-jackson', ['lead'], ['sam.jackson']],
    ]);
    // Imported on Dec 1, the plan starts Monday Dec 7: its first stand-up is then, 09:00 PST = 17:00 UTC.
    // The check-in follows the buffer days (Saturday Dec 12, 11:00 PST).
    expect(plan.rituals.map((r) => [r.key, r.onBufferDays, r.nextRunAt?.toISOString()])).toEqual([
      ['standup', false, '2026-12-07T17:00:00.000Z'],
      ['weekend_checkin', true, '2026-12-12T19:00:00.000Z'],
    ]);
  });

  it('re-imports as a new version: tasks move in place, keep their progress, and the old baseline is kept', async () => {
    const { id: planId } = await db.prisma.plan.findFirstOrThrow({ where: { name: 'Launch sprint' } });
    await db.prisma.task.update({ where: { planId_key: { planId, key: 'd3' } }, data: { status: 'done' } });
    const ritualBefore = await db.prisma.ritual.findUniqueOrThrow({
      where: { planId_key: { planId, key: 'standup' } },
    });

    const saved = await savePlanVersion(db.prisma, consoleWorkspace, snapshotOf(secondTasks), {
      sourceName: 'plan.yaml',
      importedBy: 'cli',
      at: now,
      variance: (previous) => ({
        added: [],
        removed: [],
        moved: [],
        unchanged: (previous as { tasks: unknown[] }).tasks.length,
      }),
    });
    expect(saved.version).toBe(2);
    expect((saved.previousDocument as { tasks: { key: string }[] }).tasks.map((t) => t.key)).toEqual([
      'd1',
      'd3',
      'd4',
      'd19',
    ]);

    const tasks = await db.prisma.task.findMany({ where: { planId }, orderBy: { key: 'asc' } });
    expect(tasks.map((t) => [t.key, t.status, t.dueDate.toISOString().slice(0, 10)])).toEqual([
      ['d1', 'todo', '2026-12-07'],
      ['d19', 'cancelled', '2026-12-28'],
      ['d3', 'done', '2026-12-09'],
      ['d4', 'todo', '2026-12-12'],
      // Week 3 (Dec 21–27) is due on its last working day: the 25th is a holiday, then the weekend.
      ['w3', 'todo', '2026-12-24'],
    ]);
    const versions = await db.prisma.planVersion.findMany({ where: { planId }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => [v.version, v.variance])).toEqual([
      [1, null],
      [2, { added: [], removed: [], moved: [], unchanged: 4 }],
    ]);
    expect((await db.prisma.plan.findUniqueOrThrow({ where: { id: planId } })).currentVersion).toBe(2);
    // The ritual is the same row, so occurrences it already claimed still guard against re-posting.
    expect((await db.prisma.ritual.findUniqueOrThrow({ where: { planId_key: { planId, key: 'standup' } } })).id).toBe(
      ritualBefore.id,
    );
    expect(await db.prisma.auditLog.count({ where: { planId, action: 'plan.rebaseline' } })).toBe(1);
  });

  it('stores nothing when the import fails half-way', async () => {
    const broken = snapshotOf(firstTasks);
    broken.name = 'Broken sprint';
    // A dependency on a key that is not in the plan fails inside the transaction, after rows were written.
    broken.tasks[1]!.dependsOn = ['no-such-task'];
    await expect(
      savePlanVersion(db.prisma, consoleWorkspace, broken, { sourceName: 'x', importedBy: 'cli', at: now }),
    ).rejects.toThrow();
    expect(await db.prisma.plan.count({ where: { name: 'Broken sprint' } })).toBe(0);
    expect(await db.prisma.task.count({ where: { plan: { name: 'Broken sprint' } } })).toBe(0);
  });
});
