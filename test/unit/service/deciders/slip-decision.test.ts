import { describe, expect, it } from 'vitest';
import { decideSlips, nextSlipCheck } from '../../../../src/service/deciders/slip-decision.js';
import { PlanView } from '../../../../src/service/read-model/plan-view.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { draftsIn, fakeService, USER, type FakeService } from '../fake-service.js';

// The sprint plan: slips past one business day escalate to Alex (sponsor), and dependants are
// proposed for the next buffer day (Saturday Dec 12). d3 (Luis, critical) is due Wednesday Dec 9;
// d4 (Thursday) and d5 (Friday) wait on it.
const MONDAY = '2026-12-07T16:00:00Z';
const FRIDAY_0859 = new Date('2026-12-11T16:59:00Z');
const FRIDAY_0900 = new Date('2026-12-11T17:00:00Z');
/** 17:00 PST on Wednesday Dec 9, the close of business on d3's due day (the plan's default 09:00-17:00). */
const WEDNESDAY_CLOSE = new Date('2026-12-10T01:00:00Z');
const newIds = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;
};

/** The sprint plan with d1 and d2 done on time, so only d3 can slip. */
async function onlyD3Open(yaml = sprintPlanYaml): Promise<FakeService> {
  const f = await fakeService(MONDAY, yaml);
  await f.run(USER.sam, 'done d1');
  await f.run(USER.priya, 'done d2');
  return f;
}

describe('decideSlips', () => {
  it('does nothing until the task is late past the threshold, at the start of business hours', async () => {
    const f = await onlyD3Open();
    // d4's date forced d3's re-plan proposal at Wednesday's close; the slip itself waits for Friday.
    await f.tickAt(WEDNESDAY_CLOSE.toISOString());
    expect(decideSlips(await f.view(), FRIDAY_0859, newIds())).toEqual([]);
    expect(nextSlipCheck(await f.view())).toEqual(FRIDAY_0900);
  });

  it('escalates a slip once: claims it, alerts the rule’s target, audits, and proposes moving its dependants to the buffer day', async () => {
    const f = await onlyD3Open();
    const d3 = await f.task('d3');
    const [effects, ...more] = decideSlips(await f.view(), FRIDAY_0900, newIds());
    expect(more).toEqual([]);
    expect(effects!.map((e) => e.type)).toEqual(['task.slip_claim', 'outbox', 'audit', 'replan.create', 'outbox']);
    expect(effects![0]).toEqual({ type: 'task.slip_claim', taskId: d3.id, at: FRIDAY_0900 });
    expect(effects![2]).toMatchObject({ action: 'task.slipped', detail: { task: 'd3', businessDaysLate: 2 } });
    expect(effects![3]).toEqual({
      type: 'replan.create',
      replanId: '00000000-0000-4000-8000-000000000001',
      planId: f.planId,
      number: 1,
      slippedTaskKey: 'd3',
      moves: [
        { taskKey: 'd4', from: '2026-12-10', to: '2026-12-12' },
        { taskKey: 'd5', from: '2026-12-11', to: '2026-12-12' },
      ],
      bufferDate: '2026-12-12',
      at: FRIDAY_0900,
    });
    const [alert, proposal] = draftsIn(effects!);
    expect(alert).toMatchObject({
      key: `slip:${d3.id}:${(await f.member('alex')).id}`,
      target: USER.alex,
      kind: 'slip_alert',
    });
    expect(alert!.body).toContain('Data ingestion');
    expect(proposal).toMatchObject({
      key: 'replan:00000000-0000-4000-8000-000000000001',
      target: 'C-ACME',
      kind: 'replan_proposal',
    });

    await f.store.apply(effects!);
    expect(decideSlips(await f.view(), FRIDAY_0900, newIds())).toEqual([]);
    expect((await f.state()).replans.map((r) => [r.number, r.slippedTaskKey, r.status])).toEqual([
      [1, 'd3', 'pending'],
    ]);
  });

  it('never escalates a task that is done, however late it was', async () => {
    const f = await onlyD3Open();
    await f.run(USER.luis, 'done d3');
    const slipped = decideSlips(await f.view(), new Date('2026-12-18T17:00:00Z'), newIds()).flatMap((effects) =>
      effects.flatMap((e) => (e.type === 'audit' ? [e.detail?.task] : [])),
    );
    expect(slipped).toEqual(['d4', 'd5', 'd8']);
    // Now d3 is done, d4 is the next one due: its re-plan was due at Thursday's close (d5 waits on
    // it, due Friday), before its slip (Monday 09:00).
    expect(nextSlipCheck(PlanView.of(await f.state()))).toEqual(new Date('2026-12-11T01:00:00Z'));
  });

  it('alerts the leads when the plan names nobody for slips, and the channel when it has no lead', async () => {
    const f = await onlyD3Open(sprintPlanYaml.replace(' slipEscalatesTo: alex,', ''));
    expect(draftsIn(decideSlips(await f.view(), FRIDAY_0900, newIds())[0]!)[0]).toMatchObject({ target: USER.sam });

    const leaderless = await onlyD3Open(
      sprintPlanYaml.replace(' slipEscalatesTo: alex,', '').replace('roles: [lead]', 'roles: [member]'),
    );
    // Sam is no lead now, so he marks his own d1 done; the alert goes to the channel.
    expect(draftsIn(decideSlips(await leaderless.view(), FRIDAY_0900, newIds())[0]!)[0]).toMatchObject({
      target: 'C-ACME',
      kind: 'slip_alert',
    });
  });

  it('proposes nothing when the plan does not push dependants, or the task has none waiting', async () => {
    const f = await onlyD3Open(sprintPlanYaml.replace('pushDependantsToBuffer: true', 'pushDependantsToBuffer: false'));
    expect(decideSlips(await f.view(), FRIDAY_0900, newIds())[0]!.map((e) => e.type)).toEqual([
      'task.slip_claim',
      'outbox',
      'audit',
    ]);

    const lone = await fakeService(MONDAY);
    // d1 (Monday) has no dependants: by Wednesday 09:00 it slipped, and only the alert goes out.
    const [d1, ...rest] = decideSlips(await lone.view(), new Date('2026-12-09T17:00:00Z'), newIds());
    expect(rest).toEqual([]);
    expect(d1!.map((e) => e.type)).toEqual(['task.slip_claim', 'outbox', 'audit']);
  });

  it('with no buffer day left, proposes the dependants as unplaced, for the lead to re-plan by hand', async () => {
    const f = await onlyD3Open(sprintPlanYaml.replace('days: [6, 13]', 'days: []'));
    const effects = decideSlips(await f.view(), FRIDAY_0900, newIds())[0]!;
    expect(effects.find((e) => e.type === 'replan.create')).toMatchObject({ moves: [], bufferDate: null });
    expect(draftsIn(effects)[1]!.body).toMatch(/d4/);
  });
});

