import { describe, expect, it } from 'vitest';
import { occurrenceKey } from '../../../src/service/messages/outbox-drafts.js';
import { sprintPlanYaml } from '../../fixtures/sprint-plan.js';
import { fakeService, HOUR, USER } from './fake-service.js';

// Friday Dec 11 09:00 PST stand-up, Saturday Dec 12 11:00 PST weekend check-in (in its own thread).
const FRIDAY = new Date('2026-12-11T17:00:00Z');
const SATURDAY = new Date('2026-12-12T19:00:00Z');

describe('which prompt a chat message answers', () => {
  it('a reply in a prompt’s thread answers that prompt; other threads answer nothing', async () => {
    const f = await fakeService('2026-12-11T16:00:00Z');
    await f.tickAt(FRIDAY.toISOString());
    await f.tickAt(SATURDAY.toISOString());
    f.delivered.deliverAll(SATURDAY);
    const standup = await f.ritual('standup');
    const checkin = await f.ritual('weekend_checkin');
    const fridayRef = f.delivered.refOf(occurrenceKey(standup.id, FRIDAY))!;
    const saturdayRef = f.delivered.refOf(occurrenceKey(checkin.id, SATURDAY))!;

    expect(await f.service.answeredPrompt({ platform: 'slack', threadRef: fridayRef })).toMatchObject({
      kind: 'standup',
      scheduledAt: FRIDAY,
      planId: f.planId,
    });
    expect(await f.service.answeredPrompt({ platform: 'slack', threadRef: saturdayRef })).toMatchObject({
      kind: 'weekend_checkin',
      scheduledAt: SATURDAY,
    });
    expect(await f.service.answeredPrompt({ platform: 'slack', threadRef: 'ref-unknown' })).toBeNull();
    expect(await f.service.answeredPrompt({ platform: 'teams', threadRef: fridayRef })).toBeNull();
  });

  it('the thread of a post that is not a stand-up or check-in (triage) answers nothing', async () => {
    const f = await fakeService('2026-12-09T18:00:00Z');
    await f.run(USER.luis, 'block d3 keys');
    await f.tickAt('2026-12-09T22:00:00Z'); // Wednesday's triage
    f.delivered.deliverAll(f.clock.now());
    const triage = await f.ritual('triage');
    const ref = f.delivered.refOf(occurrenceKey(triage.id, new Date('2026-12-09T22:00:00Z')))!;
    expect(ref).toBeDefined();
    expect(await f.service.answeredPrompt({ platform: 'slack', threadRef: ref })).toBeNull();
  });

  it('a DM answers the DM stand-up sent to its author in the last day, and nothing after that', async () => {
    const f = await fakeService(
      '2026-12-11T16:00:00Z',
      sprintPlanYaml.replace(
        '{ kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }',
        '{ kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5], dm: true }',
      ),
    );
    await f.tickAt(FRIDAY.toISOString());
    expect(await f.service.answeredPrompt({ platform: 'slack', dmUser: USER.priya })).toBeNull(); // not delivered yet
    f.delivered.deliverAll(FRIDAY);
    f.clock.set(new Date(FRIDAY.getTime() + HOUR));
    expect(await f.service.answeredPrompt({ platform: 'slack', dmUser: USER.priya })).toMatchObject({
      kind: 'standup',
      scheduledAt: FRIDAY,
    });
    // Alex owns no task and got no prompt.
    expect(await f.service.answeredPrompt({ platform: 'slack', dmUser: USER.alex })).toBeNull();
    f.clock.set(new Date(FRIDAY.getTime() + 25 * HOUR));
    expect(await f.service.answeredPrompt({ platform: 'slack', dmUser: USER.priya })).toBeNull();
  });
});
