import { beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../../../src/adapters/console/render-text.js';
import { confirmChatImport, type PendingImport } from '../../../../src/service/commands/chat-import.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { importPlanYaml } from '../../../support/store-import.js';
import { acme, fakeService, USER, type FakeService } from '../fake-service.js';

// d3 (due Wednesday) slipped by Friday 09:00 PST; proposal #1 moves d4 and d5 to the buffer day,
// Saturday Dec 12, and the lead approves it. Then the lead re-imports the document.
const typoFixed = sprintPlanYaml.replace('title: Kickoff', 'title: Kick-off');

describe('re-importing after an approved re-plan', () => {
  let f: FakeService;
  beforeEach(async () => {
    f = await fakeService('2026-12-07T16:00:00Z');
    await f.run(USER.sam, 'done d1');
    await f.run(USER.priya, 'done d2');
    await f.tickAt('2026-12-11T17:00:00Z');
    await f.say(USER.sam, 'replan approve 1');
    expect((await f.task('d4')).dueDate).toBe('2026-12-12');
  });

  const reimport = (yaml: string) => importPlanYaml(f.store, acme, yaml, { now: f.clock.now() });

  it('keeps the approved moves when the document did not change those dates, and says so', async () => {
    const saved = await reimport(typoFixed);
    expect((await f.task('d1')).title).toBe('Kick-off');
    expect((await f.task('d4')).dueDate).toBe('2026-12-12');
    expect((await f.task('d5')).dueDate).toBe('2026-12-12');
    // The variance does not show the move undone.
    expect(saved.variance?.moved).toEqual([]);
    expect(saved.kept.map((k) => [k.key, k.date, k.replan])).toEqual([
      ['d4', '2026-12-12', 1],
      ['d5', '2026-12-12', 1],
    ]);
  });

  it('lets the document win for a task whose date it changed', async () => {
    const saved = await reimport(
      typoFixed.replace('title: Data quality, owner: luis, day: 4', 'title: Data quality, owner: luis, day: 9'),
    );
    expect((await f.task('d4')).dueDate).toBe('2026-12-15');
    expect((await f.task('d5')).dueDate).toBe('2026-12-12');
    expect(saved.kept.map((k) => k.key)).toEqual(['d5']);
    expect(saved.variance?.moved.map((m) => [m.key, m.from, m.to])).toEqual([['d4', '2026-12-12', '2026-12-15']]);
  });

  it('still keeps them on the re-import after that', async () => {
    await reimport(typoFixed);
    const saved = await reimport(typoFixed.replace('title: SEO crawl', 'title: SEO crawl (site)'));
    expect((await f.task('d4')).dueDate).toBe('2026-12-12');
    expect(saved.variance?.moved).toEqual([]);
    expect(saved.kept.map((k) => k.key)).toEqual(['d4', 'd5']);
  });

  it('names the kept moves in the chat import reply', async () => {
    const pending: PendingImport = {
      workspace: acme,
      requestedBy: USER.sam,
      fileName: 'plan.yaml',
      text: typoFixed,
      expiresAt: new Date('2027-01-01T00:00:00Z'),
    };
    const reply = await confirmChatImport(
      {
        plans: f.store,
        versions: f.store,
        pending: { save: async () => 'p1', take: async () => pending },
        clock: f.clock,
      },
      f.ctx(USER.sam, 'C-ACME'),
      'p1',
      false,
    );
    expect(renderText(reply)).toContain(
      'kept 2 approved moves: d4 Data quality stays on Sat 12 Dec (re-plan #1); d5 Blueprint stays on Sat 12 Dec (re-plan #1)',
    );
    expect((await f.task('d4')).dueDate).toBe('2026-12-12');
  });
});
