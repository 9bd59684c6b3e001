import { describe, expect, it } from 'vitest';
import { importPlanText } from '../../../src/plans/plan-import.js';
import { formatWarning } from '../../../src/plans/plan-import-types.js';
import { readFixture, tasksPerOwner } from './seed-helpers.js';

const load = (name: string, startDate?: string) =>
  importPlanText(readFixture(name), { file: name, ...(startDate === undefined ? {} : { startDate }) });

describe('day table layout (When / Task / Who / Output / Depends on / Priority)', () => {
  const result = load('day-table.md', '2026-07-06');
  const { plan, warnings } = result;

  it('reads every row whatever the column order and naming', () => {
    expect(plan.tasks.map((t) => [t.key, t.day, t.owner, t.priority ?? null])).toEqual([
      ['kickoff', 1, 'dana-cho', 'P0'],
      ['payment-api-spike', 2, 'eng-1', 'P1'],
      ['cart-service', 3, 'omar-haddad', 'P1'],
      ['buffer', 5, 'dana-cho', null],
      ['checkout-ui', 6, 'lena-park', 'P2'],
      ['load-test', 7, 'omar-haddad', 'P1'],
      ['launch', 8, 'dana-cho', 'P0'],
    ]);
    expect(plan.tasks.find((t) => t.key === 'cart-service')?.durationDays).toBe(2);
    expect(plan.tasks.find((t) => t.key === 'load-test')?.critical).toBe(true);
    expect(plan.lengthDays).toBe(10);
    expect(plan.buffer.days).toEqual([5]);
  });

  it('matches owners tolerantly and says so with the line', () => {
    expect(tasksPerOwner(plan)).toEqual({ 'Dana Cho': 3, 'Eng #1': 1, 'Omar Haddad': 2, 'Lena Park': 1 });
    const text = warnings.map(formatWarning);
    expect(text).toContain("line 13: owner 'Dana Cho (On-call)' matched member 'Dana Cho'; added role on-call");
    expect(text).toContain("line 16: owner 'Dana' matched member 'Dana Cho' by first name");
    expect(text).toContain("line 12: owner 'Omar Haddad' matches no listed member; created member 'Omar Haddad'");
    expect(text).toContain("line 14: dependency 'Days 3-4 endpoints' linked to 'cart-service'");
    expect(warnings).toHaveLength(12);
  });

  it('reads the explicit time zone, the cadence and the PST-in-summer warning', () => {
    expect(plan.timezone).toBe('America/Los_Angeles');
    expect(plan.rituals.map((r) => [r.kind, r.localTime, r.zone, r.days, r.channel ?? null, r.thread])).toEqual([
      ['standup', '09:30', 'America/Los_Angeles', [1, 2, 3, 4, 5], '#checkout', true],
      ['sync', '14:00', 'America/New_York', [2], null, false],
    ]);
    expect(warnings.map(formatWarning)).toContain(
      "line 29: 'PST' is written, but America/Los_Angeles is on PDT on 2026-07-06; using America/Los_Angeles wall-clock time",
    );
  });

  it('reads a tiered ladder with business hours and a PagerDuty routing key', () => {
    expect(
      plan.ladder.map((t) => [t.label, t.target.kind, t.delayMinutes, t.businessHours, t.channel ?? null]),
    ).toEqual([
      ['Tier 1', 'member', 0, false, '#checkout-war-room'],
      ['Tier 2', 'member', 120, true, null],
      ['Tier 3', 'pagerduty', 30, true, null],
    ]);
    expect(plan.ladder[2]?.target).toEqual({ kind: 'pagerduty', routingKey: 'R0UT1NGKEY', member: 'payments-on-call' });
    expect(plan.rules).toEqual({
      guestsMayOpenBlockers: false,
      ownerAckStopsEscalation: false,
      slipThresholdBusinessDays: 2,
      slipEscalatesTo: 'sponsor',
      pushDependantsToBuffer: false,
    });
  });
});

describe('week sections with team sub-headings', () => {
  const { plan, warnings, unplaced } = load('week-sections.md');

  it('reads checklist items as tasks and ignores fenced examples', () => {
    expect(plan.tasks.map((t) => [t.week, t.title])).toEqual([
      [1, 'Inventory current connectors'],
      [1, 'Provision staging warehouse (critical path)'],
      [1, 'Access granted to source systems'],
      [1, 'Backfill plan drafted'],
      [2, 'Port dbt models'],
      [2, 'Rebuild dashboards'],
      [2, 'Sign off revenue numbers'],
      [3, 'Switch producers to new warehouse'],
    ]);
    expect(plan.tasks.some((t) => /fence/.test(t.title))).toBe(false);
    expect(plan.tasks.find((t) => t.title === 'Backfill plan drafted')?.checklist).toEqual([
      'Orders table',
      'Events table',
    ]);
    expect(plan.tasks.filter((t) => t.critical)).toHaveLength(1);
    expect(plan.lengthDays).toBe(21);
  });

  it('assigns owners from the team overview and warns once per sub-heading', () => {
    expect(tasksPerOwner(plan)).toEqual({ 'Ana Souza': 5, 'Ben Ode': 2, 'VP Data': 1 });
    expect(warnings.map(formatWarning)).toEqual([
      'line 1: no time zone found in the document; assumed UTC',
      "line 20: tasks under 'Ingestion' have no owner; assigned to 'Ana Souza', lead of 'Ingestion Team'",
      "line 25: tasks under 'Pipeline Engineering' have no owner; assigned to 'Ana Souza', lead of 'Ingestion Team' (by its roles)",
      "line 38: tasks under 'Analytics Engineering' have no owner; assigned to 'Ben Ode', lead of 'Analytics Engineering Team'",
      "line 42: tasks under 'Finance Liaison' match no team; assigned to division lead 'VP Data'",
    ]);
  });

  it('turns weekly deliverables into milestones and lists what it could not place', () => {
    expect(plan.milestones.map((m) => [m.name, m.dueDay, m.gateCriteria])).toEqual([
      ['Week 1 Deliverables', 7, ['Connector inventory', 'Staging warehouse live']],
      ['Week 3 Deliverables', 21, ['Old warehouse read-only']],
    ]);
    expect(unplaced.map((u) => [u.line, u.kind])).toEqual([
      [45, 'paragraph'],
      [64, 'list-item'],
    ]);
  });
});