describe('slips found by the scheduler', () => {
  // d6 waits on d2 (Tuesday); with nobody ticking on Thursday, d2 and d3 both pass the threshold
  // by the first tick on Friday 09:00, and both have dependants to move.
  const twoChains = sprintPlanYaml.replace(
    '  - { key: d8,',
    '  - { key: d6, title: Crawl fixes, owner: priya, day: 5, dependsOn: [d2] }\n  - { key: d8,',
  );

  // Once a bug: every proposal of one tick was numbered from the same loaded state, so both took
  // number 1 and the unique (plan, number) key aborted the second batch, its slip alert included.
  it('proposes a re-plan for each of two slips found in one tick, numbered 1 and 2', async () => {
    const f = await fakeService(MONDAY, twoChains);
    await f.run(USER.sam, 'done d1');
    const report = await f.tickAt(FRIDAY_0900.toISOString());
    expect(report.conflicts).toBe(0);
    expect((await f.state()).replans.map((r) => [r.number, r.slippedTaskKey])).toEqual([
      [1, 'd2'],
      [2, 'd3'],
    ]);
    expect(f.queued().filter((m) => m.kind === 'replan_proposal')).toHaveLength(2);
    // Alex hears of both in one message.
    const alerts = f.queued().filter((m) => m.kind === 'slip_alert');
    expect(alerts.map((m) => m.target)).toEqual([USER.alex]);
    expect(alerts[0]!.body).toMatch(/d2[\s\S]*d3/);
  });

  it('a slip whose batch lost is escalated by a later tick, with the next number (nothing is lost for good)', async () => {
    const f = await fakeService(MONDAY, twoChains);
    await f.run(USER.sam, 'done d1');
    await f.tickAt(FRIDAY_0900.toISOString());
    await f.tickAt('2026-12-11T17:01:00Z');
    const replans = (await f.state()).replans;
    expect(replans.map((r) => [r.number, r.slippedTaskKey]).sort()).toEqual([
      [1, 'd2'],
      [2, 'd3'],
    ]);
    expect(replans.find((r) => r.slippedTaskKey === 'd2')!.moves).toEqual([
      { taskKey: 'd6', from: '2026-12-11', to: '2026-12-12' },
    ]);
    expect(f.queued().filter((m) => m.kind === 'slip_alert')).toHaveLength(1);
    // And it is escalated only once.
    await f.tickAt('2026-12-11T19:00:00Z');
    expect(f.queued().filter((m) => m.kind === 'slip_alert')).toHaveLength(1);
  });
});

