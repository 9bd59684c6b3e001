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

describe.each(storeKinds())('which prompt an answer belongs to, over a weekend, on %s', (kind) => {
  let db: TestDatabase;
  let app: TestApp;
  const say = async (user: string, text: string) => renderText(await app.run(acme, user, text));
  const replyTo = async (ritual: 'standup' | 'weekend_checkin') =>
    db.prisma.standupReply.findMany({
      where: { member: { key: 'luis' }, occurrence: { ritual: { kind: ritual } } },
      select: { did: true, doing: true },
    });
  /** The platform ref the sender gave the post of the last occurrence of `ritual`. */
  const postRef = (kind: 'standup_prompt' | 'weekend_checkin') => {
    const posts = app.slack.sent.filter(
      (s) => s.message.target === 'C-ACME' && (s.message.payload as { kind?: string }).kind === kind,
    );
    return posts.at(-1)?.ref;
  };

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    // Friday Dec 11, 08:00 PST: the stand-up posts at 09:00, the weekend check-in Saturday at 11:00.
    app = createTestApp(db, '2026-12-11T16:00:00Z');
    await importYaml(app, acme, sprintPlanYaml, 'C-ACME');
    app.clock.set('2026-12-11T17:00:00Z');
    await app.step();
    await say('U0LUIS', 'standup did: friday work doing: wrap-up blockers: none');
    app.clock.set('2026-12-12T19:00:00Z'); // Saturday 11:00 PST
    await app.step();
    app.clock.set('2026-12-12T19:05:00Z');
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('a Saturday answer with no thread goes to the check-in and leaves Friday’s stand-up answer alone', async () => {
    await say('U0LUIS', 'standup did: saturday catch-up doing: rest blockers: none');
    expect(await replyTo('standup')).toEqual([{ did: 'friday work', doing: 'wrap-up' }]);
    expect(await replyTo('weekend_checkin')).toEqual([{ did: 'saturday catch-up', doing: 'rest' }]);
  });

  it('a reply in a prompt’s thread belongs to that prompt, whichever was posted last', async () => {
    const friday = await app.service.answeredPrompt({ platform: 'slack', threadRef: postRef('standup_prompt')! });
    const saturday = await app.service.answeredPrompt({ platform: 'slack', threadRef: postRef('weekend_checkin')! });
    expect(friday).toMatchObject({ kind: 'standup', scheduledAt: new Date('2026-12-11T17:00:00Z') });
    expect(saturday).toMatchObject({ kind: 'weekend_checkin', scheduledAt: new Date('2026-12-12T19:00:00Z') });

    const ctx = { workspace: acme, actor: { platform: 'slack' as const, userId: 'U0LUIS' } };
    await app.service.handle(ctx, {
      name: 'standup',
      args: { did: 'friday, corrected', occurrenceId: friday!.id },
    });
    expect(await replyTo('standup')).toEqual([{ did: 'friday, corrected', doing: null }]);
    expect(await replyTo('weekend_checkin')).toEqual([]);
  });

  it('a thread that is not one of planbot’s prompts, or a DM nobody was prompted in, answers nothing', async () => {
    expect(await app.service.answeredPrompt({ platform: 'slack', threadRef: 'ref-none' })).toBeNull();
    // The stand-up's ref on another platform is not that post.
    expect(await app.service.answeredPrompt({ platform: 'teams', threadRef: postRef('standup_prompt')! })).toBeNull();
    expect(await app.service.answeredPrompt({ platform: 'slack', dmUser: 'U0LUIS' })).toBeNull();
  });
});
