import { describe, expect, it } from 'vitest';
import { decideEscalation } from '../../../../src/service/deciders/escalation-decision.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { draftsIn, fakeService, HOUR, USER, type FakeService } from '../fake-service.js';

// Wednesday Dec 9, 10:00 PST: Luis reports a blocker on d3. The ladder: Sam (Primary) at once,
// Alex (Secondary) 4 h later, then the on-call role (nobody holds it) 4 h after that.
const OPENED = '2026-12-09T18:00:00Z';
const at = (iso: string) => new Date(iso);
const after = (ms: number) => new Date(Date.parse(OPENED) + ms);

async function decideAndApply(f: FakeService, now: Date) {
  const view = await f.view();
  const effects = decideEscalation(view, view.state.blockers[0]!, now);
  await f.store.apply(effects);
  return effects;
}

describe('decideEscalation: time off', () => {
  it('passes a tier whose member is away without a DM; the next tier counts from it and is told why', async () => {
    const f = await fakeService('2026-12-07T17:30:00Z');
    await f.run(USER.sam, 'away dec 9 to dec 11');
    f.clock.set(OPENED);
    await f.run(USER.luis, 'block d3 waiting on GA4 API keys');

    const first = await decideAndApply(f, at(OPENED));
    expect(first.map((e) => e.type)).toEqual(['escalation.claim', 'audit']);
    expect(first[0]).toMatchObject({ tier: 0, target: 'member:sam', nextEscalationAt: after(4 * HOUR) });
    expect(first[1]).toMatchObject({
      detail: { passed: 'the tier names only people on time off', away: ['Sam Jackson'] },
    });

    const second = await decideAndApply(f, after(4 * HOUR));
    const [dm] = draftsIn(second);
    expect(dm).toMatchObject({ target: USER.alex, kind: 'escalation' });
    expect(dm!.body).toContain(
      'Tier 1 (Primary) Sam Jackson is away until Fri 11 Dec; nobody has acknowledged it in 4 h.',
    );
  });

  it('tells a member who is back: time off that ended does not pass the tier', async () => {
    const f = await fakeService('2026-12-07T17:30:00Z');
    await f.run(USER.sam, 'away dec 7 to dec 8');
    f.clock.set(OPENED);
    await f.run(USER.luis, 'block d3 waiting on GA4 API keys');
    const [dm] = draftsIn(await decideAndApply(f, at(OPENED)));
    expect(dm).toMatchObject({ target: USER.sam, kind: 'escalation' });
  });

  it('posts to the plan channel when the last tier is away, so someone still hears', async () => {
    // A two-tier ladder: Sam, then Alex, both away.
    const twoTiers = sprintPlanYaml.replace(/\n {2}- \{ label: Tertiary.*\n/, '\n');
    const f = await fakeService('2026-12-07T17:30:00Z', twoTiers);
    await f.run(USER.sam, 'away dec 9');
    await f.run(USER.sam, 'away "Alex Rivera" dec 9');
    f.clock.set(OPENED);
    await f.run(USER.luis, 'block d3 waiting on GA4 API keys');
    expect(draftsIn(await decideAndApply(f, at(OPENED)))).toEqual([]);
    const last = await decideAndApply(f, after(4 * HOUR));
    expect(draftsIn(last).map((d) => d.target)).toEqual(['C-ACME']);
    expect(draftsIn(last)[0]!.body).toContain('Sam Jackson is away until Wed 9 Dec');
  });
});
