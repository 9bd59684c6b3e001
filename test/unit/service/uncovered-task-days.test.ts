import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../src/service/commands/import-plan.js';
import { consoleWorkspace } from '../../../src/service/read-model/workspace-ref.js';

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
