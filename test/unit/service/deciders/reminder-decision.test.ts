import { describe, expect, it } from 'vitest';
import { decideReminder } from '../../../../src/service/deciders/reminder-decision.js';
import { occurrenceKey } from '../../../../src/service/messages/outbox-drafts.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { draftsIn, fakeService, HOUR, USER, type FakeService } from '../fake-service.js';

// Tuesday Dec 8, 09:00 PST: the stand-up is posted. Sam's d1 (Monday) is overdue, Priya's d2 is
// due today; Luis's first task is Wednesday, and Alex owns none.
const STANDUP = '2026-12-08T17:00:00Z';
const REMIND = new Date(Date.parse(STANDUP) + HOUR);
const dmStandup = sprintPlanYaml.replace(
  '{ kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }',
  '{ kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5], dm: true }',
);

async function posted(
  yaml = sprintPlanYaml,
): Promise<FakeService & { occurrence: { id: string; ritualId: string; scheduledAt: Date } }> {
  const f = await fakeService('2026-12-08T16:00:00Z', yaml);
  await f.tickAt(STANDUP);
  const [occurrence] = await f.store.dueReminders(REMIND, 10);
  if (!occurrence) throw new Error('the stand-up was not posted with a reminder');
  return Object.assign(f, { occurrence });
}

describe('decideReminder', () => {
  it('names, in the stand-up’s thread, the owners with work due who have not answered', async () => {
    const f = await posted();
    const effects = decideReminder(await f.view(), f.occurrence, [], REMIND);
    expect(effects[0]).toEqual({ type: 'occurrence.reminded', occurrenceId: f.occurrence.id, at: REMIND });
    const key = occurrenceKey(f.occurrence.ritualId, f.occurrence.scheduledAt);
    const [reminder, ...more] = draftsIn(effects);
    expect(more).toEqual([]);
    expect(reminder).toMatchObject({
      key: `${key}:reminder`,
      parentKey: key,
      target: 'C-ACME',
      kind: 'standup_reminder',
    });
    expect(reminder!.body).toContain(`<@${USER.sam}>`);
    expect(reminder!.body).toContain(`<@${USER.priya}>`);
    expect(reminder!.body).not.toContain(USER.luis);
    expect(reminder!.body).not.toContain(USER.alex);
  });

  it('leaves out who answered, and who is off that day', async () => {
    const f = await posted();
    await f.store.setTimeOff((await f.member('priya')).id, [{ from: '2026-12-08', to: '2026-12-09' }]);
    const effects = decideReminder(await f.view(), f.occurrence, [(await f.member('sam')).id], REMIND);
    // Nobody left to remind: the reminder is only marked sent.
    expect(effects).toEqual([{ type: 'occurrence.reminded', occurrenceId: f.occurrence.id, at: REMIND }]);
  });

  it('after a DM stand-up, reminds each pending owner in their own DM, under their own prompt', async () => {
    const f = await posted(dmStandup);
    const sam = await f.member('sam');
    const priya = await f.member('priya');
    const key = occurrenceKey(f.occurrence.ritualId, f.occurrence.scheduledAt);
    const drafts = draftsIn(decideReminder(await f.view(), f.occurrence, [sam.id], REMIND));
    expect(drafts.map((d) => [d.key, d.target, d.parentKey, d.kind])).toEqual([
      [`${key}:reminder:${priya.id}`, USER.priya, `${key}:${priya.id}`, 'standup_reminder'],
    ]);
    // Her prompt was queued under that parent key.
    expect(f.queued().map((m) => m.key)).toContain(`${key}:${priya.id}`);
  });

  it('is sent once, however often the scheduler ticks', async () => {
    const f = await posted();
    const first = await f.tickAt(REMIND.toISOString());
    const second = await f.tickAt(new Date(REMIND.getTime() + HOUR).toISOString());
    expect([first.reminders, second.reminders]).toEqual([1, 0]);
    expect(f.queued().filter((m) => m.kind === 'standup_reminder')).toHaveLength(1);
  });
});

describe('decideReminder: mentions', () => {
  it('carries the members it names with their platform ids, so each renderer can notify them', async () => {
    const f = await posted();
    const effects = decideReminder(await f.view(), f.occurrence, [], REMIND);
    const outbox = effects.flatMap((e) => (e.type === 'outbox' && e.draft.platform !== 'pagerduty' ? [e.draft] : []));
    const mentions = [...(outbox[0]?.message.mentions ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    expect(mentions).toEqual([
      { text: `<@${USER.priya}>`, name: 'Priya Mehta', slack: USER.priya },
      { text: `<@${USER.sam}>`, name: 'Sam Jackson', slack: USER.sam },
    ]);
  });
});
