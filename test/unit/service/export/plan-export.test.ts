import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { planYaml } from '../../../../src/cli/plan-yaml.js';
import { parsePlanData } from '../../../../src/plans/plan-data.js';
import { currentPlanDocument } from '../../../../src/service/export/current-plan-document.js';
import { planIcs } from '../../../../src/service/export/plan-ics.js';
import { tasksCsv } from '../../../../src/service/export/tasks-csv.js';
import { buildPlanSnapshot } from '../../../../src/service/read-model/plan-snapshot.js';
import { fakeService, USER } from '../fake-service.js';
import { cutoverPlanYaml, icsEvents } from './export-fixture.js';

// Monday 26 Oct 2026, 08:00 in Los Angeles: the plan's first morning.
const START = '2026-10-26T15:00:00Z';

/** The fixture plan after a day of work: t1 done, and t2 moved to the buffer Saturday as an approved re-plan moves it. */
async function workedPlan() {
  const f = await fakeService(START, cutoverPlanYaml);
  await f.run(USER.sam, 'done t1');
  const t2 = await f.task('t2');
  await f.store.apply([{ type: 'task.update', taskId: t2.id, data: { dueDate: '2026-10-31' } }]);
  return f;
}

describe('CSV export', () => {
  it('has a header and one row per task, quoting commas and quotes and defusing a formula', async () => {
    const f = await workedPlan();
    const lines = tasksCsv(await f.view())
      .trimEnd()
      .split('\n');
    expect(lines).toEqual([
      'key,title,owner,owner_email,stream,plan_day,due_date,planned_date,status,depends_on,deliverable,priority,critical',
      't1,"Draft ""Go, no-go"" memo",Sam Jackson,sam@example.com,Ops,1,2026-10-26,2026-10-26,done,,Memo for the board,P0,no',
      't3,"\'=HYPERLINK(""http://evil.example"")","Mehta, Priya",,,5,2026-10-30,2026-10-30,todo,t2,,,no',
      // Moved by the re-plan: due on the buffer Saturday (day 6), still measured against day 2.
      't2,Rehearse cutover,"Mehta, Priya",,,6,2026-10-31,2026-10-27,todo,t1,,,no',
      't4,Cut over,Sam Jackson,sam@example.com,,8,2026-11-02,2026-11-02,todo,t3,,,yes',
    ]);
  });
});

describe('ICS export', () => {
  it("holds each ritual firing over the plan, the milestone and the tasks' due dates", async () => {
    const f = await workedPlan();
    const events = icsEvents(planIcs(await f.view(), new Date(START)));
    const titled = (part: string) => events.filter((e) => e.get('SUMMARY')!.includes(part));
    // Weekdays 26 Oct – 4 Nov less the holiday on the 28th: 7 stand-ups and 7 triage windows.
    expect(titled('Stand-up')).toHaveLength(7);
    expect(titled('Blocker triage')).toHaveLength(7);
    expect(titled('Weekend check-in').map((e) => e.get('DTSTART'))).toEqual(['20261031T180000Z']);
    expect(titled('Milestone: Cutover ready').map((e) => e.get('DTSTART;VALUE=DATE'))).toEqual(['20261030']);
    expect(events).toHaveLength(7 + 7 + 1 + 1 + 4);
    expect(titled('Done: Draft "Go, no-go" memo (Sam Jackson)')).toHaveLength(1);
    expect(titled('Due: Rehearse cutover').map((e) => e.get('DTSTART;VALUE=DATE'))).toEqual(['20261031']);
  });

  it('keeps the stand-up at 09:00 in Los Angeles across the end of DST, as UTC instants', async () => {
    const f = await fakeService(START, cutoverPlanYaml);
    const standups = icsEvents(planIcs(await f.view(), new Date(START))).filter((e) =>
      e.get('SUMMARY')!.endsWith('Stand-up'),
    );
    const starts = standups.map((e) => e.get('DTSTART')!);
    // Friday before the change is PDT (UTC-7), Monday after it PST (UTC-8).
    expect(starts).toContain('20261030T160000Z');
    expect(starts).toContain('20261102T170000Z');
    expect(starts).not.toContain('20261028T160000Z');
    const local = starts.map((s) =>
      DateTime.fromFormat(s, "yyyyMMdd'T'HHmmss'Z'", { zone: 'UTC' }).setZone('America/Los_Angeles').toFormat('HH:mm'),
    );
    expect(new Set(local)).toEqual(new Set(['09:00']));
  });

  it('gives the same UIDs on every export, so a subscribed calendar moves a task instead of adding one', async () => {
    const f = await fakeService(START, cutoverPlanYaml);
    const before = icsEvents(planIcs(await f.view(), new Date(START)));
    const t2 = await f.task('t2');
    await f.store.apply([{ type: 'task.update', taskId: t2.id, data: { dueDate: '2026-10-31' } }]);
    const after = icsEvents(planIcs(await f.view(), new Date('2026-10-27T20:00:00Z')));
    const uids = (events: Map<string, string>[]) => events.map((e) => e.get('UID')).sort();
    expect(uids(after)).toEqual(uids(before));
    expect(new Set(after.map((e) => e.get('UID'))).size).toBe(after.length);
    const moved = after.find((e) => e.get('UID')!.startsWith('task-t2.'))!;
    expect(moved.get('DTSTART;VALUE=DATE')).toBe('20261031');
    expect(moved.get('UID')).toBe(`task-t2.${f.planId}@planbot`);
  });
});

describe('YAML export', () => {
  it('writes the moved date and the statuses, and imports back to the dates the plan has now', async () => {
    const f = await workedPlan();
    const { document, taskNotes } = currentPlanDocument(await f.view(), new Date(START));
    const text = planYaml(document, { taskNotes });
    expect(text).toContain('key: t1 # status: done\n');
    expect(text).toContain('key: t2 # status: todo; moved from 2026-10-27 (day 2)\n');

    const reread = parsePlanData(text, 'yaml', 'plan.yaml');
    const dates = buildPlanSnapshot(reread.plan, new Date(START)).tasks.map((t) => [t.key, t.dueDate] as const);
    const stored = (await f.state()).tasks.map((t) => [t.key, t.dueDate] as const);
    expect(new Map(dates)).toEqual(new Map(stored));
    expect(reread.plan.tasks.find((t) => t.key === 't2')).toMatchObject({ date: '2026-10-31' });
    expect(reread.plan.tasks.find((t) => t.key === 't2')!.day).toBeUndefined();
    expect(reread.warnings).toEqual([]);
  });
});
