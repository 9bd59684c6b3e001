import { describe, expect, it } from 'vitest';
import { decideEscalation } from '../../../../src/service/deciders/escalation-decision.js';
import { ConflictError } from '../../../../src/service/effects.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { draftsIn, fakeService, HOUR, USER, type FakeService } from '../fake-service.js';

// Wednesday Dec 9, 10:00 PST: Luis reports a blocker on d3. The ladder: Sam at once, Alex 4 h
// later, then the on-call role (nobody holds it) 4 h after that.
const OPENED = '2026-12-09T18:00:00Z';
const at = (iso: string) => new Date(iso);
const after = (ms: number) => new Date(Date.parse(OPENED) + ms);

async function withBlocker(yaml = sprintPlanYaml): Promise<FakeService> {
  const f = await fakeService(OPENED, yaml);
  await f.run(USER.luis, 'block d3 waiting on GA4 API keys');
  return f;
}

async function decide(f: FakeService, now: Date) {
  const view = await f.view();
  return decideEscalation(view, view.state.blockers[0]!, now);
}

describe('decideEscalation', () => {
  it('fires the due tier: claims it, DMs its member, audits, and points the blocker at the next tier', async () => {
    const f = await withBlocker();
    const blocker = await f.blocker(1);
    const effects = await decide(f, at(OPENED));
    expect(effects.map((e) => e.type)).toEqual(['escalation.claim', 'outbox', 'audit']);
    expect(effects[0]).toEqual({
      type: 'escalation.claim',
      blockerId: blocker.id,
      tier: 0,
      target: 'member:sam',
      dueAt: at(OPENED),
      at: at(OPENED),
      nextEscalationAt: after(4 * HOUR),
    });
    const [dm] = draftsIn(effects);
    expect(dm).toMatchObject({ platform: 'slack', target: USER.sam, kind: 'escalation' });
    expect(dm!.key).toBe(`escalation:${blocker.id}:0:${(await f.member('sam')).id}`);
    expect(dm!.body).toContain('waiting on GA4 API keys');
    expect(effects[2]).toMatchObject({
      action: 'blocker.escalated',
      detail: { blocker: 1, tier: 1, target: 'member:sam' },
    });

    await f.store.apply(effects);
    expect(await f.blocker(1)).toMatchObject({
      steps: [{ tier: 0, target: 'member:sam' }],
      nextEscalationAt: after(4 * HOUR),
    });
  });

  it('does not tell the reporter of their own blocker: a tier naming only them passes, the next counting from it', async () => {
    const f = await fakeService(OPENED);
    await f.run(USER.sam, 'block d1 the venue cancelled'); // Sam is tier 1
    const effects = await decide(f, at(OPENED));
    expect(effects.map((e) => e.type)).toEqual(['escalation.claim', 'audit']);
    expect(effects[0]).toMatchObject({ tier: 0, target: 'member:sam', nextEscalationAt: after(4 * HOUR) });
    expect(effects[1]).toMatchObject({ detail: { passed: 'the tier names only the reporter' } });
    await f.store.apply(effects);
    expect(await f.tickAt(after(4 * HOUR).toISOString())).toMatchObject({ escalations: 1 });
    expect(
      f
        .queued()
        .filter((m) => m.kind === 'escalation')
        .map((m) => m.target),
    ).toEqual([USER.alex]);
    expect(f.queued().find((m) => m.kind === 'escalation')!.body).toContain(
      'Tier 1 (Primary) is Sam Jackson, who reported it; nobody has acknowledged it in 4 h.',
    );
  });

  it('before the next tier is due only re-points the blocker, guarded on it still being open', async () => {
    const f = await withBlocker();
    await f.store.apply(await decide(f, at(OPENED)));
    const effects = await decide(f, after(4 * HOUR - 1));
    expect(effects).toEqual([
      {
        type: 'blocker.update',
        blockerId: (await f.blocker(1)).id,
        expectStatus: ['open'],
        data: { nextEscalationAt: after(4 * HOUR) },
      },
    ]);
    // Tier 2 reaches the sponsor, saying tier 1 did not answer.
    const next = await decide(f, after(4 * HOUR));
    expect(next[0]).toMatchObject({
      type: 'escalation.claim',
      tier: 1,
      target: 'member:alex',
      nextEscalationAt: after(8 * HOUR),
    });
    expect(draftsIn(next).map((d) => d.target)).toEqual([USER.alex]);
  });

  it('a tier that reaches nobody who can be messaged is posted to the plan channel instead', async () => {
    const f = await withBlocker();
    for (const ms of [0, 4 * HOUR]) await f.store.apply(await decide(f, after(ms)));
    const effects = await decide(f, after(8 * HOUR));
    expect(effects[0]).toMatchObject({
      type: 'escalation.claim',
      tier: 2,
      target: 'role:on-call',
      nextEscalationAt: null,
    });
    expect(draftsIn(effects)).toEqual([
      expect.objectContaining({ key: `escalation:${(await f.blocker(1)).id}:2`, target: 'C-ACME', kind: 'escalation' }),
    ]);
  });

  it('after the last tier nothing more is due', async () => {
    const f = await withBlocker();
    for (const ms of [0, 4 * HOUR, 8 * HOUR]) await f.store.apply(await decide(f, after(ms)));
    const effects = await decide(f, after(100 * HOUR));
    expect(effects).toEqual([expect.objectContaining({ type: 'blocker.update', data: { nextEscalationAt: null } })]);
    await f.store.apply(effects);
    expect(await f.store.dueEscalations(after(100 * HOUR), 10)).toEqual([]);
  });

  it('after downtime the scheduler fires each late tier once, in order, in one tick', async () => {
    const f = await withBlocker();
    const report = await f.tickAt(after(9 * HOUR).toISOString());
    expect(report.escalations).toBe(3);
    expect((await f.blocker(1)).steps.map((s) => s.tier)).toEqual([0, 1, 2]);
    expect(
      f
        .queued()
        .filter((m) => m.kind === 'escalation')
        .map((m) => m.target),
    ).toEqual([USER.sam, USER.alex, 'C-ACME']);
    // Nothing fires twice.
    const again = await f.scheduler.tick();
    expect(again.escalations).toBe(0);
  });

  it('forced (`escalate`), fires the next tier now, before its delay ran out', async () => {
    const f = await withBlocker();
    await f.store.apply(await decide(f, at(OPENED)));
    const view = await f.view();
    const now = after(HOUR);
    const effects = decideEscalation(view, view.state.blockers[0]!, now, { force: { by: 'Luis Romero' } });
    expect(effects[0]).toMatchObject({
      type: 'escalation.claim',
      tier: 1,
      dueAt: now,
      nextEscalationAt: after(8 * HOUR),
    });
    expect(draftsIn(effects)[0]!.body).toContain('Luis Romero escalated it by hand.');
  });

  it('with "tier 1 at the next triage window", a morning blocker waits for the 14:00 triage', async () => {
    const f = await withBlocker(
      sprintPlanYaml.replace(
        'pushDependantsToBuffer: true }',
        'pushDependantsToBuffer: true, firstTierAt: next_triage }',
      ),
    );
    const triage = at('2026-12-09T22:00:00Z');
    expect((await f.blocker(1)).nextEscalationAt).toEqual(triage);
    expect(await decide(f, at(OPENED))).toEqual([
      expect.objectContaining({ type: 'blocker.update', data: { nextEscalationAt: triage } }),
    ]);
    expect((await decide(f, triage))[0]).toMatchObject({
      type: 'escalation.claim',
      tier: 0,
      nextEscalationAt: new Date(triage.getTime() + 4 * HOUR),
    });
  });

  it('a PagerDuty tier pages in the same batch as its claim, and tells its member in chat', async () => {
    const f = await withBlocker(
      sprintPlanYaml.replace(
        '- { label: Tertiary, target: { kind: role, role: on-call }, delayMinutes: 240, businessHours: false }',
        '- { label: Tertiary, target: { kind: pagerduty, schedule: AIML-Auto, member: priya }, delayMinutes: 60, businessHours: false }',
      ),
    );
    for (const ms of [0, 4 * HOUR]) await f.store.apply(await decide(f, after(ms)));
    const effects = await decide(f, after(5 * HOUR));
    const blocker = await f.blocker(1);
    expect(effects[0]).toMatchObject({ type: 'escalation.claim', tier: 2, target: 'pagerduty:priya' });
    expect(draftsIn(effects).map((d) => [d.platform, d.target, d.kind])).toEqual([
      ['slack', USER.priya, 'escalation'],
      ['pagerduty', blocker.id, 'pagerduty:trigger'],
    ]);
    await f.store.apply(effects);
    // The page is claimed with the tier: deciding again from a stale view loses, and pages nothing more.
    await expect(f.store.apply(effects)).rejects.toBeInstanceOf(ConflictError);
    expect(f.queued().filter((m) => m.platform === 'pagerduty')).toHaveLength(1);
  });
});