describe('role sections with numbered tasks', () => {
  const { plan, warnings } = load('role-tasks.md');

  it('reads each task with its bold-labelled fields', () => {
    expect(plan.timezone).toBe('Europe/Berlin');
    expect(plan.tasks.map((t) => [t.key, t.owner, t.day, t.priority ?? null, t.durationDays ?? null])).toEqual([
      ['backend-eng-1-task-1', 'backend-eng-1', 1, 'P1', 2],
      ['backend-eng-1-task-2', 'backend-eng-1', 3, 'P2', 1],
      ['ios-engineer-task-1', 'mia-chen', 4, 'P1', 3],
      ['ios-engineer-task-2', 'ios-engineer', 7, null, null],
    ]);
    const migration = plan.tasks[1];
    expect(migration?.checklist).toEqual(['Write the migration', 'Dry-run on staging', 'Run in production']);
    expect(migration?.deliverable).toBe('Migrated schema');
    expect(plan.tasks[0]?.description).toBe('Add v2 routes behind a header.');
    expect(plan.tasks[3]?.checklist).toEqual(['Draft', 'Translate']);
  });

  it('links "Task N" within the role and across roles despite "Eng #1" numbering', () => {
    expect(plan.tasks.map((t) => t.dependsOn)).toEqual([[], ['backend-eng-1-task-1'], ['backend-eng-1-task-2'], []]);
    expect(warnings.map(formatWarning)).toContain(
      "line 28: dependency 'Task 2 (Backend Engineer 1)' linked to 'backend-eng-1-task-2' of role 'Backend Eng #1'",
    );
  });

  it('reads a weekly memo and a Thursday sync from prose', () => {
    expect(plan.rituals.map((r) => [r.kind, r.localTime, r.zone, r.days])).toEqual([
      ['weekly_memo', '16:00', 'Europe/Berlin', [5]],
      ['sync', '11:00', 'Europe/Berlin', [4]],
    ]);
  });
});

describe('work streams with milestones and ritual sections', () => {
  const { plan, warnings, unplaced } = load('streams-milestones.md', '2026-01-05');

  it('reads stream weeks with the stream owner and priority', () => {
    expect(plan.tasks.map((t) => [t.stream, t.week, t.owner, t.priority])).toEqual([
      ['Identity', 1, 'kofi-mensah', 'High'],
      ['Identity', 1, 'kofi-mensah', 'High'],
      ['Identity', 2, 'kofi-mensah', 'High'],
      ['Network', 2, 'sara-lind', 'Medium'],
      ['Network', 3, 'sara-lind', 'Medium'],
    ]);
    expect(plan.members.find((m) => m.key === 'sara-lind')?.roles).toEqual(['lead']);
  });

  it('reads milestones with gate criteria as heading and as bold line', () => {
    expect(plan.milestones).toEqual([
      {
        key: 'milestone-identity-baseline',
        name: 'Identity Baseline',
        dueDay: 14,
        dueWeek: 2,
        gateCriteria: ['100% of admins on SSO', 'No keys older than 90 days'],
      },
      {
        key: 'milestone-network-cut-over',
        name: 'Network Cut-over',
        dueDay: 24,
        gateCriteria: ['Legacy VPN closed', 'Runners isolated'],
      },
    ]);
  });

  it('reads ritual sections with days, channel and questions', () => {
    expect(plan.rituals).toEqual([
      {
        kind: 'standup',
        name: 'Daily Standups',
        localTime: '10:15',
        zone: 'Europe/Berlin',
        days: [1, 2, 3, 4],
        channel: '#sec-standup',
        questions: ['What did you finish?', 'What blocks you?'],
        thread: false,
        dm: false,
      },
      {
        kind: 'triage',
        name: 'Blocker Triage',
        localTime: '15:00',
        zone: 'Europe/Berlin',
        days: [1, 2, 3, 4, 5],
        questions: [],
        thread: false,
        dm: false,
      },
    ]);
    // CET in January is right, so no season warning; only the two invented owners.
    expect(warnings).toHaveLength(2);
    expect(unplaced).toEqual([]);
  });
});
