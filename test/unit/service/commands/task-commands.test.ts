import { describe, expect, it } from 'vitest';
import { fakeService, USER } from '../fake-service.js';

// Thursday Dec 10, 10:00 PST: d3 (Luis) was due yesterday, d4 (Luis) is due today, d2 (Priya) on Tuesday.
const THURSDAY = '2026-12-10T18:00:00Z';

describe('done', () => {
  it('the owner marks a task done: status, when, an audit entry, and how late it was', async () => {
    const f = await fakeService(THURSDAY);
    expect(await f.say(USER.luis, 'done d3')).toBe(
      '✓ d3 (Data ingestion) marked done, 1 business day after it was due.',
    );
    expect(await f.task('d3')).toMatchObject({ status: 'done', doneAt: new Date(THURSDAY) });
    expect(f.store.auditLog.at(-1)).toMatchObject({ action: 'task.done', actor: 'luis', detail: { task: 'd3' } });
    expect(await f.say(USER.luis, 'done d4')).toBe('✓ d4 (Data quality) marked done.');
    expect(await f.say(USER.priya, 'done d2')).toContain('2 business days after it was due');
  });

  it('a task already done says so and changes nothing', async () => {
    const f = await fakeService(THURSDAY);
    await f.run(USER.luis, 'done d3');
    const audit = f.store.auditLog.length;
    expect(await f.say(USER.luis, 'done d3')).toBe('d3 (Data ingestion) is already done.');
    expect(f.store.auditLog).toHaveLength(audit);
  });

  it('a lead or sponsor may mark anyone’s task done; another member may not', async () => {
    const f = await fakeService(THURSDAY);
    expect(await f.say(USER.priya, 'done d3')).toContain(
      'd3 belongs to Luis Romero; only its owner or a lead can mark it done.',
    );
    expect((await f.task('d3')).status).toBe('todo');
    expect(await f.say(USER.sam, 'done d3')).toContain('marked done');
    expect(await f.say(USER.alex, 'done d4')).toContain('marked done');
    expect(f.store.auditLog.filter((a) => a.action === 'task.done').map((a) => a.actor)).toEqual(['sam', 'alex']);
  });

  it('refuses someone not on the plan, and an unknown task, changing nothing', async () => {
    const f = await fakeService(THURSDAY);
    expect(await f.say('U0STRANGER', 'done d3')).toMatch(/not linked to a member of this plan yet/);
    expect(await f.say(USER.luis, 'done d42')).toMatch(/No task "d42" in Checkout sprint/);
    expect((await f.state()).tasks.every((t) => t.status === 'todo')).toBe(true);
  });

  it('a task done is no longer an overdue slip', async () => {
    const f = await fakeService(THURSDAY);
    await f.run(USER.sam, 'done d1');
    await f.run(USER.priya, 'done d2');
    await f.run(USER.luis, 'done d3');
    expect(await f.store.plansWithOverdueTasks(new Date('2026-12-10T00:00:00Z'))).toEqual([]);
  });
});
