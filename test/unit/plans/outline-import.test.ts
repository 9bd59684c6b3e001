import { describe, expect, it } from 'vitest';
import { importPlanText } from '../../../src/plans/plan-import.js';
import type { Plan, PlanTask } from '../../../src/plans/plan-schema.js';
import { PlanError } from '../../../src/domain/plan-error.js';

// Plans written the way people write them, none in a layout planbot was told about. Each test
// is a small document of our own; the shared corpus measures the same reader on real ones.

function read(text: string, file = 'plan.md') {
  return importPlanText(text, { file, today: '2026-12-01' });
}

function task(plan: Plan, title: string): PlanTask {
  const found = plan.tasks.find((t) => t.title === title);
  if (!found) throw new Error(`no task '${title}' in: ${plan.tasks.map((t) => t.title).join(' | ')}`);
  return found;
}

function ownerName(plan: Plan, t: PlanTask): string | undefined {
  return plan.members.find((m) => m.key === t.owner)?.name;
}

describe('1. best effort: keep what is understood, flag the rest', () => {
  it('keeps a task with no date, due by the plan end, and says so with its line', () => {
    const { plan, warnings } = read('# Launch\n\n## Before\n\n- Book the venue (T-2 weeks)\n- Print the badges\n');
    expect(task(plan, 'Book the venue').offset).toBe('T-2w');
    const badges = task(plan, 'Print the badges');
    expect(badges.day ?? badges.week ?? badges.date).toBeUndefined();
    expect(warnings.some((w) => w.line === 6 && /no date, day or week/.test(w.message))).toBe(true);
  });

  it('a table it cannot read as a schedule does not sink the tasks beside it', () => {
    const { plan } = read(
      '# Sprint\n\n| Metric | Target |\n| --- | --- |\n| NPS | 40 |\n\n## Day 1\n\n- [ ] Draft the brief\n',
    );
    expect(plan.tasks.map((t) => t.title)).toEqual(['Draft the brief']);
    expect(task(plan, 'Draft the brief').day).toBe(1);
  });

  it('a cadence page with no tasks is still a plan: its rituals are imported', () => {
    const { plan, warnings } = read(
      '# Team rhythm\n\n## Daily stand-up, 9:30am\n\n- Owner: Priya\n\n## Friday demo, 4pm\n\n- Show what shipped\n',
    );
    expect(plan.tasks).toEqual([]);
    expect(plan.rituals.map((r) => [r.kind, r.localTime, r.days])).toEqual([
      ['standup', '09:30', [1, 2, 3, 4, 5]],
      ['sync', '16:00', [5]],
    ]);
    expect(warnings.some((w) => /no tasks found/.test(w.message))).toBe(true);
  });

  it('refuses only what cannot be a plan', () => {
    expect(() => read('# Banana bread\n\nMix flour and bananas, bake for an hour.\n')).toThrow(PlanError);
    expect(() => read('# Banana bread\n\nMix flour and bananas, bake for an hour.\n')).toThrow(/not a plan document/);
  });
});

