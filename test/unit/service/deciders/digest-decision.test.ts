import { describe, expect, it } from 'vitest';
import { decideDigest } from '../../../../src/service/deciders/digest-decision.js';
import { decideReminder } from '../../../../src/service/deciders/reminder-decision.js';
import { occurrenceKey } from '../../../../src/service/messages/outbox-drafts.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { draftsIn, fakeService, HOUR, MINUTE, USER, type FakeService } from '../fake-service.js';

// Tuesday Dec 8, 09:00 PST: Sam's d1 is overdue, Priya's d2 is due; Luis has nothing due until
// Wednesday, and Alex (sponsor) owns nothing.
const STANDUP = '2026-12-08T17:00:00Z';
const DIGEST = new Date('2026-12-08T19:30:00Z'); // 11:30 PST
const withStandup = (fields: string) =>
  sprintPlanYaml.replace(
    '{ kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }',
    `{ kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5], ${fields} }`,
  );

type Posted = FakeService & { occurrence: { id: string; ritualId: string; scheduledAt: Date } };

async function posted(yaml: string): Promise<Posted> {
  const f = await fakeService('2026-12-08T16:00:00Z', yaml);
  await f.tickAt(STANDUP);
  const [occurrence] = await f.store.dueDigests(DIGEST, 10);
  if (!occurrence) throw new Error('the stand-up was not posted with a digest');
  return Object.assign(f, { occurrence });
}

describe('decideDigest', () => {
  it('claims the digest and posts, in the stand-up thread, each answer, who has not answered and who is away', async () => {
    const f = await posted(withStandup('ask: everyone, digestAt: "11:30"'));
    await f.store.setTimeOff((await f.member('priya')).id, [{ from: '2026-12-08', to: '2026-12-08' }]);
    f.clock.set('2026-12-08T17:05:00Z');
    await f.run(USER.luis, 'standup did: reading doing: prep for d3 blockers: none');
    f.clock.set('2026-12-08T17:40:00Z');
    await f.run(USER.luis, 'standup did: reading doing: prep for d3 blockers: no VPN yet');

    const effects = decideDigest(await f.view(), f.occurrence, await f.store.answersFor(f.occurrence.id), DIGEST);
    expect(effects[0]).toEqual({ type: 'occurrence.digested', occurrenceId: f.occurrence.id, at: DIGEST });
    const key = occurrenceKey(f.occurrence.ritualId, f.occurrence.scheduledAt);
    const [digest, ...more] = draftsIn(effects);
    expect(more).toEqual([]);
    expect(digest).toMatchObject({ key: `${key}:digest`, parentKey: key, target: 'C-ACME', kind: 'standup_digest' });
    expect(digest!.body).toContain('1 of 2 answered');
    expect(digest!.body).toContain(
      '*Luis Romero* _(edited 09:40 PST)_\nDid: reading\nDoing: prep for d3\nBlockers: no VPN yet',
    );
    expect(digest!.body).toContain('*Not answered yet:* Sam Jackson');
    expect(digest!.body).toContain('Away today: Priya Mehta');
    // A sponsor who owns nothing only watches: not asked, so not "missing".
    expect(digest!.body).not.toContain('Alex');
  });

  it('shows an answer that closed the work it was asked about, and a first answer without "edited"', async () => {
    const f = await posted(withStandup('digestAt: "11:30"'));
    f.clock.set('2026-12-08T17:05:00Z');
    await f.run(USER.sam, 'standup did: kickoff notes doing: reviews d1 done blockers: none');
    const [digest] = draftsIn(
      decideDigest(await f.view(), f.occurrence, await f.store.answersFor(f.occurrence.id), DIGEST),
    );
    expect(digest!.body).toContain('*Sam Jackson*\nDid: kickoff notes');
    expect(digest!.body).not.toContain('edited');
    expect(digest!.body).toContain('*Not answered yet:* Priya Mehta');
    expect(digest!.body).not.toContain('Luis');
  });

  it('is posted once, however often or concurrently the scheduler ticks', async () => {
    const f = await posted(withStandup('digestAfter: 2h30m'));
    const [first, second] = await Promise.all([f.tickAt(DIGEST.toISOString()), f.scheduler.tick()]);
    const third = await f.tickAt(new Date(DIGEST.getTime() + HOUR).toISOString());
    expect(first.digests + second.digests + third.digests).toBe(1);
    expect(f.queued().filter((m) => m.kind === 'standup_digest')).toHaveLength(1);
  });

  it('is not due before its time, and a stand-up without a digest never has one', async () => {
    const f = await posted(withStandup('digestAt: "11:30"'));
    expect(await f.store.dueDigests(new Date(DIGEST.getTime() - MINUTE), 10)).toEqual([]);
    const plain = await fakeService('2026-12-08T16:00:00Z');
    await plain.tickAt(STANDUP);
    expect(await plain.store.dueDigests(new Date(Date.parse(STANDUP) + 24 * HOUR), 10)).toEqual([]);
  });
});

describe('decideReminder with settings', () => {
  it('reminds, with ask: everyone, members with nothing due who have not answered, never a sponsor who only watches', async () => {
    const f = await posted(withStandup('ask: everyone, remindAfter: 45m, digestAt: "11:30"'));
    const [due] = await f.store.dueReminders(new Date(Date.parse(STANDUP) + 45 * MINUTE), 10);
    expect(due?.id).toBe(f.occurrence.id);
    expect(await f.store.dueReminders(new Date(Date.parse(STANDUP) + 44 * MINUTE), 10)).toEqual([]);
    const [reminder] = draftsIn(decideReminder(await f.view(), f.occurrence, [(await f.member('sam')).id], new Date()));
    expect(reminder!.body).toContain(`<@${USER.luis}>`);
    expect(reminder!.body).toContain(`<@${USER.priya}>`);
    expect(reminder!.body).not.toContain(USER.sam);
    expect(reminder!.body).not.toContain(USER.alex);
  });
});
