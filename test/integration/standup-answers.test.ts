import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';
import { createTestApp, importYaml, type TestApp } from '../support/test-app.js';

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };

describe.each(storeKinds())('stand-up answers with a status per task on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  const say = async (user: string, text: string) => renderText(await app.run(acme, user, text));
  const task = (key: string) => db.prisma.task.findFirstOrThrow({ where: { key } });

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    // Thursday Dec 10, 08:00 PST (day 4): Luis owns d3 (due yesterday) and d4 (today); Priya owns d5.
    app = createTestApp(db, '2026-12-10T16:00:00Z');
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
    app.clock.set('2026-12-10T17:00:00Z');
    await app.step(); // the 09:00 stand-up
    app.clock.set('2026-12-10T17:05:00Z');
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('applies statuses to the member’s own tasks, notes the rest, and stores what was applied', async () => {
    const reply = await say(
      'U0LUIS',
      'standup did: ingestion doing: quality checks d3 done d4 wip d5 done d9 done blockers: none',
    );
    expect(reply).toContain('Updated: d3 done, d4 in progress.');
    expect(reply).toMatch(
      /Not changed: d5 is Priya Mehta's; only its owner sets its status here .*; d9: no such task in Checkout sprint\./,
    );
    expect(await task('d3')).toMatchObject({ status: 'done', doneAt: new Date('2026-12-10T17:05:00Z') });
    expect(await task('d4')).toMatchObject({ status: 'in_progress' });
    expect(await task('d5')).toMatchObject({ status: 'todo' });
    const saved = await db.prisma.standupReply.findFirstOrThrow();
    expect(saved).toMatchObject({
      did: 'ingestion',
      doing: 'quality checks d3 done d4 wip d5 done d9 done',
      blockers: null,
      taskStatuses: { d3: 'done', d4: 'in_progress' },
    });
    expect(await db.prisma.auditLog.count({ where: { action: 'task.done' } })).toBe(1);
    expect(await db.prisma.blocker.count()).toBe(0);
  });

  it('opens one blocker for a task marked blocked, with the answer’s text when it gives one', async () => {
    const first = await say('U0LUIS', '#d4: blocked\nblockers: warehouse schema drift');
    expect(first).toContain('Opened blocker *#1* on d4 from your answer.');
    expect(await task('d4')).toMatchObject({ status: 'blocked' });
    const blocker = await db.prisma.blocker.findFirstOrThrow({ include: { task: true } });
    expect(blocker).toMatchObject({ number: 1, summary: 'warehouse schema drift', status: 'open' });
    expect(blocker.task?.key).toBe('d4');
    // The ladder starts: tier 1 (Sam) hears at once.
    expect(
      app
        .delivered()
        .filter((m) => m.kind === 'escalation')
        .map((m) => m.target),
    ).toEqual(['U0SAM']);

    const again = await say('U0LUIS', 'standup d4 blocked');
    expect(again).not.toContain('Opened blocker');
    expect(await db.prisma.blocker.count()).toBe(1);
  });

  it('opens a blocker without details when a task is marked blocked and asks for them', async () => {
    const reply = await say('U0LUIS', 'standup d3 blocked, d4 blocked');
    expect(reply).toContain('Opened blocker *#1* on d3; it has no details yet');
    expect(reply).toContain('Opened blocker *#2* on d4; it has no details yet');
    const blockers = await db.prisma.blocker.findMany({ orderBy: { number: 'asc' }, include: { task: true } });
    expect(blockers.map((b) => [b.number, b.task?.key, b.summary])).toEqual([
      [1, 'd3', 'Marked blocked in the stand-up (no details given yet)'],
      [2, 'd4', 'Marked blocked in the stand-up (no details given yet)'],
    ]);
  });

  it('standupForm lists the asker’s tasks due today and overdue open ones, with their status', async () => {
    expect(await app.service.standupForm({ workspace: acme, actor: { platform: 'slack', userId: 'U0LUIS' } })).toEqual({
      memberName: 'Luis Romero',
      planName: 'Checkout sprint',
      tasks: [
        { key: 'd3', title: 'Data ingestion', status: 'todo', overdue: true },
        { key: 'd4', title: 'Data quality', status: 'todo', overdue: false },
      ],
    });
    await say('U0LUIS', 'standup d3 done d4 done');
    // A task done today stays on the form (so it can be undone); an overdue one that is done leaves it.
    expect(
      (await app.service.standupForm({ workspace: acme, actor: { platform: 'slack', userId: 'U0LUIS' } })).tasks,
    ).toEqual([{ key: 'd4', title: 'Data quality', status: 'done', overdue: false }]);
    await expect(
      app.service.standupForm({ workspace: acme, actor: { platform: 'slack', userId: 'U0NOBODY' } }),
    ).rejects.toMatchObject({ code: 'member_not_found' });
  });
});