describe('2. columns are read by what their cells hold, not by their headers', () => {
  it('Hour / Responder / Action: the times are the when, the names the owner, the text the title', () => {
    const doc =
      '# Cutover\n\n## Day 2\n\n| Hour | Responder | Action |\n| --- | --- | --- |\n| 08:00 | Dana Lee | Freeze writes |\n| 08:30 | Omar | Run the migration |\n';
    const { plan } = read(doc);
    const freeze = task(plan, 'Freeze writes');
    expect([freeze.day, freeze.time, ownerName(plan, freeze)]).toEqual([2, '08:00', 'Dana Lee']);
    expect(ownerName(plan, task(plan, 'Run the migration'))).toBe('Omar');
  });

  it('Date / Event rows with the document day-month order', () => {
    const doc =
      '# Release train\n\n| Date | Event |\n| --- | --- |\n| 03/02/2027 | Branch cut |\n| 17/02/2027 | Release |\n';
    const { plan } = read(doc);
    expect(task(plan, 'Branch cut').date).toBe('2027-02-03');
    expect(task(plan, 'Release').date).toBe('2027-02-17');
  });

  it('a day separator row starts a new day; a row with no time runs alongside the row above', () => {
    const doc = [
      '# Workshop',
      '',
      '| Time | Session |',
      '| --- | --- |',
      '| **Day 1** | **2027-03-01** |',
      '| 9:00 AM | Welcome |',
      '| 1:00 PM | Lab |',
      '| | Office hours |',
      '| **Day 2** | **2027-03-02** |',
      '| 9:00 AM | Review |',
      '',
    ].join('\n');
    const { plan } = read(doc);
    expect([task(plan, 'Lab').date, task(plan, 'Lab').time]).toEqual(['2027-03-01', '13:00']);
    expect([task(plan, 'Office hours').date, task(plan, 'Office hours').time]).toEqual(['2027-03-01', '13:00']);
    expect(task(plan, 'Review').date).toBe('2027-03-02');
    expect(plan.tasks.map((t) => t.title)).not.toContain('Day 1');
  });

  it('a run-of-show goes forward in time: "4:30" after 3:30 PM is 16:30, a stray PM before noon is AM', () => {
    const doc =
      '# Day\n\n| Time | Activity |\n| --- | --- |\n| 11:00 AM | Arrive |\n| 11:40 PM | Intro |\n| 1:00 PM | Lunch talk |\n| 3:30 PM | Demos |\n| 4:30 | Wrap up |\n';
    const { plan } = read(doc);
    expect(task(plan, 'Intro').time).toBe('11:40');
    expect(task(plan, 'Wrap up').time).toBe('16:30');
  });

  it("meals and breaks are on the agenda but are nobody's task", () => {
    const { plan } = read(
      '# Day\n\n| Time | Activity |\n| --- | --- |\n| 9:00 | Kickoff |\n| 12:00 | Lunch |\n| 15:00 | Coffee break |\n',
    );
    expect(plan.tasks.map((t) => t.title)).toEqual(['Kickoff']);
  });
});

describe('3. time expressions in the forms people write', () => {
  const when = (line: string) => {
    const { plan } = read(`# Plan 2026\n\n## Steps\n\n- ${line}\n- Second step\n- Third step\n`);
    return plan.tasks[0]!;
  };

  it.each([
    ['Monday 4th September 2023 - Kick off', { date: '2023-09-04' }],
    ['Dec 14 08:00 UTC - Cut the branch', { date: '2026-12-14', time: '08:00' }],
    ['27th October 2025 - Hold the meetup', { date: '2025-10-27' }],
    ['T‑30m - Start the promotion', { offset: 'T-30m' }],
    ['T+1hr Send the follow-up', { offset: 'T+1h' }],
    ['Tag the release (T-6 days)', { offset: 'T-6d' }],
    ['9:00 AM - Final check', { time: '09:00' }],
  ])('%s', (line, expected) => {
    expect(when(line)).toMatchObject(expected);
  });

  it('"N weeks before" and signed week columns are counted from the event, earliest first', () => {
    const doc =
      '# Conference\n\n### 8-9 MONTHS IN ADVANCE\n\n- Pick a venue\n\n### 2-4 WEEKS BEFORE THE EVENT\n\n- Print badges\n';
    const { plan } = read(doc);
    expect(task(plan, 'Pick a venue').offset).toBe('T-9mo..T-8mo');
    expect(task(plan, 'Print badges').offset).toBe('T-4w..T-2w');
    expect(task(plan, 'Pick a venue').day).toBe(1);
    expect(task(plan, 'Print badges').day).toBeGreaterThan(200);
  });

  it('reads "Week -8" rows as weeks before the release, laid out as plan weeks', () => {
    const doc =
      '# Release\n\n| Weeks from Release | Events |\n| --- | --- |\n| -8 Weeks | Open the freeze discussion |\n| -1 Weeks | Branch off |\n| +1 Weeks | Retrospective |\n';
    const { plan } = read(doc);
    expect([task(plan, 'Open the freeze discussion').week, task(plan, 'Open the freeze discussion').offset]).toEqual([
      1,
      'T-8w',
    ]);
    expect([task(plan, 'Retrospective').week, task(plan, 'Retrospective').offset]).toEqual([10, 'T+1w']);
  });

  it('a clock time on a heading or a bold lead belongs to that item', () => {
    const { plan } = read(
      '# Demo day 2027-05-20\n\n### 9:40am - 10:30am - Venue set-up\n\n### 10:30am - 11:00am\n\n**Welcome talk**\n\n### Talks\n\n- **11:00 – Demo** - Show the product\n',
    );
    expect([task(plan, 'Venue set-up').time, task(plan, 'Venue set-up').date]).toEqual(['09:40', '2027-05-20']);
    expect(task(plan, 'Welcome talk').time).toBe('10:30');
    expect(task(plan, 'Show the product').time).toBe('11:00');
    expect(plan.tasks.map((t) => t.title)).not.toContain('Demo day');
  });

  it('a weekday with no year takes the year that weekday falls in, nearest today', () => {
    const { plan } = read(
      '# Course\n\n- **Week 8** 10/21 - 10/27\n  1. [ ] Meet on Saturday from 12pm - 2pm\n- **Week 9** 10/28 - 11/3\n  1. [ ] Report due Tuesday 10/29\n',
    );
    expect(task(plan, 'Report due Tuesday 10/29').date).toBe('2024-10-29');
    expect(task(plan, 'Meet on Saturday from 12pm - 2pm').date).toBe('2024-10-26');
  });
});

