import { describe, expect, it } from 'vitest';
import { importPlanText } from '../../../src/plans/plan-import.js';
import { readFixture } from './seed-helpers.js';

// The day-table fixture's plan (Mon 6 Jul 2026 start), with holidays written the ways people write them.
const withText = (extra: string) => `${readFixture('day-table.md')}\n${extra}\n`;
const load = (text: string) => importPlanText(text, { file: 'plan.md', startDate: '2026-07-06' });

describe('holidays in a Markdown plan', () => {
  it('reads a prose "Holidays:" line; a date without a year is the next one from the plan start', () => {
    const { plan, unplaced } = load(withText('Holidays: Jul 8, Jul 9'));
    expect(plan.holidays).toEqual(['2026-07-08', '2026-07-09']);
    expect(unplaced.map((u) => u.text).join('\n')).not.toContain('Holidays');
    // Still the same tasks: the holiday line is not a task.
    expect(plan.tasks).toHaveLength(7);
  });

  it('reads a bold label and ISO dates', () => {
    expect(load(withText('**Public holidays:** 2026-07-10 and 2026-07-13')).plan.holidays).toEqual([
      '2026-07-10',
      '2026-07-13',
    ]);
  });

  it('reads a list or a table under a Holidays heading, names alongside', () => {
    const list = load(withText('## Holidays\n\n- Jul 8 — Team offsite\n- Jul 13 to Jul 14: Founders days'));
    expect(list.plan.holidays).toEqual(['2026-07-08', '2026-07-13', '2026-07-14']);
    const table = load(
      withText('## Holidays\n\n| Date | Holiday |\n| --- | --- |\n| Jul 9 | Offsite |\n| 2026-07-10 | Summer day |'),
    );
    expect(table.plan.holidays).toEqual(['2026-07-09', '2026-07-10']);
    expect(table.plan.tasks).toHaveLength(7);
  });

  it('a plan without holidays has none', () => {
    expect(load(readFixture('day-table.md')).plan.holidays).toEqual([]);
  });
});
