import { describe, expect, it } from 'vitest';
import { importPlanText } from '../../../src/plans/plan-import.js';
import { renderPlanPreview } from '../../../src/plans/plan-preview.js';
import { formatWarning } from '../../../src/plans/plan-import-types.js';
import { readSeed, seedFiles, seedsDir, tasksPerOwner, tasksPerWeek } from './seed-helpers.js';

const seeds = seedFiles();
const find = (prefix: string): string | undefined => seeds.find((f) => f.startsWith(prefix));

if (seeds.length === 0) console.warn(`plan seed conformance skipped: ${seedsDir} is absent`);

describe.skipIf(seeds.length === 0)('seed plan documents', () => {
  it.each(seeds)('%s imports to a plan with tasks', (name) => {
    const { plan } = importPlanText(readSeed(name), { file: name, startDate: '2026-12-07' });
    expect(plan.tasks.length).toBeGreaterThan(0);
  });

  describe.skipIf(!find('004_'))('004: 21-day sprint with a day table', () => {
    const name = find('004_') ?? '';
    const load = () => importPlanText(readSeed(name), { file: name, startDate: '2026-12-07' });

    it('reads 21 tasks, one per day, with 9 owners and 10 members', () => {
      const { plan } = load();
      expect(plan.name).toBe('PRJ-AIML-002 · AI Marketing Automation Sprint');
      expect(plan.timezone).toBe('America/Los_Angeles');
      expect(plan.lengthDays).toBe(21);
      expect(plan.tasks).toHaveLength(21);
      expect(plan.tasks.map((t) => t.day)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      expect(tasksPerOwner(plan)).toEqual({
        'Sam Jackson': 5,
        'Priya Mehta': 2,
        'Luis Romero': 2,
        'Morgan Lee': 2,
        'Casey Grant': 2,
        'Avery Chen': 2,
        'Jamie Patel': 2,
        'Riley Owens': 2,
        'Taylor Brooks': 2,
      });
      expect(plan.members).toHaveLength(10);
      const sam = plan.members.find((m) => m.name === 'Sam Jackson');
      expect(sam).toMatchObject({
        roles: ['lead', 'on-call'],
        slackHandle: 'sam.jackson',
        email: 'sam@samsjackson.dev',
      });
      expect(plan.members.find((m) => m.name === 'Alex Rivera')?.roles).toEqual(['sponsor']);
    });

    it('marks days 6, 13 and 20 as buffer days with the swap rule', () => {
      const { plan } = load();
      expect(plan.buffer.days).toEqual([6, 13, 20]);
      expect(plan.tasks.filter((t) => t.buffer).map((t) => t.day)).toEqual([6, 13, 20]);
      expect(plan.buffer.swapRule).toMatch(/^They operate under a swap rule—if the prior weekday closes cleanly/);
    });

    it('reads the cadence: 09:00, 11:00 and 14:00 America/Los_Angeles', () => {
      const { plan } = load();
      expect(plan.rituals.map((r) => [r.kind, r.localTime, r.zone, r.days, r.thread])).toEqual([
        ['standup', '09:00', 'America/Los_Angeles', [1, 2, 3, 4, 5], false],
        ['weekend_checkin', '11:00', 'America/Los_Angeles', [6, 7], true],
        ['triage', '14:00', 'America/Los_Angeles', [1, 2, 3, 4, 5], false],
      ]);
    });

    it('builds a three-tier ladder with the 4-hour delay', () => {
      const { plan } = load();
      expect(plan.ladder).toEqual([
        {
          label: 'Primary',
          target: { kind: 'member', member: 'sam-jackson' },
          delayMinutes: 0,
          businessHours: false,
          channel: '#aiml-delivery',
        },
        {
          label: 'Secondary',
          target: { kind: 'member', member: 'alex-rivera' },
          delayMinutes: 240,
          businessHours: false,
        },
        {
          label: 'Tertiary',
          target: { kind: 'pagerduty', schedule: 'AIML-Auto', member: 'taylor-brooks' },
          delayMinutes: 240,
          businessHours: false,
        },
      ]);
    });

    it('reads the slip, push and re-baseline rules', () => {
      expect(load().plan.rules).toEqual({
        guestsMayOpenBlockers: false,
        ownerAckStopsEscalation: false,
        slipThresholdBusinessDays: 1,
        slipEscalatesTo: 'alex-rivera',
        pushDependantsToBuffer: true,
        rebaselineWhenCriticalSlips: 2,
      });
    });

    it('links "Day N" dependencies and reports each guess with its line', () => {
      const { plan, warnings, unplaced } = load();
      expect(plan.tasks.reduce((n, t) => n + t.dependsOn.length, 0)).toBe(11);
      expect(plan.tasks.find((t) => t.day === 6)?.dependsOn).toEqual([
        'kickoff-intake',
        'seo-intelligence',
        'data-ingestion',
        'data-quality',
        'automation-blueprint',
      ]);
      expect(warnings).toHaveLength(18);
      expect(warnings.map(formatWarning)).toContain(
        "line 21: owner 'Sam Jackson (On-call)' matched member 'Sam Jackson'; added role on-call",
      );
      expect(warnings.map(formatWarning)).toContain(
        "line 27: owner 'Taylor Brooks (SRE)' matched member 'Taylor Brooks'",
      );
      expect(warnings.filter((w) => w.message.includes('created member'))).toHaveLength(7);
      expect(unplaced.map((u) => [u.line, u.kind])).toEqual([
        [4, 'paragraph'],
        [7, 'table'],
        [49, 'list-item'],
      ]);
    });

    it('previews 21 days, three buffer days, three rituals and the ladder', () => {
      const { plan, warnings } = load();
      const preview = renderPlanPreview(plan, warnings);
      expect(preview).toContain('21 tasks, 10 members, 3 rituals, 3 ladder tiers, 3 buffer days, 0 milestones');
      expect(preview).toContain('starts Mon 2026-12-07, 21 days');
      expect(preview).toContain('day 6 (Sat 2026-12-12), day 13 (Sat 2026-12-19), day 20 (Sat 2026-12-26)');
      expect(preview).toContain('standup "Daily stand-up": 09:00 America/Los_Angeles, Mon-Fri');
      expect(preview).toContain(
        'weekend_checkin "weekend async check-in": 11:00 America/Los_Angeles, Sat, Sun (in a thread)',
      );
      expect(preview).toContain('triage "blocker triage windows": 14:00 America/Los_Angeles, Mon-Fri');
      expect(preview).toContain('2. Secondary: Alex Rivera, after 4 h');
      expect(preview).toContain('Warnings (18):');
    });
  });

  describe.skipIf(!find('000_'))('000: six-week engineering plan in week sections', () => {
    const name = find('000_') ?? '';
    const load = () => importPlanText(readSeed(name), { file: name });

    it('reads 173 checklist tasks across six weeks', () => {
      const { plan } = load();
      expect(plan.lengthDays).toBe(42);
      expect(plan.tasks).toHaveLength(173);
      expect(tasksPerWeek(plan)).toEqual([10, 31, 33, 32, 34, 33]);
      expect(plan.tasks.filter((t) => t.critical).map((t) => t.title)).toEqual([
        'First 15-20 engineers hired (critical path)',
      ]);
      expect(plan.tasks.find((t) => t.title === 'Technology stack decisions finalized')?.checklist).toHaveLength(5);
      expect(plan.tasks.find((t) => t.title === 'All core features functional')?.checklist).toHaveLength(5);
    });

    it('assigns team sub-headings to team leads and the rest to the division lead', () => {
      const { plan, warnings } = load();
      expect(plan.members.map((m) => m.name)).toEqual([
        'CTO',
        'Head of AI/ML Engineering',
        'Head of Platform Engineering',
        'Head of Integrations',
        'Head of Data Engineering',
        'Head of QA',
      ]);
      expect(tasksPerOwner(plan)).toEqual({
        CTO: 13,
        'Head of Platform Engineering': 68,
        'Head of AI/ML Engineering': 24,
        'Head of Integrations': 21,
        'Head of Data Engineering': 24,
        'Head of QA': 23,
      });
      expect(warnings).toHaveLength(12);
      expect(warnings[0]).toEqual({ line: 1, message: 'no time zone found in the document; assumed UTC' });
    });

    it('turns weekly deliverables into six milestones and has no cadence, ladder or buffers', () => {
      const { plan, unplaced } = load();
      expect(plan.milestones.map((m) => [m.dueDay, m.gateCriteria.length])).toEqual([
        [7, 5],
        [14, 4],
        [21, 8],
        [28, 5],
        [35, 5],
        [42, 7],
      ]);
      expect([plan.rituals.length, plan.ladder.length, plan.buffer.days.length]).toEqual([0, 0, 0]);
      expect(unplaced).toHaveLength(17);
    });
  });

  describe.skipIf(!find('001_'))('001: six-week operations plan in week sections', () => {
    const name = find('001_') ?? '';
    const load = () => importPlanText(readSeed(name), { file: name });

    it('reads 58 tasks owned by two team leads', () => {
      const { plan, warnings } = load();
      expect(plan.tasks).toHaveLength(58);
      expect(tasksPerWeek(plan)).toEqual([9, 10, 9, 10, 10, 10]);
      expect(tasksPerOwner(plan)).toEqual({ 'Head of Infrastructure': 33, 'Head of IT': 25 });
      expect(plan.members.map((m) => m.name)).toEqual(['COO', 'Head of Infrastructure', 'Head of IT']);
      expect(plan.milestones).toHaveLength(6);
      expect(warnings).toHaveLength(3);
      expect([plan.rituals.length, plan.ladder.length, plan.buffer.days.length]).toEqual([0, 0, 0]);
    });
  });
});