describe('4. the right unit of work', () => {
  it('a heading with its own time is the task; its prose and bullets are its checklist', () => {
    const doc =
      '# Release\n\n## Promote the candidate (T-3 days, Monday)\n\nTurn off branch protection.\n\n- Update the CI channel\n- Send the PR\n\n## Release day\n\n- **T-10m** - Tag the release\n  - Twitter\n  - Forum\n';
    const { plan } = read(doc);
    expect(plan.tasks.map((t) => t.title)).toEqual(['Promote the candidate', 'Tag the release']);
    expect(task(plan, 'Promote the candidate').checklist).toEqual(['Update the CI channel', 'Send the PR']);
    expect(task(plan, 'Tag the release').checklist).toEqual(['Twitter', 'Forum']);
  });

  it('a bold label over numbered steps is one procedure, even when code blocks split the steps', () => {
    const doc =
      '# Upgrade\n\n**Patching**\n\n1. Stop the node\n\n```\nkillall node\n```\n\n2. Build the new tag\n3. Restart\n';
    const { plan } = read(doc);
    expect(plan.tasks.map((t) => t.title)).toEqual(['Patching']);
    expect(task(plan, 'Patching').checklist).toEqual(['Stop the node', 'Build the new tag', 'Restart']);
  });

  it('advice, questions of a template, tables of contents and link lists are not tasks', () => {
    const doc = [
      '# Event',
      '',
      '- [Before](#before)',
      '- [After](#after)',
      '',
      '## Before',
      '',
      '- Book the room',
      '- Consider a backup room',
      '- If it rains, move indoors',
      '',
      '## Agenda template',
      '',
      '- Introductions',
      '- Q&A',
      '',
      '## Resources',
      '',
      '- [Venue guide](https://example.org/venue)',
      '',
      '## After',
      '',
      '- Send thank-you notes',
    ].join('\n');
    const { plan } = read(doc);
    expect(plan.tasks.map((t) => t.title)).toEqual(['Book the room', 'Send thank-you notes']);
  });

  it('front matter is metadata: the H1 names the plan, else the front-matter title; its fields are not tasks', () => {
    const withH1 = read(
      '---\ntitle: Template title\nlabels:\n  - ops\n---\n# Picnic Checklist\n\n- [ ] Book a room\n',
    ).plan;
    expect(withH1.name).toBe('Picnic Checklist');
    expect(withH1.tasks.map((t) => t.title)).toEqual(['Book a room']);
    expect(read('---\ntitle: Launch checklist\n---\n## Before\n\n- [ ] Book a room\n').plan.name).toBe(
      'Launch checklist',
    );
  });

  it('plan length comes from the tasks, not from a "(1-2 days)" heading', () => {
    const { plan } = read('# Plan\n\n## Quick wins (1-2 days)\n\n### Day 9\n\n- [ ] Ship the fix\n');
    expect(plan.lengthDays).toBe(9);
  });

  it('items crossed out, and template slots like "Kofi -", are not work to schedule', () => {
    const { plan } = read(
      '# Board\n\n- ~~Export, Task 1 (Mira Holt), 05/03/2025~~\n- Export, Task 2 (Mira Holt), 06/03/2025\n- Kofi -\n',
    );
    expect(plan.tasks.map((t) => t.title)).toEqual(['Export, Task 2']);
    expect(ownerName(plan, plan.tasks[0]!)).toBe('Mira Holt');
  });
});

