import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../../src/service/effects.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { fakeService, HOUR, USER, type FakeService } from '../fake-service.js';
import { PlanNumbers } from '../../../../src/service/read-model/plan-numbers.js';

// Wednesday Dec 9, 10:00 PST. Ladder: Sam at once, Alex after 4 h, on-call after 4 more.
const START = '2026-12-09T18:00:00Z';
const at = (ms: number) => new Date(Date.parse(START) + ms);
const pagedPlan = sprintPlanYaml.replace(
  '- { label: Secondary, target: { kind: member, member: alex }, delayMinutes: 240, businessHours: false }',
  '- { label: Secondary, target: { kind: pagerduty, schedule: AIML-Auto, member: alex }, delayMinutes: 240, businessHours: false }',
);

async function blocked(yaml = sprintPlanYaml): Promise<FakeService> {
  const f = await fakeService(START, yaml);
  await f.run(USER.luis, 'block d3 waiting on GA4 API keys');
  return f;
}

describe('block', () => {
  it('opens the next blocker on the task, marks it blocked, tells the channel and starts the ladder', async () => {
    const f = await fakeService(START);
    const reply = await f.say(USER.luis, 'block d3 waiting on GA4 API keys');
    expect(reply).toContain('Blocker *#1* opened on d3 (Data ingestion) by Luis Romero: waiting on GA4 API keys');
    expect(reply).toContain('The escalation ladder starts now');
    const blocker = await f.blocker(1);
    expect(blocker).toMatchObject({
      status: 'open',
      summary: 'waiting on GA4 API keys',
      taskId: (await f.task('d3')).id,
      reporterId: (await f.member('luis')).id,
      openedAt: at(0),
      nextEscalationAt: at(0),
    });
    expect((await f.task('d3')).status).toBe('blocked');
    expect(f.queued()).toEqual([expect.objectContaining({ key: `blocker:${blocker.id}:opened`, target: 'C-ACME' })]);
    expect(f.store.auditLog.at(-1)).toMatchObject({
      action: 'blocker.open',
      actor: 'luis',
      detail: { blocker: 1, task: 'd3' },
    });

    expect(await f.say(USER.priya, 'block #d2 crawler banned')).toContain('Blocker *#2* opened on d2');
  });

  it('announces the blocker in the channel once: the asker’s confirmation is private', async () => {
    const f = await fakeService(START);
    const reply = await f.run(USER.luis, 'block d3 waiting on GA4 API keys');
    expect(reply.ephemeral).toBe(true);
    expect(f.queued().filter((m) => m.target === 'C-ACME')).toEqual([
      expect.objectContaining({ body: expect.stringContaining('Blocker *#1* opened on d3 (Data ingestion)') }),
    ]);
    // Sam reports, and tier 1 is Sam: nobody else hears until tier 2.
    expect(await f.say(USER.sam, 'block d1 the venue cancelled')).toContain(
      'Tier 1 of the ladder is you, so nobody else is told until tier 2 is due',
    );
  });

  it('leaves a done task done, and says when tier 1 hears of it when that is later', async () => {
    const f = await fakeService(START, sprintPlanYaml.replace('delayMinutes: 0', 'delayMinutes: 30'));
    await f.run(USER.sam, 'done d1');
    expect(await f.say(USER.luis, 'block d1 rollback needed')).toContain(
      'It goes to the first escalation contact at Wed 9 Dec, 10:30 PST',
    );
    expect((await f.task('d1')).status).toBe('done');
  });

  it('refuses an unknown task and changes nothing', async () => {
    const f = await fakeService(START);
    expect(await f.say(USER.luis, 'block d99 nothing works')).toMatch(/No task "d99" in Checkout sprint/);
    expect((await f.state()).blockers).toEqual([]);
    expect(f.queued()).toEqual([]);
  });

  it('is for members of the plan: a stranger in the workspace pages nobody, unless the plan lets guests', async () => {
    const f = await fakeService(START);
    expect(await f.say('U0STRANGER', 'block d3 page everyone')).toMatch(
      /Only members of Checkout sprint can open blockers there\. If you are in the plan, link yourself first/,
    );
    expect((await f.state()).blockers).toEqual([]);
    expect((await f.task('d3')).status).toBe('todo');
    expect(f.queued()).toEqual([]);
    expect(await f.store.nextDueAt()).not.toEqual(at(0));

    const open = await fakeService(START, sprintPlanYaml.replace('rules: {', 'rules: { guestsMayOpenBlockers: true,'));
    expect(await open.say('U0STRANGER', 'block d3 the vendor is down')).toContain('Blocker *#1* opened on d3');
    expect((await open.blocker(1)).reporterId).toBeNull();
  });

  it('says so when the plan has no ladder', async () => {
    const f = await fakeService(START, sprintPlanYaml.replace(/ladder:\n(?: {2}- .*\n)+/, ''));
    expect(await f.say(USER.luis, 'block d3 keys')).toContain('This plan has no escalation ladder.');
    expect((await f.blocker(1)).nextEscalationAt).toBeNull();
    expect(await f.store.nextDueAt()).not.toEqual(at(0));
  });
});

