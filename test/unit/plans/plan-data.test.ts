import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parsePlanData } from '../../../src/plans/plan-data.js';
import { importPlanText } from '../../../src/plans/plan-import.js';
import { PlanError } from '../../../src/domain/plan-error.js';
import { readFixture } from './seed-helpers.js';

function failure(run: () => unknown): PlanError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('expected a PlanError');
}

describe('canonical YAML plan', () => {
  const { plan, warnings } = importPlanText(readFixture('canonical-plan.yaml'), { file: 'canonical-plan.yaml' });

  it('loads every section with defaults filled in', () => {
    expect(plan.name).toBe('Billing Cleanup');
    expect([plan.timezone, plan.startDate, plan.lengthDays]).toEqual(['America/New_York', '2026-03-02', 14]);
    expect(plan.holidays).toEqual(['2026-03-09']);
    expect(plan.tasks.map((t) => [t.key, t.owner, t.day ?? t.week])).toEqual([
      ['audit', 'grace-hopper', 1],
      ['fix-tax', 'linus-pauling', 3],
      ['report', 'grace-hopper', 2],
    ]);
    expect(plan.tasks[1]).toMatchObject({
      dependsOn: ['audit'],
      dependencies: ['Finance sign-off'],
      checklist: ['Write test', 'Patch', 'Deploy'],
      critical: false,
    });
    expect(plan.milestones).toEqual([
      { key: 'clean-books', name: 'Clean books', dueDay: 14, gateCriteria: ['No open tax tickets'] },
    ]);
    expect(plan.buffer).toEqual({ days: [6, 13], swapRule: 'Pull forward only reviewed work.' });
    expect(plan.rituals.map((r) => [r.kind, r.localTime, r.zone ?? plan.timezone, r.days, r.thread])).toEqual([
      ['standup', '09:00', 'America/New_York', [1, 2, 3, 4, 5], false],
      ['weekly_memo', '16:00', 'Europe/London', [5], false],
    ]);
    expect(plan.ladder.map((t) => [t.target, t.delayMinutes, t.businessHours])).toEqual([
      // Unsaid, a tier's delay counts business hours: a "1 h" must not page someone at 03:00.
      [{ kind: 'member', member: 'grace-hopper' }, 0, true],
      [{ kind: 'role', role: 'sponsor' }, 120, true],
      [{ kind: 'pagerduty', schedule: 'BILLING-P1', member: 'ops-oncall' }, 60, true],
    ]);
    expect(plan.rules).toEqual({
      guestsMayOpenBlockers: false,
      ownerAckStopsEscalation: false,
      slipThresholdBusinessDays: 2,
      slipEscalatesTo: 'alan-turing',
      pushDependantsToBuffer: true,
      rebaselineWhenCriticalSlips: 2,
    });
  });

  it('creates a member for an unknown owner and reports tolerant matches by line', () => {
    expect(plan.members.map((m) => m.key)).toEqual(['grace-hopper', 'alan-turing', 'ops-oncall', 'linus-pauling']);
    expect(warnings).toEqual([
      { line: 27, message: "owner 'Linus Pauling' matches no member; created member 'Linus Pauling'" },
      { line: 34, message: "owner 'grace' matched member 'Grace Hopper' by first name" },
    ]);
  });

  it('round-trips: the canonical output loads back to the same plan', () => {
    const again = parsePlanData(stringify(plan), 'yaml', 'out.yaml');
    expect(again.plan).toEqual(plan);
    expect(again.warnings).toEqual([]);
    const json = parsePlanData(JSON.stringify(plan), 'json', 'out.json');
    expect(json.plan).toEqual(plan);
  });
});

describe('YAML and JSON errors carry the line', () => {
  const base = 'name: P\ntimezone: UTC\ntasks:\n  - key: a\n    title: A\n    day: 1\n';

  it.each([
    ['a YAML syntax error', 'name: P\ntimezone: [UTC\n', 3, /YAML/],
    ['a duplicate YAML key', 'name: P\nname: Q\ntimezone: UTC\n', 2, /unique/i],
    ['an unknown IANA zone', 'name: P\ntimezone: Mars/Olympus\n', 2, /timezone: unknown IANA time zone/],
    ['a misspelt field', `${base}    dependsOnn: [b]\n`, 4, /Unrecognized key/],
    ['an unknown dependency', `${base}    dependsOn: [b]\n`, 7, /depends on unknown task 'b'/],
    ['a bad ritual time', `${base}rituals:\n  - kind: standup\n    localTime: "9am"\n    days: [1]\n`, 9, /HH:mm/],
    ['a list instead of a plan', '- a\n- b\n', 1, /not a plan document/],
  ])('%s', (_name, text, line, message) => {
    const error = failure(() => parsePlanData(text, 'yaml', 'p.yaml'));
    expect([error.code, error.details.file, error.details.line]).toEqual(['import_invalid', 'p.yaml', line]);
    expect(error.message).toMatch(message);
  });

  it('reports a dependency cycle at the dependsOn of the task that starts it', () => {
    const text = `${base}    dependsOn: [b]\n  - key: b\n    title: B\n    day: 2\n    dependsOn: [a]\n`;
    const error = failure(() => parsePlanData(text, 'yaml', 'p.yaml'));
    expect([error.details.line, error.message]).toEqual([
      7,
      'p.yaml:7: tasks[0].dependsOn: dependency cycle: a -> b -> a',
    ]);
  });

  it('reports every problem at once', () => {
    const error = failure(() => parsePlanData('name: ""\ntimezone: Nowhere\nworkingDays: [9]\n', 'yaml', 'p.yaml'));
    expect(error.details.problems).toHaveLength(3);
  });

  it('reports a JSON syntax error by line', () => {
    const error = failure(() => parsePlanData('{\n  "name": "P",\n  "timezone": "UTC",,\n}', 'json', 'p.json'));
    expect([error.code, error.details.line]).toEqual(['import_invalid', 3]);
  });

  it('reports a JSON schema error by line', () => {
    const error = failure(() =>
      parsePlanData('{\n  "name": "P",\n  "timezone": "UTC",\n  "lengthDays": -1\n}', 'json', 'p.json'),
    );
    expect(error.details.line).toBe(4);
  });
});
