import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../src/service/commands/import-plan.js';
import { consoleWorkspace } from '../../../src/service/read-model/workspace-ref.js';
import { parsePlanData } from '../../../src/plans/plan-data.js';
import { uncoveredTaskDays } from '../../../src/service/deciders/uncovered-task-days.js';
import { buildPlanSnapshot } from '../../../src/service/read-model/plan-snapshot.js';
import { sprintPlanYaml } from '../../fixtures/sprint-plan.js';

const now = new Date('2026-12-01T12:00:00Z');
const parse = (text: string) =>
  parseImport({ text, file: 'plan.md', startDate: '2026-12-07', workspace: consoleWorkspace, importedBy: 'test' }, now);

describe('tasks due on a day no ritual asks about', () => {
  it('are named in the preview when the stand-up runs on weekdays only', () => {
    const { result } = parse(
      '# Sprint\n\nDaily stand-up at 09:00 on weekdays.\n\n## Day 2\n\n- [ ] Write the spec\n\n## Day 7\n\n- [ ] Sunday deploy\n',
    );
    expect(result.warnings).toContainEqual({
      line: 1,
      message: expect.stringMatching(
        /^1 task\(s\) fall on days no stand-up or check-in runs, .*: Sunday deploy \(Sun 2026-12-13\)$/,
      ),
    });
  });

  it('say nothing when every due day has a stand-up, or the plan has no ritual at all', () => {
    const covered = parse('# Sprint\n\nDaily stand-up at 09:00 every day.\n\n## Day 7\n\n- [ ] Sunday deploy\n');
    expect(covered.result.warnings.some((w) => /no stand-up or check-in/.test(w.message))).toBe(false);
    const silent = parse('# Sprint\n\n## Day 7\n\n- [ ] Sunday deploy\n');
    expect(silent.result.warnings.some((w) => /no stand-up or check-in/.test(w.message))).toBe(false);
  });
});

describe('tasks on buffer days', () => {
  // The sprint plan's buffer days are Saturdays Dec 12 and 19 (plan days 6 and 13).
  const snapshot = (yaml: string) => buildPlanSnapshot(parsePlanData(yaml, 'yaml', 'plan.yaml').plan, now);
  const onSaturday = sprintPlanYaml.replace(
    '  - { key: d8,',
    '  - { key: d6, title: Buffer clean-up, owner: luis, day: 6 }\n  - { key: d8,',
  );

  it('are covered by a weekend check-in that runs on the buffer days', () => {
    expect(uncoveredTaskDays(snapshot(onSaturday))).toBeUndefined();
  });

  it('are named when no check-in runs then, and past three the rest are counted', () => {
    const noCheckin = onSaturday.replace(
      '  - { kind: weekend_checkin, localTime: "11:00", days: [6, 7], thread: true }\n',
      '',
    );
    expect(uncoveredTaskDays(snapshot(noCheckin))?.message).toMatch(
      /^1 task\(s\) .*: Buffer clean-up \(Sat 2026-12-12\)$/,
    );
    const many = noCheckin.replace(
      '  - { key: d8,',
      [7, 13, 14].map((day) => `  - { key: w${day}, title: Weekend ${day}, day: ${day} }\n`).join('') +
        '  - { key: d8,',
    );
    expect(uncoveredTaskDays(snapshot(many))?.message).toMatch(
      /^4 task\(s\) .*: Buffer clean-up \(Sat 2026-12-12\), Weekend 7 \(Sun 2026-12-13\), Weekend 13 \(Sat 2026-12-19\) and 1 more$/,
    );
  });
});
