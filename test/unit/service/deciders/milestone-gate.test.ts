import { renderText } from '../../../../src/adapters/console/render-text.js';
import { describe, expect, it } from 'vitest';
import { composeCheckpoint } from '../../../../src/service/deciders/milestone-gate.js';
import { sprintPlanYaml } from '../../../fixtures/sprint-plan.js';
import { importPlanYaml } from '../../../support/store-import.js';
import { acme, fakeService, USER } from '../fake-service.js';
import { PlanNumbers } from '../../../../src/service/read-model/plan-numbers.js';

// Gate "Data ready" on day 4 (Thursday Dec 10): every task due by then is gated (d1–d4).
const milestone = (criteria: string, extra = '') =>
  sprintPlanYaml.replace(
    'tasks:\n',
    `milestones:\n  - { key: data-ready, name: Data ready, dueDay: 4, gateCriteria: [${criteria}] }\n${extra}tasks:\n`,
  );
const THURSDAY = '2026-12-10';

async function checkpoint(yaml: string, before?: (f: Awaited<ReturnType<typeof fakeService>>) => Promise<void>) {
  const f = await fakeService('2026-12-10T16:00:00Z', yaml);
  await before?.(f);
  const message = composeCheckpoint(await f.view(), THURSDAY);
  return message && renderText(message);
}

describe('composeCheckpoint', () => {
  it('has nothing to post on a day without a milestone', async () => {
    const f = await fakeService('2026-12-10T16:00:00Z', milestone('Data ingestion complete'));
    expect(composeCheckpoint(await f.view(), '2026-12-11')).toBeNull();
  });

  it('passes the gate when every gated task is done and every criterion met', async () => {
    const text = await checkpoint(milestone('Data ingestion complete, d4 signed off'), async (f) => {
      await f.run(USER.sam, 'done d1');
      await f.run(USER.priya, 'done d2');
      await f.run(USER.luis, 'done d3');
      await f.run(USER.luis, 'done d4');
    });
    expect(text).toContain('*Gate passed:* every criterion is met.');
    expect(text).toContain('*Met* · Data ingestion complete');
    // A criterion can name its task by key.
    expect(text).toContain('*Met* · d4 signed off');
    expect(text).toContain('4 of 4 gated tasks done.');
  });

  it('counts a task with an open blocker as blocked, whatever its status says', async () => {
    const text = await checkpoint(milestone('Data quality report signed off'), async (f) => {
      const d4 = await f.task('d4');
      const view = await f.view();
      // A blocker opened without touching the task's status (a stand-up on another day, a re-import since).
      await f.store.apply([
        view.openBlocker({
          blockerId: '00000000-0000-4000-8000-000000000001',
          summary: 'no schema',
          taskId: d4.id,
          reporterId: null,
          now: f.clock.now(),
          numbers: new PlanNumbers(view.state),
        }),
      ]);
    });
    expect(text).toContain('*Not met* · Data quality report signed off (d4 blocked)');
    expect(text).toContain('*d4* Data quality · <@U0LUIS> · _blocked_');
  });

  it('leaves cancelled tasks out of the gate', async () => {
    const f = await fakeService('2026-12-08T16:00:00Z', milestone('Budget approved'));
    await importPlanYaml(
      f.store,
      acme,
      milestone('Budget approved').replace('  - { key: d2, title: SEO crawl, owner: priya, day: 2 }\n', ''),
      {
        now: f.clock.now(),
      },
    );
    const text = renderText(composeCheckpoint(await f.view(), THURSDAY)!);
    expect(text).toContain('0 of 3 gated tasks done.');
    expect(text).not.toContain('SEO crawl');
  });

  it('posts two milestones of one day as one message', async () => {
    const text = await checkpoint(
      milestone(
        'Data ingestion complete',
        '  - { key: crawl-done, name: Crawl done, dueDay: 4, gateCriteria: [SEO crawl finished] }\n',
      ),
    );
    expect(text).toContain('Data ready');
    expect(text).toContain('Crawl done');
    expect(text).toContain('*Not met* · SEO crawl finished (d2 late)');
    expect(text).toContain('*Not met* · Data ingestion complete (d3 late)');
    expect(text!.match(/Milestone checkpoint/g)).toHaveLength(2);
  });
});

describe('composeCheckpoint: mentions', () => {
  it('carries the owners of open gated tasks, with their chat ids, so renderers can notify them', async () => {
    const f = await fakeService('2026-12-10T16:00:00Z', milestone('Data ingestion complete'));
    await f.run(USER.sam, 'done d1');
    const message = composeCheckpoint(await f.view(), THURSDAY);
    const named = (message?.mentions ?? []).map((m) => [m.text, m.slack]).sort();
    // d1 is done: Sam owns nothing open at the gate, so he is not named.
    expect(named).toEqual([
      [`<@${USER.luis}>`, USER.luis],
      [`<@${USER.priya}>`, USER.priya],
    ]);
    for (const [text] of named) expect(renderText(message!)).toContain(text);
  });
});
