import { describe, expect, it } from 'vitest';
import { median } from '../../../src/domain/median.js';
import { PlanError } from '../../../src/domain/plan-error.js';
import { parseCommandText } from '../../../src/service/commands/parse-command.js';
import { participationReport } from '../../../src/service/read-model/participation-report.js';
import type { BlockerActivity, PromptActivity } from '../../../src/service/read-model/plan-activity.js';
import { reportWeek } from '../../../src/service/read-model/report-week.js';
import { fakeService, MINUTE, type FakeService } from './fake-service.js';

// The sprint plan starts Monday Dec 7 (America/Los_Angeles, PST = UTC−8). Sam owns d1 (Mon),
// Priya d2 (Tue), Luis d3 (Wed) and d4 (Thu); Alex, the sponsor, owns nothing.
const MON_STANDUP = new Date('2026-12-07T17:00:00Z');
const TUE_STANDUP = new Date('2026-12-08T17:00:00Z');
const WED_STANDUP = new Date('2026-12-09T17:00:00Z');
const SAT_CHECKIN = new Date('2026-12-12T19:00:00Z');
const NOW = new Date('2026-12-12T20:00:00Z');
const at = (from: Date, minutes: number) => new Date(from.getTime() + minutes * MINUTE);

function prompt(
  scheduledAt: Date,
  replies: [string, number][] = [],
  kind: PromptActivity['kind'] = 'standup',
  asked: string[] | null = null,
): PromptActivity {
  return {
    id: `occ-${scheduledAt.toISOString()}`,
    kind,
    scheduledAt,
    asked,
    replies: replies.map(([memberId, minutes]) => ({ memberId, receivedAt: at(scheduledAt, minutes) })),
  };
}

function blocker(number: number, opened: Date, ackMinutes: number | null, stepMinutes: number[] = []): BlockerActivity {
  return {
    id: `b-${number}`,
    number,
    taskId: null,
    reporterId: null,
    openedAt: opened,
    acknowledgedAt: ackMinutes === null ? null : at(opened, ackMinutes),
    resolvedAt: null,
    steps: stepMinutes.map((minutes, tier) => ({ tier, sentAt: at(opened, minutes) })),
  };
}

async function reportOf(f: FakeService, prompts: PromptActivity[], blockers: BlockerActivity[] = [], now = NOW) {
  const view = await f.view();
  return participationReport(view, { prompts, blockers }, reportWeek(view.calendar, {}, now), now);
}

const ids = async (f: FakeService) => ({
  sam: (await f.member('sam')).id,
  priya: (await f.member('priya')).id,
  luis: (await f.member('luis')).id,
  alex: (await f.member('alex')).id,
});

describe('median', () => {
  it('is the middle value, the mean of the middle two for an even count, and null for none', () => {
    expect(median([300, 60, 120])).toBe(120);
    expect(median([720, 1800])).toBe(1260);
    expect(median([5, 1, 3, 100])).toBe(4);
    expect(median([])).toBeNull();
  });
});

describe('participationReport: answers', () => {
  it('counts per member the prompts that named their work and their answers, with the median answer time', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const m = await ids(f);
    const report = await reportOf(f, [
      prompt(MON_STANDUP, [[m.sam, 12]]),
      prompt(TUE_STANDUP, [[m.priya, 30]]),
      prompt(WED_STANDUP, [
        [m.sam, 4],
        [m.luis, 90],
      ]),
    ]);
    const row = (id: string) => report.members.find((r) => r.memberId === id)!;
    // Sam: d1 (Monday) stays open, so every stand-up names him.
    expect(row(m.sam)).toMatchObject({ prompts: 3, answers: 2, medianAnswerSeconds: 8 * 60 });
    expect(row(m.sam).answerRate).toBeCloseTo(2 / 3);
    expect(row(m.priya)).toMatchObject({ prompts: 2, answers: 1, answerRate: 0.5, medianAnswerSeconds: 30 * 60 });
    expect(row(m.luis)).toMatchObject({ prompts: 1, answers: 1, answerRate: 1, medianAnswerSeconds: 90 * 60 });
    // Never asked: no rate at all, rather than 0 %.
    expect(row(m.alex)).toMatchObject({ prompts: 0, answers: 0, answerRate: null, medianAnswerSeconds: null });
    expect(report.totals).toMatchObject({ prompts: 6, answers: 4, medianAnswerSeconds: (12 + 30) * 30 });
  });

  it('does not count a prompt for work done before it, for a member who was off, or an answer to nothing', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const m = await ids(f);
    f.clock.set('2026-12-07T18:00:00Z');
    await f.run('U0SAM', 'done d1');
    await f.store.setTimeOff(m.priya, [{ from: '2026-12-08', to: '2026-12-08' }]);
    const report = await reportOf(f, [prompt(MON_STANDUP), prompt(TUE_STANDUP), prompt(WED_STANDUP)]);
    const row = (id: string) => report.members.find((r) => r.memberId === id)!;
    // Sam was asked Monday only (d1 was done at 10:00); Priya on Wednesday only (off on Tuesday).
    expect(row(m.sam).prompts).toBe(1);
    expect(row(m.priya).prompts).toBe(1);
    expect(row(m.luis).prompts).toBe(1);
    expect(report.totals).toMatchObject({ prompts: 3, answers: 0, answerRate: 0, medianAnswerSeconds: null });
  });

  it('counts whom a prompt named as recorded when it was posted, over what the tasks say now', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const m = await ids(f);
    // Recorded: Tuesday's stand-up named Luis alone (say d3 was due then, and has moved since).
    const report = await reportOf(f, [prompt(TUE_STANDUP, [[m.sam, 3]], 'standup', [m.luis])]);
    const row = (id: string) => report.members.find((r) => r.memberId === id)!;
    expect(row(m.luis)).toMatchObject({ prompts: 1, answers: 0, answerRate: 0 });
    expect(row(m.priya)).toMatchObject({ prompts: 0, answerRate: null });
    // Sam answered all the same: asked, and answered.
    expect(row(m.sam)).toMatchObject({ prompts: 1, answers: 1, answerRate: 1 });
  });

  it('asks at a weekend check-in the people with an open blocker', async () => {
    const f = await fakeService('2026-12-09T18:00:00Z');
    const m = await ids(f);
    await f.run('U0LUIS', 'block d3 waiting on warehouse credentials');
    const report = await reportOf(f, [prompt(SAT_CHECKIN, [], 'weekend_checkin')]);
    expect(report.members.filter((r) => r.prompts > 0).map((r) => r.memberId)).toEqual([m.luis]);
    expect(report.blockers.open).toBe(1);
  });

  it('has nothing to say for an empty week: no rates, no medians, no tiers', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const report = await reportOf(f, [], [], new Date('2026-12-07T17:30:00Z'));
    expect(report.totals).toEqual({ prompts: 0, answers: 0, answerRate: null, medianAnswerSeconds: null });
    expect(report.members.every((r) => r.answerRate === null)).toBe(true);
    expect(report.blockers).toEqual({ opened: 0, resolved: 0, open: 0, acks: [] });
    expect(report.delivery.slipped).toEqual([]);
    expect(report.delivery.planned).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
  });
});

