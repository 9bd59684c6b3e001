import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPlanText } from '../../../src/plans/plan-import.js';
import { parsePlanData } from '../../../src/plans/plan-data.js';
import { PlanError } from '../../../src/domain/plan-error.js';
import { renderPlanPreview } from '../../../src/plans/plan-preview.js';
import { sprintPlanYaml } from '../../fixtures/sprint-plan.js';

const seed = readFileSync(new URL('../../../../shared/seeds/004_b059b576a3d56f4a.txt', import.meta.url), 'utf8');
const CADENCE = 'Daily stand-up (09:00 PT)';

function imported(text: string) {
  const result = importPlanText(text, { file: 'seed.md', format: 'markdown', startDate: '2026-12-07' });
  return { standups: result.plan.rituals.filter((r) => r.kind === 'standup'), warnings: result.warnings };
}

describe('stand-up settings read from a plan written in prose', () => {
  it('reads who is asked, the reminder delay and the digest time beside the stand-up', () => {
    const { standups } = imported(
      seed.replace(
        CADENCE,
        'Daily stand-up (09:00 PT; everyone posts an update, remind non-responders after 2 hours, digest of the answers at 11:30)',
      ),
    );
    expect(standups).toHaveLength(1);
    expect(standups[0]).toMatchObject({ localTime: '09:00', ask: 'everyone', remindAfter: '2h', digestAt: '11:30' });
  });

  it('reads them from a sentence of their own about the stand-up, and a digest a while after', () => {
    const { standups } = imported(
      seed.replace(
        '**Communication Cadence:**',
        'All members answer the stand-up; we remind anyone silent after 90 minutes and post a summary 3 hours after.\n\n**Communication Cadence:**',
      ),
    );
    expect(standups).toHaveLength(1);
    expect(standups[0]).toMatchObject({ localTime: '09:00', ask: 'everyone', remindAfter: '90m', digestAfter: '3h' });
  });

  it('reads "only owners with tasks due", and leaves the plain stand-up as it was', () => {
    const owners = imported(seed.replace(CADENCE, 'Daily stand-up (09:00 PT, only owners with tasks due)'));
    expect(owners.standups[0]?.ask).toBe('owners');
    const plain = imported(seed).standups[0]!;
    expect(plain).not.toHaveProperty('ask');
    expect(plain).not.toHaveProperty('remindAfter');
    expect(plain).not.toHaveProperty('digestAt');
  });

  it('warns about a digest before the stand-up instead of refusing the document', () => {
    const { standups, warnings } = imported(seed.replace(CADENCE, 'Daily stand-up (09:00 PT, with a digest at 08:00)'));
    expect(standups[0]).not.toHaveProperty('digestAt');
    expect(warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining('the stand-up digest at 08:00 would come before the 09:00 stand-up'),
    );
  });
});

describe('stand-up settings in YAML', () => {
  const withStandup = (fields: string) =>
    sprintPlanYaml.replace(
      '- { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }',
      `- { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5], ${fields} }`,
    );
  const problems = (yaml: string) => {
    try {
      parsePlanData(yaml, 'yaml', 'plan.yaml');
      return [];
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      return (error.details.problems ?? []).map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
    }
  };

  it('accepts ask, remindAfter and digestAt, and the import preview says what they do', () => {
    const { plan, warnings } = parsePlanData(
      withStandup('ask: everyone, remindAfter: 90m, digestAt: "11:00"'),
      'yaml',
      'plan.yaml',
    );
    expect(plan.rituals[0]).toMatchObject({ ask: 'everyone', remindAfter: '90m', digestAt: '11:00' });
    expect(renderPlanPreview(plan, warnings)).toContain(
      'standup: 09:00 America/Los_Angeles, Mon-Fri; asks every member not off, one reminder 1 h 30 min after, digest at 11:00',
    );
    const plain = parsePlanData(sprintPlanYaml, 'yaml', 'plan.yaml');
    expect(renderPlanPreview(plain.plan, plain.warnings)).toContain(
      'standup: 09:00 America/Los_Angeles, Mon-Fri; asks owners with work due, one reminder 1 h after (default), no digest',
    );
  });

  it('refuses, saying how to fix it, a bad duration, two digest times, a digest before the stand-up, or a setting on triage', () => {
    expect(problems(withStandup('remindAfter: soon')).join('\n')).toMatch(/"90m", "2h" or "1h30m"/);
    expect(problems(withStandup('digestAt: "11:00", digestAfter: 2h')).join('\n')).toMatch(/not both/);
    expect(problems(withStandup('digestAt: "08:30"')).join('\n')).toMatch(/before the 09:00 stand-up/);
    const onTriage = sprintPlanYaml.replace(
      '- { kind: triage, localTime: "14:00", days: [1, 2, 3, 4, 5] }',
      '- { kind: triage, localTime: "14:00", days: [1, 2, 3, 4, 5], ask: everyone }',
    );
    expect(problems(onTriage).join('\n')).toMatch(/'ask' is for stand-ups only/);
  });
});
