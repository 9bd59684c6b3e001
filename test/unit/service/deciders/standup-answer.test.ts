import { beforeEach, describe, expect, it } from 'vitest';
import { standupAnswerEffects } from '../../../../src/service/deciders/standup-answer.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { importPlanYaml } from '../../../support/store-import.js';
import { acme, fakeService, USER, type FakeService } from '../fake-service.js';

// Thursday Dec 10, 09:05 PST, after the 09:00 stand-up: Luis owns d3 (due yesterday), d4 (today)
// and d8; Priya owns d2, d5.
const NOW = new Date('2026-12-10T17:05:00Z');
const NO_DETAILS = 'Marked blocked in the stand-up (no details given yet)';

describe('stand-up answers', () => {
  let f: FakeService;
  const keyOf = async (taskId: string | null) => (await f.state()).tasks.find((t) => t.id === taskId)?.key ?? null;
  const opened = async () =>
    Promise.all((await f.state()).blockers.map(async (b) => [b.number, await keyOf(b.taskId), b.summary]));

  beforeEach(async () => {
    f = await fakeService('2026-12-10T16:00:00Z');
    await f.tickAt('2026-12-10T17:00:00Z');
    f.clock.set(NOW);
  });

  it('records the answer on the latest stand-up, once per member, the later answer replacing the earlier', async () => {
    await f.say(USER.luis, 'standup did: ingestion doing: quality blockers: none');
    await f.say(USER.luis, 'standup did: ingestion, really doing: quality');
    const [occurrence] = await f.store.dueReminders(new Date('2026-12-10T18:00:00Z'), 1);
    expect(f.store.replies(occurrence!.id)).toEqual([
      expect.objectContaining({
        memberId: (await f.member('luis')).id,
        did: 'ingestion, really',
        doing: 'quality',
        blockers: null,
      }),
    ]);
    // "blockers: none" opened nothing.
    expect(await opened()).toEqual([]);
  });

  it('reopening a task marked done by mistake clears when it was done', async () => {
    expect(await f.say(USER.luis, 'standup d3 done')).toContain('Updated: d3 done.');
    expect(await f.task('d3')).toMatchObject({ status: 'done', doneAt: NOW });
    expect(await f.say(USER.luis, 'standup d3 in progress')).toContain('Updated: d3 in progress.');
    expect(await f.task('d3')).toMatchObject({ status: 'in_progress', doneAt: null });
  });

  it('a task already done stays done, with no second audit entry', async () => {
    await f.say(USER.luis, 'standup d3 done');
    await f.say(USER.luis, 'standup d3 done');
    expect(f.store.auditLog.filter((a) => a.action === 'task.done')).toHaveLength(1);
  });

  it('reads "#d4" as d4, and skips a task the plan dropped as no such task', async () => {
    await importPlanYaml(f.store, acme, sprintPlanYaml.replace(/ {2}- \{ key: d8,.*\n/, ''), { now: NOW });
    const reply = await f.say(USER.luis, 'standup #d4 in progress, d8 done');
    expect(reply).toContain('Updated: d4 in progress.');
    expect(reply).toContain('Not changed: d8: no such task in Checkout sprint.');
    expect(await f.task('d4')).toMatchObject({ status: 'in_progress' });
    expect(await f.task('d8')).toMatchObject({ status: 'cancelled' });
    // A key as a card or modal sends it, "#" and all.
    const outcome = standupAnswerEffects(
      await f.view(),
      await f.member('luis'),
      { id: 'occ', scheduledAt: NOW },
      { statuses: { '#d3': 'done' } },
      NOW,
      () => 'id',
    );
    expect(outcome.applied).toEqual(['d3 done']);
  });

  it('blockers text with no blocked task named goes on the member’s first open task due, not one just marked done', async () => {
    await f.say(USER.luis, 'standup d3 done blockers: vendor API down');
    expect(await opened()).toEqual([[1, 'd4', 'vendor API down']]);
    await f.say(USER.priya, 'standup blockers: crawler banned');
    // Priya's d2 is overdue: the first of her open tasks due by today.
    expect((await opened()).at(-1)).toEqual([2, 'd2', 'crawler banned']);
  });

  it('with two tasks marked blocked, the text goes to the first and the second asks for details', async () => {
    const reply = await f.say(USER.luis, 'standup d3 blocked, d4 blocked blockers: vendor API down');
    expect(reply).toContain('Opened blocker *#1* on d3 from your answer.');
    expect(reply).toContain('Opened blocker *#2* on d4; it has no details yet');
    expect(await opened()).toEqual([
      [1, 'd3', 'vendor API down'],
      [2, 'd4', NO_DETAILS],
    ]);
    expect((await f.task('d3')).status).toBe('blocked');
  });

  it('numbers blockers opened together after the ones the plan has', async () => {
    await f.run(USER.priya, 'block d2 crawler banned');
    await f.say(USER.luis, 'standup d3 blocked, d4 blocked');
    expect((await opened()).map(([n, key]) => [n, key])).toEqual([
      [1, 'd2'],
      [2, 'd3'],
      [3, 'd4'],
    ]);
  });

  // Once a bug: the text of a restated "d4 blocked" was read as "no blocked task named" and opened
  // a blocker on Luis's first open task (d3), paging the lead about something not blocking d3.
  it('restating a blocked task that already has an open blocker opens no blocker elsewhere', async () => {
    await f.say(USER.luis, '#d4: blocked\nblockers: warehouse schema drift');
    await f.say(USER.luis, '#d4: blocked\nblockers: still drifting, vendor looking');
    expect(await opened()).toEqual([[1, 'd4', 'warehouse schema drift']]);
  });

  it('an answer sent twice opens its blocker once', async () => {
    await f.say(USER.luis, 'standup did: crawl doing: checks blockers: vendor API key expired');
    await f.say(USER.luis, 'standup did: crawl doing: checks blockers: vendor API key expired');
    expect((await opened()).map(([, , summary]) => summary)).toEqual(['vendor API key expired']);
  });

  it('reads "none" followed by task statuses as no blocker, and says back what it understood', async () => {
    const reply = await f.say(USER.priya, 'standup did: crawl doing: blueprint blockers: none d2 done');
    expect(await opened()).toEqual([]);
    expect((await f.task('d2')).status).toBe('done');
    expect(reply).toBe(
      'Thanks Priya Mehta, your stand-up is in.\nDid: crawl\nDoing: blueprint\nBlockers: none\nUpdated: d2 done.',
    );
    await f.say(USER.luis, 'standup blockers: nothing, #d4 wip');
    await f.say(USER.luis, 'standup blockers: n/a; Data ingestion done');
    expect(await opened()).toEqual([]);
    expect((await f.task('d4')).status).toBe('in_progress');
    expect((await f.task('d3')).status).toBe('done');
  });

  it('takes a task named by its title or its plan day, for plans whose keys nobody remembers', async () => {
    const reply = await f.say(USER.luis, 'standup did: data ingestion done doing: day 4 wip blockers: none');
    expect(reply).toContain('Updated: d3 done, d4 in progress.');
    expect(await f.task('d3')).toMatchObject({ status: 'done' });
    expect(await f.task('d4')).toMatchObject({ status: 'in_progress' });
    // Priya has nothing on day 4; Luis's tasks stay his.
    expect(await f.say(USER.priya, 'standup day 4 done')).toContain(
      'Not changed: day-4: you have no task on that day.',
    );
    expect(await f.task('d4')).toMatchObject({ status: 'in_progress' });
  });

  it('answering the same stand-up again corrects the blocker the first answer opened, and adds none', async () => {
    await f.say(USER.luis, 'standup blockers: vendor API down');
    const again = await f.say(USER.luis, 'standup blockers: vendor API down since Monday, legal has the contract');
    expect(await opened()).toEqual([[1, 'd3', 'vendor API down since Monday, legal has the contract']]);
    expect(again).toContain('Blocker *#1* on d3 now reads as this answer says (you answered this stand-up before).');
    // The next day's stand-up is another prompt: a new blocker there is a new blocker.
    await f.tickAt('2026-12-11T17:00:00Z');
    f.clock.set('2026-12-11T17:05:00Z');
    await f.say(USER.luis, 'standup blockers: the staging cluster is gone');
    expect((await opened()).map(([number]) => number)).toEqual([1, 2]);
  });

  it('keeps a status on someone else’s task out of the answer, and says whose it is', async () => {
    const view = await f.view();
    const luis = await f.member('luis');
    const outcome = standupAnswerEffects(
      view,
      luis,
      { id: 'occ', scheduledAt: NOW },
      { statuses: { d5: 'done', d4: 'done' } },
      NOW,
      () => 'id',
    );
    expect(outcome.applied).toEqual(['d4 done']);
    expect(outcome.skipped).toEqual([
      "d5 is Priya Mehta's; only its owner sets its status here (or a lead with `/plan done d5`)",
    ]);
    expect(outcome.effects[0]).toMatchObject({ type: 'standup.reply', taskStatuses: { d4: 'done' } });
    expect(outcome.effects.filter((e) => e.type === 'task.update').map((e) => e.taskId)).toEqual([
      (await f.task('d4')).id,
    ]);
  });

  it('asks for an answer when the command carries none, and refuses before any stand-up was posted', async () => {
    expect(await f.say(USER.luis, 'standup')).toMatch(/Answer the stand-up with/);
    const early = await fakeService('2026-12-07T16:00:00Z');
    expect(await early.say(USER.luis, 'standup did: x')).toMatch(/No stand-up has been posted for this plan yet/);
  });
});