describe('4. a document holding several plans', () => {
  const templates = [
    '# Camp',
    '',
    '## Lab Days',
    '',
    '| Time | Activity |',
    '| --- | --- |',
    '| 9:00 AM | Arrive |',
    '| 10:00 AM | Workshop |',
    '| 2:00 PM | Demos |',
    '',
    '## Build Days',
    '',
    '| Time | Activity |',
    '| --- | --- |',
    '| 9:00 AM | Arrive |',
    '| 10:00 AM | Build sprint |',
    '| 2:00 PM | Demos |',
    '',
  ].join('\n');

  it('says when sibling schedules with no day of their own were read as one plan', () => {
    const { warnings } = read(templates);
    expect(warnings).toContainEqual({
      line: 3,
      message: expect.stringMatching(/"Lab Days", "Build Days" are separate schedules .* --section "Lab Days"/),
    });
  });

  it('imports one of them with --section, named after it so it re-baselines only itself', () => {
    const { plan } = importPlanText(templates, { file: 'camp.md', today: '2026-12-01', section: 'build days' });
    expect(plan.name).toBe('Camp: Build Days');
    expect(plan.tasks.map((t) => t.title)).toEqual(['Arrive', 'Build sprint', 'Demos']);
    expect(() => importPlanText(templates, { file: 'camp.md', section: 'Lunch' })).toThrow(
      /camp\.md: no section "Lunch"; the headings are "Camp", "Lab Days", "Build Days"/,
    );
  });
});

describe('plans with weekday sections and a stated event date', () => {
  it('"## Friday" in an undated week is that weekday of week 1, and its weekly demo is on Fridays', () => {
    const { plan } = read(
      '# First week\n\n## Monday\n- Laptop setup with IT\n- Meet your buddy\n\n## Friday\n- 1:1 with manager at 3pm\n- Weekly team demo at 4pm\n',
    );
    expect(task(plan, 'Laptop setup with IT').day).toBe(1);
    expect([task(plan, '1:1 with manager at 3pm').day, task(plan, '1:1 with manager at 3pm').time]).toEqual([
      5,
      '15:00',
    ]);
    expect(plan.rituals.map((r) => [r.localTime, r.days])).toEqual([['16:00', [5]]]);
  });

  it('a cutover night named once in the preamble dates its timeline, in the zone it states', () => {
    const { plan } = read(
      '# Cutover\n\nCutover night: Saturday 14 March 2026. All times CET.\n\n## Timeline\n\n- 18:00 — Freeze content (Maria)\n- 20:00 — Smoke tests (QA team)\n',
    );
    expect(plan.timezone).toBe('Europe/Berlin');
    expect([
      task(plan, 'Freeze content').date,
      task(plan, 'Freeze content').time,
      ownerName(plan, task(plan, 'Freeze content')),
    ]).toEqual(['2026-03-14', '18:00', 'Maria']);
    expect(ownerName(plan, task(plan, 'Smoke tests'))).toBe('QA team');
  });
});

