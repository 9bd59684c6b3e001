import { beforeEach, describe, expect, it } from 'vitest';
import { fakeService, USER, type FakeService } from '../fake-service.js';

// d3 (due Wednesday) slipped by Friday 09:00 PST; the scheduler proposes moving d4 and d5 to the
// buffer day, Saturday Dec 12, as proposal #1.
describe('replan', () => {
  let f: FakeService;
  beforeEach(async () => {
    f = await fakeService('2026-12-07T16:00:00Z');
    await f.run(USER.sam, 'done d1');
    await f.run(USER.priya, 'done d2');
    await f.tickAt('2026-12-11T17:00:00Z');
    expect((await f.state()).replans).toHaveLength(1);
  });

  it('approve moves the tasks, re-baselines the plan with the moves recorded, and tells the channel', async () => {
    const reply = await f.say(USER.sam, 'replan approve 1');
    expect(reply).toContain('Re-plan *#1* approved by Sam Jackson: 2 tasks moved after d3 slipped (plan version 2).');
    expect(reply).toContain('d4: 2026-12-10 → 2026-12-12');
    const state = await f.state();
    expect(state.replans[0]!.status).toBe('approved');
    expect(state.plan.version).toBe(2);
    expect(state.tasks.filter((t) => t.dueDate === '2026-12-12').map((t) => t.key)).toEqual(['d4', 'd5']);
    // The new baseline dates the moved tasks in the document; the others keep their day.
    const d4 = state.plan.document.tasks.find((t) => t.key === 'd4')!;
    expect(d4).toMatchObject({ date: '2026-12-12' });
    expect(d4).not.toHaveProperty('day');
    expect(state.plan.document.tasks.find((t) => t.key === 'd3')).toMatchObject({ day: 3 });
    expect(f.store.planVersions(f.planId).map((v) => [v.version, v.importedBy, v.variance])).toEqual([
      [1, 'test', null],
      [2, 'sam', { replan: 1, moved: state.replans[0]!.moves }],
    ]);
    const proposal = state.replans[0]!;
    expect(f.queued().find((m) => m.key === `replan:${proposal.id}:approved`)).toMatchObject({ target: 'C-ACME' });
    expect(f.store.auditLog.at(-1)).toMatchObject({ action: 'replan.approve', actor: 'sam', detail: { proposal: 1 } });
  });

  it('reject keeps the dates and the version', async () => {
    expect(await f.say(USER.alex, 'replan reject 1')).toBe('Re-plan proposal *#1* rejected; dates stay as planned.');
    const state = await f.state();
    expect(state.replans[0]!.status).toBe('rejected');
    expect(state.plan.version).toBe(1);
    expect((await f.task('d4')).dueDate).toBe('2026-12-10');
  });

  it('a decided proposal stays decided, an unknown one is not found, and members cannot decide', async () => {
    expect(await f.say(USER.luis, 'replan approve 1')).toMatch(/is for the plan's leads and sponsors/);
    await f.run(USER.sam, 'replan reject 1');
    expect(await f.say(USER.sam, 'replan approve 1')).toMatch(/Proposal #1 was already rejected/);
    expect(await f.say(USER.sam, 'replan approve 7')).toMatch(/No re-plan proposal 7 in Checkout sprint/);
    expect((await f.state()).plan.version).toBe(1);
  });

  it('by the id the Approve button carries', async () => {
    const { id } = (await f.state()).replans[0]!;
    expect(await f.say(USER.sam, `replan approve ${id}`)).toContain('approved by Sam Jackson');
  });

  it('two leads deciding at once: one decision lands, the other is told to look again', async () => {
    f.store.interleaveBeforeNextApply(async () => {
      await f.run(USER.alex, 'replan approve 1');
    });
    expect(await f.say(USER.sam, 'replan reject 1')).toMatch(/Someone changed this at the same moment/);
    const state = await f.state();
    expect(state.replans[0]!.status).toBe('approved');
    expect(state.plan.version).toBe(2);
  });
});
