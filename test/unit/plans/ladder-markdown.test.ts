import { describe, expect, it } from 'vitest';
import { importPlanText } from '../../../src/plans/plan-import.js';
import { parsePlanData } from '../../../src/plans/plan-data.js';
import { isPlanError } from '../../../src/domain/plan-error.js';
import { sprintPlanYaml } from '../../fixtures/sprint-plan.js';

const plan = (body: string) =>
  importPlanText(`# Launch sprint\n\n**Time zone:** PT\n\n${body}`, { file: 'plan.md', startDate: '2026-12-07' }).plan;

const schedule = `| Day | Task | Owner |
| --- | --- | --- |
| Day 1 | Kickoff | Sam Jackson (Project Lead) |
| Day 2 | Crawl | Priya Mehta |

**Communication Cadence:** Daily stand-up (09:00 PT) and blocker triage windows at 14:00 PT on weekdays.
`;

describe('PagerDuty tiers in Markdown escalation contacts', () => {
  it('reads "page on-call via PagerDuty" as a page naming nobody, not as a member called "page on-call"', () => {
    const result = plan(`${schedule}
**Escalation Contacts:**
- **Primary:** Sam Jackson — Project Lead (Slack \`@sam\`)
- **Secondary:** Alex Rivera — Executive Sponsor
- **Tertiary:** page on-call via PagerDuty

Blockers escalate immediately to Sam Jackson and, if unresolved within 4 hours, to Alex Rivera; after 1 hour, page on-call via PagerDuty.
`);
    expect(result.ladder.map((t) => [t.label, t.target, t.delayMinutes])).toEqual([
      ['Primary', { kind: 'member', member: 'sam-jackson' }, 0],
      ['Secondary', { kind: 'member', member: 'alex-rivera' }, 240],
      ['Tertiary', { kind: 'pagerduty' }, 60],
    ]);
    expect(result.members.map((m) => m.name)).not.toContain('page on-call via PagerDuty');
  });

  it('keeps the person who answers the page and the schedule the plan names (seed 004 wording)', () => {
    const result = plan(`${schedule}
**Escalation Contacts:**
- **Primary:** Sam Jackson — Project Lead
- **Tertiary:** Taylor Brooks — SRE On-Call (PagerDuty schedule \`AIML-Auto\`).
- **Tier 4:** PagerDuty — SRE manager (service \`aiml-platform\`)
`);
    expect(result.ladder.map((t) => t.target)).toEqual([
      { kind: 'member', member: 'sam-jackson' },
      { kind: 'pagerduty', schedule: 'AIML-Auto', member: 'taylor-brooks' },
      { kind: 'pagerduty', schedule: 'aiml-platform' },
    ]);
  });

  it('adds a page tier from prose alone, timed by the sentence', () => {
    const result = plan(`${schedule}
Blockers escalate immediately to Sam Jackson (Project Lead); if unresolved after 2 hours, page the SRE on-call through PagerDuty.
`);
    expect(result.ladder.map((t) => [t.target.kind, t.delayMinutes])).toEqual([
      ['member', 0],
      ['pagerduty', 120],
    ]);
  });
});

describe('"tier 1 at the next triage window"', () => {
  it('is read from the plan prose; without it tier 1 stays at once', () => {
    const waits = plan(`${schedule}
Blockers reach tier 1 at the next triage window; unresolved ones escalate to Alex Rivera after 4 hours.
`);
    expect(waits.rules.firstTierAt).toBe('next_triage');
    expect(plan(schedule).rules.firstTierAt).toBeUndefined();
  });

  it('is refused without a triage ritual, with a message that says how to fix it', () => {
    const yaml = sprintPlanYaml
      .replace('  - { kind: triage, localTime: "14:00", days: [1, 2, 3, 4, 5] }\n', '')
      .replace('pushDependantsToBuffer: true }', 'pushDependantsToBuffer: true, firstTierAt: next_triage }');
    expect(yaml).toContain('firstTierAt');
    let error: unknown;
    try {
      parsePlanData(yaml, 'yaml', 'plan.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(isPlanError(error)).toBe(true);
    expect((error as Error).message).toMatch(/no triage ritual; add one/);
  });
});

describe('when a ladder delay counts', () => {
  const contacts = `**Escalation Contacts:**
- **Primary:** Sam Jackson — Project Lead
- **Secondary:** Alex Rivera — Executive Sponsor
`;
  const hoursOf = (sentence: string) =>
    plan(`${schedule}\n${contacts}\n${sentence}\n`).ladder.map((t) => [t.delayMinutes, t.businessHours]);

  it('counts a bare "4 hours" in business hours, so nobody is paged at 03:00 for it', () => {
    expect(
      hoursOf('Blockers escalate immediately to Sam Jackson and, if unresolved within 4 hours, to Alex Rivera.'),
    ).toEqual([
      [0, false],
      [240, true],
    ]);
  });

  it('counts it any time when the plan says so, or is about weekend or night blockers', () => {
    for (const sentence of [
      'Blockers escalate immediately to Sam Jackson and, if unresolved within 4 hours (24/7), to Alex Rivera.',
      'Blockers escalate immediately to Sam Jackson and, if unresolved within 4 hours at any time, to Alex Rivera.',
      'Weekend blockers escalate immediately to Sam Jackson and, if unresolved within 4 hours, to Alex Rivera.',
    ])
      expect(hoursOf(sentence)).toEqual([
        [0, false],
        [240, false],
      ]);
  });

  it('says in the preview which, and in whose time zone', async () => {
    const { renderPlanPreview } = await import('../../../src/plans/plan-preview.js');
    const text = `${schedule}
**Escalation Contacts:**
- **Primary:** Sam Jackson — Project Lead
- **Secondary:** Alex Rivera — Executive Sponsor

Blockers escalate immediately to Sam Jackson and, if unresolved within 4 hours, to Alex Rivera.
`;
    const { plan: read, warnings } = importPlanText(`# Launch sprint\n\n**Time zone:** PT\n\n${text}`, {
      file: 'plan.md',
      startDate: '2026-12-07',
    });
    expect(renderPlanPreview(read, warnings)).toContain(
      'Secondary: Alex Rivera, after 4 h, counted in business hours (09:00–17:00 Mon-Fri, America/Los_Angeles)',
    );
    const anyTime = { ...read, ladder: read.ladder.map((t) => ({ ...t, businessHours: false })) };
    expect(renderPlanPreview(anyTime, warnings)).toContain(
      'Secondary: Alex Rivera, after 4 h, any time (nights and weekends too)',
    );
  });
});