describe('5. people and ceremonies', () => {
  it('owners written beside the title, before or after it', () => {
    const doc =
      '# Launch 2027\n\n## Launch\n\n- Noor, 8:30am PDT/11:30 EDT - Post the launch note\n- Docs Team/Ravi - Final copy edit\n- 8-OCT-2027— Docs day in Lisbon (Ines Moreau)\n';
    const { plan } = read(doc);
    expect(ownerName(plan, task(plan, 'Post the launch note'))).toBe('Noor');
    expect(task(plan, 'Post the launch note').time).toBe('08:30');
    expect(plan.timezone).toBe('America/Los_Angeles');
    expect(ownerName(plan, task(plan, 'Final copy edit'))).toBe('Docs Team/Ravi');
    expect(ownerName(plan, task(plan, 'Docs day in Lisbon'))).toBe('Ines Moreau');
  });

  it('a roster list and a Role / Lead / Shadow table are members, not tasks', () => {
    const doc =
      '# Project\n\n### Team Roles\n\n- Tomas Berg (lead) - UI/UX Design\n- Wen Li - Project Manager\n\n## Team\n\n| Role | Lead | Shadow |\n| --- | --- | --- |\n| Registration | Bob [@bob](https://github.com/bob) | Nabarun |\n\n## Launch prep\n\n- Set up the repo (T-3 days)\n';
    const { plan } = read(doc);
    expect(plan.tasks.map((t) => t.title)).toEqual(['Set up the repo']);
    expect(plan.members.map((m) => m.name)).toEqual(expect.arrayContaining(['Tomas Berg', 'Wen Li', 'Bob', 'Nabarun']));
  });

  it('only what recurs is a ritual: a one-off timed item stays a task, "Hours: 09:00-18:00" is neither', () => {
    const doc =
      '# Sprint\n\nHours: 09:00–18:00\n\n## Rhythm\n\n- Daily stand-up at 9:15am\n\n## Day 1\n\n- 10:00 - Demo to the sponsor\n';
    const { plan } = read(doc);
    expect(plan.rituals.map((r) => [r.kind, r.localTime])).toEqual([['standup', '09:15']]);
    expect(task(plan, 'Demo to the sponsor').time).toBe('10:00');
  });

  it('weekly slots under a recurring heading, and a weekly status memo in prose', () => {
    const doc =
      '# Club\n\n## Weekly Call Slots\n\n- 5PM Pacific on Monday\n- 3:30PM Pacific on Tuesday\n\n## Reporting\n\nPost the weekly status memo every Friday.\n\n## Before the call\n\n- Send the reminder\n';
    const { plan } = read(doc);
    expect(plan.rituals.map((r) => [r.kind, r.localTime, r.days])).toEqual([
      ['sync', '17:00', [1]],
      ['sync', '15:30', [2]],
      ['weekly_memo', '09:00', [5]],
    ]);
    expect(plan.tasks.map((t) => t.title)).toEqual(['Send the reminder']);
  });

  it('a meeting that opens every day of a run-of-show is one ritual, not a task a day', () => {
    const day = (n: number, time: string) =>
      `## Day ${n}\n\n| Time | Activity |\n| --- | --- |\n| ${time} | Standups |\n| 9:00 AM | Hacking |\n`;
    const { plan } = read(`# Camp\n\n${day(1, '8:15 AM')}\n${day(2, '8:30 AM')}\n${day(3, '8:30 AM')}`);
    expect(plan.rituals.map((r) => [r.kind, r.localTime])).toEqual([['standup', '08:30']]);
    expect(plan.tasks.map((t) => t.title)).toEqual(['Hacking', 'Hacking', 'Hacking']);
  });

  it('an on-call chain in prose becomes the ladder, with its stated timeout', () => {
    const doc =
      '# On-call\n\n## Prepare\n\n- Charge your phone\n\n## Escalation\n\nIf the primary on-call does not acknowledge, the page goes to the backup on-call. The third level of your escalation should be your entire team. Set your escalation timeout to 5 minutes.\n';
    const { plan } = read(doc);
    expect(
      plan.ladder.map((t) => [
        plan.members.find((m) => m.key === (t.target as { member: string }).member)?.name,
        t.delayMinutes,
      ]),
    ).toEqual([
      ['Primary on-call', 0],
      ['Backup on-call', 5],
      ['Entire team', 5],
    ]);
  });

  it('an unknown "Time zone:" line is an error naming the line', () => {
    expect(() => read('# Plan\n\n**Time zone:** Mars/Olympus\n\n## Day 1\n\n- [ ] Launch\n')).toThrow(
      /plan\.md:3: unknown time zone 'Mars\/Olympus'/,
    );
  });
});

describe('7. bounded on hostile input', () => {
  it('quotes nested thousands deep get a clear error with the line, not a stack overflow', () => {
    expect(() => read(`# Plan\n\n${'>'.repeat(5000)} - [ ] Task\n`)).toThrow(
      /plan\.md:3: quotes nested more than 32 levels deep/,
    );
  });

  it('lists nested hundreds deep get a clear error with the line', () => {
    const text = `# Plan\n\n${Array.from({ length: 100 }, (_, i) => `${' '.repeat(i * 2)}- item ${i}`).join('\n')}\n`;
    expect(() => read(text)).toThrow(/a list item indented \d+ columns; planbot reads lists nested up to 120 columns/);
  });

  it('5 KB of "[" or of emphasis marks reads as text: a clear answer either way', () => {
    expect(() => read(`# Plan\n\n- [ ] ${'['.repeat(5000)}\n`)).not.toThrow(RangeError);
    const { plan } = read(`# Plan\n\n## Day 1\n\n- [ ] Ship ${'*_'.repeat(2500)}\n`);
    expect(plan.tasks).toHaveLength(1);
  });
});

