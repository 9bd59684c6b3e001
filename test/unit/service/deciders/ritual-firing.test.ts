import { describe, expect, it } from 'vitest';
import { Scheduler, type TickReport } from '../../../../src/scheduler/scheduler.js';
import { decideRitualFiring, nextFiringOf } from '../../../../src/service/deciders/ritual-firing.js';
import { occurrenceKey } from '../../../../src/service/messages/outbox-drafts.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { draftsIn, fakeService, firingPolicy, HOUR, MINUTE, USER } from '../fake-service.js';

const at = (iso: string) => new Date(iso);
// Monday Dec 7 2026, PST: stand-up 09:00 (17:00Z), triage 14:00 (22:00Z).
const MONDAY_STANDUP = at('2026-12-07T17:00:00Z');
const TUESDAY_STANDUP = at('2026-12-08T17:00:00Z');
const MONDAY_TRIAGE = at('2026-12-07T22:00:00Z');

describe('decideRitualFiring', () => {
  it('a due stand-up: claims it as posted with its reminder time, moves the ritual on, and posts the prompt', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const standup = await f.ritual('standup');
    const { effects, posted } = decideRitualFiring(
      await f.view(),
      standup,
      MONDAY_STANDUP,
      MONDAY_STANDUP,
      firingPolicy,
    );
    expect(posted).toBe(true);
    expect(effects.slice(0, 2)).toEqual([
      {
        type: 'occurrence.claim',
        ritualId: standup.id,
        scheduledAt: MONDAY_STANDUP,
        claimedBy: 'unit',
        status: 'posted',
        remindAt: new Date(MONDAY_STANDUP.getTime() + firingPolicy.reminderDelayMs),
        // Whom the prompt names (Sam: d1 is due), kept for `/plan report`.
        asked: [(await f.member('sam')).id],
      },
      { type: 'ritual.advance', ritualId: standup.id, from: MONDAY_STANDUP, to: TUESDAY_STANDUP },
    ]);
    const [post, ...more] = draftsIn(effects);
    expect(more).toEqual([]);
    expect(post).toMatchObject({
      key: occurrenceKey(standup.id, MONDAY_STANDUP),
      target: 'C-ACME',
      kind: 'standup_prompt',
    });
    expect(post!.body).toContain(`<@${USER.sam}>`);
  });

  it('Friday’s stand-up moves to Monday; the last one of the plan moves to nothing', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const view = await f.view();
    const standup = await f.ritual('standup');
    expect(nextFiringOf(view, standup, at('2026-12-11T17:00:00Z'))).toEqual(at('2026-12-14T17:00:00Z'));
    // d8, on Monday Dec 14, is the plan's last task: nothing is posted after that day.
    expect(view.lastDay).toBe('2026-12-14');
    expect(nextFiringOf(view, standup, at('2026-12-14T17:00:00Z'))).toBeNull();
  });

  it('later than the catch-up window: recorded as skipped, nothing posted, the ritual still moves on', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const standup = await f.ritual('standup');
    const now = new Date(MONDAY_STANDUP.getTime() + firingPolicy.catchUpWindowMs + 1);
    const { effects, posted } = decideRitualFiring(await f.view(), standup, MONDAY_STANDUP, now, firingPolicy);
    expect(posted).toBe(false);
    expect(effects).toEqual([
      {
        type: 'occurrence.claim',
        ritualId: standup.id,
        scheduledAt: MONDAY_STANDUP,
        claimedBy: 'unit',
        status: 'skipped',
      },
      { type: 'ritual.advance', ritualId: standup.id, from: MONDAY_STANDUP, to: TUESDAY_STANDUP },
    ]);
    // Within the window it still posts.
    const inTime = new Date(MONDAY_STANDUP.getTime() + firingPolicy.catchUpWindowMs);
    expect(decideRitualFiring(await f.view(), standup, MONDAY_STANDUP, inTime, firingPolicy).posted).toBe(true);
  });

  it('triage posts only when there are blockers to triage', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const triage = await f.ritual('triage');
    expect(decideRitualFiring(await f.view(), triage, MONDAY_TRIAGE, MONDAY_TRIAGE, firingPolicy)).toMatchObject({
      posted: false,
      effects: [{ type: 'occurrence.claim', status: 'skipped' }, { type: 'ritual.advance' }],
    });
    f.clock.set('2026-12-07T18:00:00Z');
    await f.run(USER.luis, 'block d3 waiting on keys');
    const { effects, posted } = decideRitualFiring(await f.view(), triage, MONDAY_TRIAGE, MONDAY_TRIAGE, firingPolicy);
    expect(posted).toBe(true);
    // Triage is not answered, so it gets no reminder.
    expect(effects[0]).not.toHaveProperty('remindAt');
    expect(draftsIn(effects)[0]).toMatchObject({ kind: 'triage', target: 'C-ACME' });
    expect(draftsIn(effects)[0]!.body).toContain('waiting on keys');
  });

  it('posts no stand-up on a holiday', async () => {
    const f = await fakeService(
      '2026-12-07T16:00:00Z',
      sprintPlanYaml.replace('startDate: 2026-12-07', 'startDate: 2026-12-07\nholidays: [2026-12-08]'),
    );
    const standup = await f.ritual('standup');
    const { effects, posted } = decideRitualFiring(
      await f.view(),
      standup,
      TUESDAY_STANDUP,
      TUESDAY_STANDUP,
      firingPolicy,
    );
    expect(posted).toBe(false);
    expect(effects[0]).toMatchObject({ type: 'occurrence.claim', status: 'skipped' });
  });

  it('a DM stand-up sends each owner with work their own prompt, keyed per member', async () => {
    const f = await fakeService(
      '2026-12-08T16:00:00Z',
      sprintPlanYaml.replace(
        '{ kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }',
        '{ kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5], dm: true }',
      ),
    );
    const standup = await f.ritual('standup');
    const key = occurrenceKey(standup.id, TUESDAY_STANDUP);
    const { effects } = decideRitualFiring(await f.view(), standup, TUESDAY_STANDUP, TUESDAY_STANDUP, firingPolicy);
    // Alex owns nothing; Luis's first task is Wednesday's.
    expect(draftsIn(effects).map((d) => [d.key, d.target, d.kind])).toEqual([
      [`${key}:${(await f.member('priya')).id}`, USER.priya, 'standup_prompt'],
      [`${key}:${(await f.member('sam')).id}`, USER.sam, 'standup_prompt'],
    ]);
    expect(draftsIn(effects)[0]!.body).toContain('SEO crawl');
    expect(draftsIn(effects)[0]!.body).not.toContain('Kickoff');
  });
});

describe('rituals fired by the scheduler', () => {
  it('two schedulers that see the same firing post it once', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    f.clock.set(MONDAY_STANDUP);
    const other = new Scheduler(f.store, f.clock, {
      catchUpWindowMs: 30 * MINUTE,
      reminderDelayMs: HOUR,
      batchSize: 10,
      instanceId: 'other',
    });
    // The other replica commits between this one's decision and its write.
    let theirs: TickReport | undefined;
    f.store.interleaveBeforeNextApply(async () => {
      theirs = await other.tick();
    });
    const ours = await f.scheduler.tick();
    expect(theirs).toMatchObject({ posted: 1, conflicts: 0 });
    expect(ours).toMatchObject({ posted: 0, conflicts: 1 });
    expect(f.queued().filter((m) => m.kind === 'standup_prompt')).toHaveLength(1);
    expect(
      await f.store.findOccurrence({ ritualId: (await f.ritual('standup')).id, scheduledAt: MONDAY_STANDUP }),
    ).not.toBeNull();
  });
});
