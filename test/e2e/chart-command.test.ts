import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { consoleWorkspace } from '../../src/service/read-model/workspace-ref.js';
import { openDatabase } from '../../src/store/database.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { runInProcess } from '../support/cli-harness.js';
import { createTestApp } from '../support/test-app.js';

const workdir = () => mkdtempSync(join(tmpdir(), 'planbot-chart-'));

/** The sprint plan imported into the folder's embedded database, with Kickoff done on day 1. */
async function importedSprint(cwd: string) {
  writeFileSync(join(cwd, 'plan.yaml'), sprintPlanYaml);
  const imported = await runInProcess(['import', 'plan.yaml'], { cwd });
  expect(imported.code).toBe(0);
  const database = await openDatabase({ kind: 'pglite', dataDir: join(cwd, 'var/data') });
  try {
    const app = createTestApp(database, '2026-12-07T23:00:00Z');
    await app.run(consoleWorkspace, 'sam', 'd1 done');
  } finally {
    await database.close();
  }
}

describe('planbot chart', () => {
  it('writes the plan chart as a 1000×600 PNG and says where', async () => {
    const cwd = workdir();
    await importedSprint(cwd);
    const { code, stdout } = await runInProcess(['chart', 'checkout sprint', '--out', 'sprint.png'], {
      cwd,
      now: '2026-12-09T20:00:00Z',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Wrote the chart of "Checkout sprint" to sprint.png (1000×600 PNG).');
    const image = PNG.sync.read(readFileSync(join(cwd, 'sprint.png')));
    expect([image.width, image.height]).toEqual([1000, 600]);
  }, 120_000);

  it('names the plans there are when none matches, and explains a bad --week, writing nothing', async () => {
    const cwd = workdir();
    await importedSprint(cwd);
    const missing = await runInProcess(['chart', 'launch'], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      '"launch" (workspace Local console): no plan by that name. Plans here: "Checkout sprint".',
    );
    const week = await runInProcess(['chart', 'Checkout sprint', '--week', '9'], { cwd });
    expect(week.code).toBe(2);
    expect(week.stderr).toContain(
      '--week 9: "Checkout sprint" has 2 weeks (2026-12-07 to 2026-12-14); give a week from 1 to 2.',
    );
    const notPng = await runInProcess(['chart', 'Checkout sprint', '--out', 'chart.svg'], { cwd });
    expect(notPng.code).toBe(2);
    expect(notPng.stderr).toContain('--out chart.svg: the chart is a PNG; end the name with .png.');
    expect(existsSync(join(cwd, 'plan-chart.png'))).toBe(false);
  }, 120_000);
});