describe('a layout document with more than its layout', () => {
  it('keeps the checklist a day table leaves, and reads "Jan 18" in the year the document names', () => {
    const doc = [
      '# App 3.0 release',
      '',
      '**Target launch:** 2027-02-15',
      '',
      '| Task | Owner | Due |',
      '| --- | --- | --- |',
      '| Feature freeze | Priya Shah | Jan 18 |',
      '',
      '## Phase 2: Launch',
      '',
      '- [ ] Submit to App Store — Priya — Feb 1',
      '- [ ] Launch announcement — Marketing team — Feb 15',
      '',
    ].join('\n');
    const { plan } = read(doc);
    expect(plan.tasks.map((t) => [t.title, t.date])).toEqual([
      ['Feature freeze', '2027-01-18'],
      ['Submit to App Store', '2027-02-01'],
      ['Launch announcement', '2027-02-15'],
    ]);
    expect(ownerName(plan, task(plan, 'Launch announcement'))).toBe('Marketing team');
  });

  it('"every Tuesday and Thursday at 10:30" is one ritual on both days', () => {
    const { plan } = read(
      '# Release\n\n| Task | Owner | Due |\n| --- | --- | --- |\n| Freeze | Priya | 2027-01-18 |\n\n## Meetings\n\n- Release sync every Tuesday and Thursday at 10:30 PT\n',
    );
    expect(plan.rituals.map((r) => [r.localTime, r.days, r.zone])).toEqual([['10:30', [2, 4], 'America/Los_Angeles']]);
  });

  it('a drill timed "T+0:05" from its start', () => {
    const { plan } = read(
      '# Drill\n\n| Time | Who | What |\n|---|---|---|\n| T+0:00 | Incident commander | Declare the drill |\n| T+0:05 | On-call engineer | Page the database team |\n',
    );
    expect(plan.tasks.map((t) => t.offset)).toEqual(['T', 'T+5m']);
  });
});

describe('seed shapes held back from the first importer', () => {
  it('role sections of "#### Task N: Title (P0)" blocks, dated only by "Week 1" in the title', () => {
    const doc = [
      '# Marketing Division: Week 1 Execution Plan',
      '',
      '## Role: Content Lead (Maya Chen)',
      '',
      '#### Task 1: Draft launch blog (P0)',
      '**Duration:** 2 days',
      '**Dependencies:** None',
      '**Deliverable:** Blog draft',
      '',
      'Success criteria:',
      '- [ ] Approved by the PM',
      '',
      '#### Task 2: Social calendar (P1)',
      '**Duration:** 1 day',
      '**Dependencies:** Task 1',
      '**Deliverable:** Calendar for launch week',
      '',
    ].join('\n');
    const { plan } = read(doc);
    expect(plan.tasks.map((t) => [t.title, t.week, t.priority, ownerName(plan, t)])).toEqual([
      ['Draft launch blog', 1, 'P0', 'Maya Chen'],
      ['Social calendar', 1, 'P1', 'Maya Chen'],
    ]);
    expect(task(plan, 'Social calendar').dependsOn).toEqual([task(plan, 'Draft launch blog').key]);
    expect(task(plan, 'Draft launch blog').deliverable).toBe('Blog draft');
  });

  it('stream-by-week checklists with a milestone gate: a "Quick Wins (1-2 days)" heading does not set the length', () => {
    const doc =
      '# Operations Plan: 4-Week Workflow\n\n## Quick Wins (1-2 days)\n- [ ] Silence noisy alerts\n\n## Stream 1: Infrastructure\n#### Week 1\n- [ ] Patch the servers\n#### Week 2\n- [ ] Move DNS\n\n### Milestone Gate: End of Week 2\n- All servers patched\n';
    const { plan } = read(doc);
    expect(plan.lengthDays).toBe(28);
    expect(task(plan, 'Move DNS').week).toBe(2);
    expect(plan.milestones.map((m) => [m.name, m.dueWeek])).toEqual([['End of Week 2', 2]]);
  });
});