describe('ack', () => {
  it('stops the ladder: acknowledged by the asker, nothing more due, audited', async () => {
    const f = await blocked();
    await f.scheduler.tick(); // tier 1 (Sam) goes out
    f.clock.set(at(HOUR));
    expect(await f.say(USER.sam, 'ack 1 on it')).toBe(
      'Blocker *#1* acknowledged by Sam Jackson; escalation stopped. Note: on it',
    );
    expect(await f.blocker(1)).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: at(HOUR),
      acknowledgedById: (await f.member('sam')).id,
      nextEscalationAt: null,
    });
    expect(await f.tickAt(at(12 * HOUR).toISOString())).toMatchObject({ escalations: 0 });
    // Understood, just too late: not headed "I didn't understand that".
    expect(await f.say(USER.sam, 'ack 1')).toMatch(/^\*That can't be done now\.\*\nBlocker #1 is already acknowledged/);
  });

  it('is for the reporter, the task’s owner, whoever the ladder reached, or a lead', async () => {
    const f = await blocked();
    expect(await f.say(USER.priya, 'ack 1')).toMatch(/Only the reporter, the task's owner/);
    expect(await f.say('U0STRANGER', 'ack 1')).toMatch(/not linked to a member/);
    expect((await f.blocker(1)).status).toBe('open');
    // By the id a button carries; Priya reported this one, so her ack stops it.
    const reported = await fakeService(START);
    await reported.run(USER.priya, 'block d3 waiting on GA4 API keys');
    expect(await reported.say(USER.priya, `ack ${(await reported.blocker(1)).id}`)).toMatch(
      /acknowledged by Priya Mehta/,
    );
  });

  it("from the blocked task's owner does not stop the ladder: the next tier still hears, unless the plan says so", async () => {
    const f = await blocked();
    await f.scheduler.tick(); // tier 1 (Sam)
    f.clock.set(at(HOUR));
    expect(await f.say(USER.luis, 'ack 1')).toBe(
      'Noted that you are on blocker *#1*, Luis Romero. The next tier hears at Wed 9 Dec, 14:00 PST unless someone else on the ladder or a lead acknowledges it: the task is yours, so your own ack does not stop the escalation.',
    );
    expect(await f.blocker(1)).toMatchObject({
      status: 'open',
      acknowledgedById: null,
      nextEscalationAt: at(4 * HOUR),
    });
    expect(f.store.auditLog.at(-1)).toMatchObject({ action: 'blocker.owner_ack', actor: 'luis' });
    expect(await f.tickAt(at(4 * HOUR).toISOString())).toMatchObject({ escalations: 1 });
    expect(f.queued().at(-1)).toMatchObject({ target: USER.alex, body: expect.stringContaining('Tier 2') });

    const trusting = await blocked(sprintPlanYaml.replace('rules: {', 'rules: { ownerAckStopsEscalation: true,'));
    expect(await trusting.say(USER.luis, 'ack 1')).toMatch(/acknowledged by Luis Romero; escalation stopped/);
    expect((await trusting.blocker(1)).status).toBe('acknowledged');
  });

  it('decided while a tier fired is decided again on the fresh state, and acknowledges the tier that just went out', async () => {
    const f = await blocked(pagedPlan);
    await f.scheduler.tick(); // tier 1 (Sam)
    f.clock.set(at(4 * HOUR));
    // Tier 2 pages PagerDuty in another replica's transaction, between the ack's decision and its write.
    f.store.interleaveBeforeNextApply(() => f.scheduler.tick().then(() => undefined));
    expect(await f.say(USER.sam, 'ack 1')).toMatch(/acknowledged by Sam Jackson/);
    expect((await f.blocker(1)).steps.map((s) => s.tier)).toEqual([0, 1]);
    expect((await f.blocker(1)).status).toBe('acknowledged');
    // The page that went out is acknowledged in PagerDuty too.
    expect(
      f
        .queued()
        .filter((m) => m.platform === 'pagerduty')
        .map((m) => m.kind),
    ).toEqual(['pagerduty:trigger', 'pagerduty:acknowledge']);
  });

  it('queues no PagerDuty event for a blocker that never paged', async () => {
    const f = await blocked(pagedPlan);
    await f.run(USER.sam, 'ack 1');
    expect(f.queued().filter((m) => m.platform === 'pagerduty')).toEqual([]);
  });
});