describe('a re-plan a dependant’s date forces (#17 item 2)', () => {
  // d3 is due Wednesday Dec 9 and d4 (Thursday) waits on it. The slip threshold flags d3 only on
  // Friday 09:00, after d4's date; the proposal to move d4 must come by Wednesday, the working day
  // before it.
  it('proposes moving d4 at the close of Wednesday, before its date, and keeps the slip alert for Friday', async () => {
    const f = await onlyD3Open();
    await f.tickAt('2026-12-10T00:59:00Z'); // Wednesday 16:59 PST: d3 can still be done today
    expect(f.queued().filter((m) => m.kind === 'replan_proposal')).toEqual([]);

    await f.tickAt(WEDNESDAY_CLOSE.toISOString());
    const proposals = f.queued().filter((m) => m.kind === 'replan_proposal');
    expect(proposals.map((m) => m.target)).toEqual(['C-ACME']);
    expect(proposals[0]!.body).toContain('Data quality: Thu 10 Dec → Sat 12 Dec');
    expect(proposals[0]!.body).toContain('due Thu 10 Dec');
    expect((await f.state()).replans.map((r) => [r.number, r.slippedTaskKey, r.moves])).toEqual([
      [
        1,
        'd3',
        [
          { taskKey: 'd4', from: '2026-12-10', to: '2026-12-12' },
          { taskKey: 'd5', from: '2026-12-11', to: '2026-12-12' },
        ],
      ],
    ]);
    // The slip alert keeps its time and its reader: nobody is told of a slip yet.
    expect(f.queued().filter((m) => m.kind === 'slip_alert')).toEqual([]);

    await f.tickAt('2026-12-10T17:00:00Z'); // Thursday 09:00
    await f.tickAt(FRIDAY_0900.toISOString());
    expect(
      f
        .queued()
        .filter((m) => m.kind === 'slip_alert')
        .map((m) => m.target),
    ).toEqual([USER.alex]);
    // d3's slip already has its proposal: Friday does not propose it again.
    expect(f.queued().filter((m) => m.kind === 'replan_proposal')).toHaveLength(1);
    expect((await f.state()).replans).toHaveLength(1);
  });

  it('a proposal the lead rejected is not made again when the slip is flagged', async () => {
    const f = await onlyD3Open();
    await f.tickAt(WEDNESDAY_CLOSE.toISOString());
    await f.run(USER.sam, 'replan reject 1');
    await f.tickAt(FRIDAY_0900.toISOString());
    expect((await f.state()).replans.map((r) => [r.number, r.status])).toEqual([[1, 'rejected']]);
    expect(f.queued().filter((m) => m.kind === 'replan_proposal')).toHaveLength(1);
    expect(f.queued().filter((m) => m.kind === 'slip_alert')).toHaveLength(1);
  });

  it('a dependant the early proposal did not reach is proposed with the slip, and only it', async () => {
    // d7 waits on d3 too but is due Friday: on Wednesday evening its date still holds.
    const f = await onlyD3Open(
      sprintPlanYaml.replace(
        '  - { key: d8,',
        '  - { key: d7, title: Ingestion report, owner: priya, day: 5, dependsOn: [d3] }\n  - { key: d8,',
      ),
    );
    await f.tickAt(WEDNESDAY_CLOSE.toISOString());
    await f.tickAt(FRIDAY_0900.toISOString());
    // #1 is still pending: Friday's proposal names d7 alone, not d4 and d5 a second time.
    expect((await f.state()).replans.map((r) => [r.number, r.status, r.moves.map((m) => m.taskKey)])).toEqual([
      [1, 'pending', ['d4', 'd5']],
      [2, 'pending', ['d7']],
    ]);
  });

  it('the scheduler wakes for the forced proposal, not only for the slip', async () => {
    const f = await onlyD3Open();
    expect(nextSlipCheck(await f.view())).toEqual(WEDNESDAY_CLOSE);
  });
});