describe('participationReport: blockers', () => {
  it('puts each acknowledgement at the tier pinged last before it, timed from that ping', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const opened = new Date('2026-12-08T18:00:00Z');
    const report = await reportOf(
      f,
      [],
      [
        // Acknowledged before tier 1 was pinged: timed from the opening.
        blocker(1, opened, 5),
        // Tier 1 at once, acknowledged 20 min later.
        blocker(2, opened, 20, [0]),
        // Tier 2 at 4 h; acknowledged 10 and 30 min after it.
        blocker(3, opened, 250, [0, 240]),
        blocker(4, opened, 270, [0, 240]),
        // Resolved with nobody acknowledging: the resolve is the answer, at tier 2.
        { ...blocker(5, opened, null, [0, 240]), resolvedAt: at(opened, 300) },
        // Opened last week and acknowledged in this one still counts this week.
        blocker(6, new Date('2026-12-06T18:00:00Z'), 24 * 60 + 60, [0]),
      ],
    );
    expect(report.blockers.acks).toEqual([
      { tier: 0, acknowledged: 1, medianSeconds: 5 * 60 },
      { tier: 1, acknowledged: 2, medianSeconds: (20 + 24 * 60 + 60) * 30 },
      { tier: 2, acknowledged: 3, medianSeconds: 30 * 60 },
    ]);
    expect(report.blockers.opened).toBe(5);
    expect(report.blockers.resolved).toBe(1);
  });
});

describe('reportWeek', () => {
  it('is the plan week now running by default, and the whole of an earlier one', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const { calendar } = await f.view();
    const wednesday = new Date('2026-12-16T20:00:00Z');
    expect(reportWeek(calendar, {}, wednesday)).toMatchObject({
      week: 2,
      range: { from: '2026-12-14', to: '2026-12-20' },
      running: true,
    });
    const last = reportWeek(calendar, { week: 'last' }, wednesday);
    expect(last).toMatchObject({ week: 1, running: false });
    // From Monday 00:00 PST to the next Monday 00:00 PST.
    expect(last.window).toEqual({ from: new Date('2026-12-07T08:00:00Z'), to: new Date('2026-12-14T08:00:00Z') });
    expect(reportWeek(calendar, { date: '2026-12-13' }, wednesday).week).toBe(1);
    expect(reportWeek(calendar, { week: 2 }, wednesday).week).toBe(2);
  });

  it('refuses a week before the plan, after now, or `last` in week 1, saying why', async () => {
    const f = await fakeService('2026-12-07T16:00:00Z');
    const { calendar } = await f.view();
    const monday = new Date('2026-12-07T18:00:00Z');
    expect(() => reportWeek(calendar, { week: 'last' }, monday)).toThrow(/no week before it/);
    expect(() => reportWeek(calendar, { week: 2 }, monday)).toThrow(/Week 2 starts on 2026-12-14/);
    expect(() => reportWeek(calendar, { date: '2026-11-30' }, monday)).toThrow(PlanError);
  });
});

describe('parsing `report` (Slack `/plan report`, Teams `plan report` or a mention)', () => {
  it.each([
    ['/plan report', {}],
    ['plan report this week', {}],
    ['<at>planbot</at> report 2', { week: 2 }],
    ['@planbot report week 3', { week: 3 }],
    ['/plan report last', { week: 'last' }],
    ['plan report last week', { week: 'last' }],
    ['/plan report 2026-12-09', { date: '2026-12-09' }],
  ])('%s', (text, args) => {
    expect(parseCommandText(text)).toEqual({ ok: true, command: { name: 'report', args } });
  });

  it.each([
    ['/plan report 0', /Plan weeks count from 1/],
    ['/plan report 2026-13-40', /date/],
    ['/plan report next month', /Say which week/],
  ])('refuses %s with usage', (text, problem) => {
    const parsed = parseCommandText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(problem);
      expect(parsed.error).toContain('Usage: /plan report [week number | last | yyyy-mm-dd]');
    }
  });
});