describe('resolve', () => {
  it('closes the blocker, tells everyone the ladder reached except the resolver, and unblocks the task', async () => {
    const f = await blocked();
    await f.tickAt(at(4 * HOUR).toISOString()); // Sam, then Alex
    expect(await f.say(USER.luis, 'resolve 1 keys arrived')).toBe(
      'Blocker *#1* resolved. Told Sam Jackson, Alex Rivera.',
    );
    expect(await f.blocker(1)).toMatchObject({ status: 'resolved', resolvedAt: at(4 * HOUR), nextEscalationAt: null });
    expect((await f.task('d3')).status).toBe('in_progress');
    const told = f.queued().filter((m) => m.kind === 'escalation_resolved');
    expect(told.map((m) => m.target)).toEqual([USER.sam, USER.alex]);
    expect(told[0]!.body).toContain('keys arrived');
    expect(await f.say(USER.luis, 'resolve 1')).toMatch(
      /^\*That can't be done now\.\*\nBlocker #1 is already resolved/,
    );
  });

  it('does not tell the resolver, and leaves the task blocked while another blocker on it is open', async () => {
    const f = await blocked();
    await f.run(USER.luis, 'block d3 and the warehouse is full');
    await f.scheduler.tick();
    expect(await f.say(USER.sam, 'resolve 1')).toBe('Blocker *#1* resolved.');
    expect((await f.task('d3')).status).toBe('blocked');
  });

  it('resolves an acknowledged blocker, and a paged one in PagerDuty too', async () => {
    const f = await blocked(pagedPlan);
    await f.tickAt(at(4 * HOUR).toISOString());
    await f.run(USER.alex, 'ack 1');
    await f.run(USER.alex, 'resolve 1');
    expect((await f.blocker(1)).status).toBe('resolved');
    expect(
      f
        .queued()
        .filter((m) => m.platform === 'pagerduty')
        .map((m) => m.kind),
    ).toEqual(['pagerduty:trigger', 'pagerduty:acknowledge', 'pagerduty:resolve']);
  });
});

describe('escalate', () => {
  it('sends the next tier now, and refuses past the last tier', async () => {
    const f = await blocked();
    await f.scheduler.tick();
    expect(await f.say(USER.luis, 'escalate 1')).toBe('Blocker *#1* escalated by Luis Romero to tier 2 (Secondary).');
    expect(await f.say(USER.luis, 'escalate 1')).toBe('Blocker *#1* escalated by Luis Romero to tier 3 (Tertiary).');
    expect((await f.blocker(1)).steps.map((s) => s.tier)).toEqual([0, 1, 2]);
    expect(await f.say(USER.luis, 'escalate 1')).toMatch(/already reached the last tier/);
    expect(f.store.auditLog.filter((a) => a.action === 'blocker.escalate').map((a) => a.detail)).toEqual([
      { blocker: 1, tier: 2 },
      { blocker: 1, tier: 3 },
    ]);
    // The scheduler does not fire those tiers again when they come due.
    expect(await f.tickAt(at(12 * HOUR).toISOString())).toMatchObject({ escalations: 0 });
  });

  it('racing the scheduler for the same tier: one of them sends it, the other is told to look again', async () => {
    const f = await blocked();
    await f.scheduler.tick();
    f.clock.set(at(4 * HOUR));
    f.store.interleaveBeforeNextApply(() => f.scheduler.tick().then(() => undefined));
    expect(await f.say(USER.luis, 'escalate 1')).toMatch(/Someone changed this at the same moment/);
    expect(
      f
        .queued()
        .filter((m) => m.kind === 'escalation')
        .map((m) => m.target),
    ).toEqual([USER.sam, USER.alex]);
  });

  it('refuses an acknowledged blocker: someone owns it', async () => {
    const f = await blocked();
    await f.run(USER.sam, 'ack 1');
    expect(await f.say(USER.luis, 'escalate 1')).toMatch(
      /acknowledged: escalation has stopped because someone owns it/,
    );
  });
});

describe('the store behind the commands', () => {
  it('turns two commands choosing the same blocker number into a conflict', async () => {
    const f = await fakeService(START);
    const view = await f.view();
    const open = (id: string) =>
      view.openBlocker({
        blockerId: id,
        summary: 'x',
        taskId: null,
        reporterId: null,
        now: f.clock.now(),
        // Each command numbers from the same loaded state, as two racing commands would.
        numbers: new PlanNumbers(view.state),
      });
    await f.store.apply([open('00000000-0000-4000-8000-000000000001')]);
    await expect(f.store.apply([open('00000000-0000-4000-8000-000000000002')])).rejects.toBeInstanceOf(ConflictError);
  });
});
