import { describe, expect, it } from 'vitest';
import { importPlanText } from '../../../src/plans/plan-import.js';
import { PlanError } from '../../../src/domain/plan-error.js';

function importError(text: string, file = 'plan.md'): PlanError {
  try {
    importPlanText(text, { file });
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

const table = (rows: string[], header = '| Key | Day | Task | Owner | Depends on |'): string =>
  ['# Sprint', '', header, '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n');

describe('bad Markdown input is refused with file and line', () => {
  const cases: { name: string; text: string; line: number; message: RegExp }[] = [
    { name: 'an empty file', text: '  \n\n', line: 1, message: /file is empty/ },
    { name: 'binary data', text: '# Plan\n\nhello\u0000\u0001', line: 3, message: /NUL bytes/ },
    {
      name: 'a non-plan document',
      text: '# Banana bread\n\nMix flour and bananas.\n',
      line: 1,
      message: /not a plan document/,
    },
    {
      name: 'an unknown time zone field',
      text: table(['| a | 1 | Write | Ann | |']).replace('# Sprint\n', '# Sprint\n\n**Time zone:** Mars/Olympus\n'),
      line: 3,
      message: /unknown time zone 'Mars\/Olympus'/,
    },
    {
      name: 'an unknown zone abbreviation on a ritual',
      text: `${table(['| a | 1 | Write | Ann | |'])}\nDaily stand-up at 09:00 XST.\n`,
      line: 7,
      message: /unknown time zone 'XST'/,
    },
    {
      name: 'a dependency cycle',
      text: table(['| a | 1 | Write | Ann | c |', '| b | 2 | Review | Ann | a |', '| c | 3 | Ship | Ann | b |']),
      line: 5,
      message: /dependency cycle: a -> c -> b -> a/,
    },
    {
      name: 'duplicate task keys',
      text: table(['| a | 1 | Write | Ann | |', '| a | 2 | Review | Ann | |']),
      line: 6,
      message: /duplicate task key 'a'/,
    },
    {
      name: 'a role with the same task number twice',
      text: '# Plan\n\n### Role: Dev\n\n#### Task 1: Build\n**Day:** 1\n\n#### Task 1: Test\n**Day:** 2\n',
      line: 8,
      message: /duplicate task key 'dev-task-1'/,
    },
  ];

  it.each(cases)('$name', ({ text, line, message }) => {
    const error = importError(text);
    expect(error.code).toBe('import_invalid');
    expect(error.details.file).toBe('plan.md');
    expect(error.details.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it('refuses a file over 2 MB before parsing it', () => {
    const error = importError(`# Plan\n\n${'x'.repeat(2 * 1024 * 1024)}`);
    expect([error.code, error.details.line]).toEqual(['import_invalid', 1]);
    expect(error.message).toMatch(/limited to 2097152 bytes/);
  });

  it('refuses an unknown file extension', () => {
    expect(importError('name: x', 'plan.docx').message).toMatch(/unknown plan format 'docx'/);
  });

  it('refuses a start date that is not an ISO date', () => {
    expect(() => importPlanText('# P', { file: 'p.md', startDate: '07/12/2026' })).toThrow(PlanError);
  });

  it('creates a member for an owner nobody listed, with a warning', () => {
    const { plan, warnings } = importPlanText(table(['| a | 1 | Write | Zoë Ng | |']), { file: 'plan.md' });
    expect(plan.members.map((m) => [m.key, m.name])).toEqual([['zoe-ng', 'Zoë Ng']]);
    expect(warnings).toContainEqual({
      line: 5,
      message: "owner 'Zoë Ng' matches no listed member; created member 'Zoë Ng'",
    });
  });
});
