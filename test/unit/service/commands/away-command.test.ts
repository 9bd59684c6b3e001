import { describe, expect, it } from 'vitest';
import { renderText } from '../../../../src/adapters/console/render-text.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { importPlanYaml } from '../../../support/store-import.js';
import { acme, fakeService, USER } from '../fake-service.js';

// Monday Dec 7, 09:30 PST, day 1 of the sprint (d3 is due Wed 9, d4 Thu 10, d5 Fri 11).
const MONDAY = '2026-12-07T17:30:00Z';

describe('away', () => {
  it('stores the time off, says when, and lists the tasks due then so they can be handed over', async () => {
    const f = await fakeService(MONDAY);
    const reply = await f.say(USER.luis, 'away dec 10 to dec 11');
    expect(reply).toContain('You are away Thu 10 Dec – Fri 11 Dec.');
    expect(reply).toContain('*d4* Data quality · due Thu 10 Dec');
    expect(reply).not.toContain('d3');
    expect((await f.member('luis')).timeOff).toEqual([{ from: '2026-12-10', to: '2026-12-11' }]);
  });

  it('reads ISO dates, one date as that day only, and natural dates in the plan’s zone', async () => {
    // 22:30 PST on Monday is already Tuesday in UTC: "tomorrow" is the plan's Tuesday.
    const f = await fakeService('2026-12-08T06:30:00Z');
    await f.say(USER.luis, 'away tomorrow');
    await f.say(USER.priya, 'away 2026-12-14 2026-12-15');
    await f.say(USER.sam, 'away next friday');
    expect((await f.member('luis')).timeOff).toEqual([{ from: '2026-12-08', to: '2026-12-08' }]);
    expect((await f.member('priya')).timeOff).toEqual([{ from: '2026-12-14', to: '2026-12-15' }]);
    expect((await f.member('sam')).timeOff).toHaveLength(1);
  });

  it('merges touching ranges, so "away until" reads one date', async () => {
    const f = await fakeService(MONDAY);
    await f.say(USER.luis, 'away dec 9');
    await f.say(USER.luis, 'away dec 10 - dec 11');
    expect((await f.member('luis')).timeOff).toEqual([{ from: '2026-12-09', to: '2026-12-11' }]);
  });

  it('refuses a range that ends before it starts, or is over, or is not a date, and stores nothing', async () => {
    const f = await fakeService(MONDAY);
    const backwards = await f.run(USER.luis, 'away 2026-12-16 2026-12-14');
    expect(backwards.kind).toBe('error');
    expect(renderText(backwards)).toContain('The last day (2026-12-14) is before the first (2026-12-16)');
    expect(renderText(await f.run(USER.luis, 'away 2026-12-01'))).toContain('is over already');
    expect(renderText(await f.run(USER.luis, 'away someday soonish'))).toMatch(/could not read .* as a date/);
    expect((await f.member('luis')).timeOff).toEqual([]);
  });

  it('with no dates lists the asker’s time off', async () => {
    const f = await fakeService(MONDAY);
    expect(await f.say(USER.luis, 'away')).toContain('Your time off: none on record.');
    await f.say(USER.luis, 'away dec 10');
    expect(await f.say(USER.luis, 'away')).toMatch(/Your time off:\*[\s\S]*Thu 10 Dec/);
  });

  it('a lead sets someone else’s by name or @key; a member may not', async () => {
    const f = await fakeService(MONDAY);
    expect(await f.say(USER.sam, 'away "Luis Romero" dec 10')).toContain('Luis Romero is away Thu 10 Dec.');
    expect(await f.say(USER.sam, 'away @priya dec 11')).toContain('Priya Mehta is away Fri 11 Dec.');
    const refused = await f.run(USER.priya, 'away "Luis Romero" dec 14');
    expect(refused.kind).toBe('error');
    expect(renderText(refused)).toContain("Only the plan's leads and sponsors can set someone else's time off");
    expect((await f.member('luis')).timeOff).toEqual([{ from: '2026-12-10', to: '2026-12-10' }]);
    expect((await f.member('priya')).timeOff).toEqual([{ from: '2026-12-11', to: '2026-12-11' }]);
    // The person hears it from planbot.
    const told = f.queued().filter((m) => m.target === USER.luis);
    expect(told.map((m) => m.body)).toEqual([
      'Sam Jackson marked you away Thu 10 Dec on Checkout sprint: stand-ups skip you then. If that is wrong, tell them; `/plan away` lists your time off.',
    ]);
  });

  it('cancel takes back the time off holding a day, and says so when there is none', async () => {
    const f = await fakeService(MONDAY);
    await f.say(USER.luis, 'away dec 10 to dec 11');
    await f.say(USER.luis, 'away dec 14');
    expect(await f.say(USER.luis, 'away cancel dec 11')).toContain('Cancelled the time off Thu 10 Dec – Fri 11 Dec.');
    expect((await f.member('luis')).timeOff).toEqual([{ from: '2026-12-14', to: '2026-12-14' }]);
    const none = await f.run(USER.luis, 'away cancel dec 15');
    expect(renderText(none)).toContain('You have no time off on Tue 15 Dec');
    expect((await f.member('luis')).timeOff).toEqual([{ from: '2026-12-14', to: '2026-12-14' }]);
  });

  it('is kept by a re-import of the plan document', async () => {
    const f = await fakeService(MONDAY);
    await f.say(USER.luis, 'away dec 10');
    await importPlanYaml(f.store, acme, sprintPlanYaml, { now: f.clock.now(), channel: 'C-ACME' });
    expect((await f.member('luis')).timeOff).toEqual([{ from: '2026-12-10', to: '2026-12-10' }]);
  });
});

describe('back', () => {
  it('ends the time off holding today and keeps the time off ahead', async () => {
    const f = await fakeService(MONDAY);
    await f.say(USER.luis, 'away dec 7 to dec 9');
    await f.say(USER.luis, 'away dec 14');
    f.clock.set('2026-12-08T17:00:00Z'); // Tuesday
    const reply = await f.say(USER.luis, 'back');
    expect(reply).toContain('Welcome back: the time off Mon 7 Dec – Wed 9 Dec now ends before today');
    expect((await f.member('luis')).timeOff).toEqual([
      { from: '2026-12-07', to: '2026-12-07' },
      { from: '2026-12-14', to: '2026-12-14' },
    ]);
    expect(await f.say(USER.luis, 'back')).toContain('You are not away today (Tue 8 Dec), so nothing changed.');
  });
});

describe('holiday', () => {
  it('a lead adds one: tasks due that day move to the next working day, and the reply says which', async () => {
    const f = await fakeService(MONDAY);
    const reply = await f.say(USER.sam, 'holiday dec 9 Company offsite');
    expect(reply).toContain('New plan-wide holiday on Checkout sprint: Wed 9 Dec (Company offsite).');
    expect(reply).toContain('*d3* Data ingestion: Wed 9 Dec → Thu 10 Dec');
    expect((await f.task('d3')).dueDate).toBe('2026-12-10');
    expect((await f.view()).calendar.isHoliday('2026-12-09')).toBe(true);
    expect(await f.say(USER.luis, 'holiday')).toContain('Wed 9 Dec Company offsite · added in chat');
  });

  it('is for leads; the same day twice, or removing one the document holds, changes nothing', async () => {
    const f = await fakeService(MONDAY);
    const refused = await f.run(USER.luis, 'holiday dec 9');
    expect(renderText(refused)).toContain('Adding a plan-wide holiday is for the plan');
    await f.say(USER.sam, 'holiday dec 9');
    expect(renderText(await f.run(USER.sam, 'holiday dec 9'))).toContain('is already a holiday');
    expect(renderText(await f.run(USER.sam, 'holiday remove dec 10'))).toContain('is not a holiday');
    expect((await f.state()).plan.holidays).toEqual([{ date: '2026-12-09', name: null }]);
    expect(await f.say(USER.sam, 'holiday remove dec 9')).toContain('Wed 9 Dec is no longer a holiday');
    expect((await f.state()).plan.holidays).toEqual([]);
  });

  it('is kept across a re-import, which moves the document’s task off it again', async () => {
    const f = await fakeService(MONDAY);
    await f.say(USER.sam, 'holiday dec 9');
    await importPlanYaml(f.store, acme, sprintPlanYaml, { now: f.clock.now(), channel: 'C-ACME' });
    expect((await f.state()).plan.holidays).toEqual([{ date: '2026-12-09', name: null }]);
    expect((await f.task('d3')).dueDate).toBe('2026-12-10');
  });
});

describe('the weekly memo', () => {
  it('flags the week ahead’s work due while its owner is away', async () => {
    const withMemo = sprintPlanYaml.replace(
      '  - { kind: triage,',
      '  - { kind: weekly_memo, localTime: "16:00", days: [5] }\n  - { kind: triage,',
    );
    const f = await fakeService(MONDAY, withMemo);
    await f.say(USER.luis, 'away dec 14');
    await f.tickAt('2026-12-12T00:00:00Z'); // Friday 11 Dec, 16:00 PST
    const memo = f.queued().find((m) => m.kind === 'weekly_memo')!;
    expect(memo.body).toContain('Due while the owner is away (1)');
    expect(memo.body).toContain('*d8* Model selection due Mon 14 Dec — Luis Romero is away until Mon 14 Dec');
  });
});
