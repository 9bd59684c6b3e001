// Import benchmark (a script, not a test): a generated 5,000-task plan, parsed from Markdown and
// from YAML, then stored on an in-memory PGlite. Targets (issue #12): parse ≤ 1 s, store ≤ 3 s on PGlite.
//   npx tsx bench/import.ts [tasks]
import { PGlite } from '@electric-sql/pglite';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { importPlanText } from '../src/plans/plan-import.js';
import { buildPlanSnapshot } from '../src/service/read-model/plan-snapshot.js';
import { consoleWorkspace } from '../src/service/read-model/workspace-ref.js';
import { wrapPglite } from '../src/store/database.js';
import { applyMigrations } from '../src/store/migrator.js';
import { savePlanVersion } from '../src/store/plan-repository.js';

const TASKS = Number(process.argv[2] ?? 5000);
const OWNERS = 40;
const DAYS = 120;

function markdownPlan(): string {
  const rows = Array.from({ length: TASKS }, (_, i) => {
    const day = (i % DAYS) + 1;
    const dep = day > 1 && i % 20 === 0 ? `Day ${day - 1}` : '—';
    return `| Day ${day} | Task ${i + 1} focus | Deliverable ${i + 1} | ${dep} | Owner ${i % OWNERS} (Engineer) |`;
  });
  return [
    `# Bench plan · ${TASKS} tasks`,
    '',
    '## Schedule',
    '| Day | Focus | Deliverable | Dependencies | Owner |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '**Communication Cadence:** Daily stand-up (09:00 PT) and blocker triage windows at 14:00 PT on weekdays.',
  ].join('\n');
}

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, (performance.now() - start) / 1000];
};

const md = markdownPlan();
const [fromMarkdown, mdSeconds] = await time(() => importPlanText(md, { file: 'bench.md', startDate: '2026-12-07' }));
const yamlText = stringify(fromMarkdown.plan);
const [fromYaml, yamlSeconds] = await time(() => importPlanText(yamlText, { file: 'bench.yaml' }));
const [snapshot, snapshotSeconds] = await time(() =>
  buildPlanSnapshot(fromYaml.plan, new Date('2026-12-01T00:00:00Z')),
);

const pglite = await PGlite.create({ dataDir: 'memory://' });
const db = wrapPglite(pglite);
await applyMigrations(db.migrationFactory());
const [, storeSeconds] = await time(() =>
  savePlanVersion(db.prisma, consoleWorkspace, snapshot, {
    sourceName: 'bench',
    importedBy: 'bench',
    at: new Date('2026-12-01T00:00:00Z'),
  }),
);
// Re-importing the same plan updates every task in place: the slow path of a re-baseline.
const [, restoreSeconds] = await time(() =>
  savePlanVersion(db.prisma, consoleWorkspace, snapshot, {
    sourceName: 'bench',
    importedBy: 'bench',
    at: new Date('2026-12-01T00:00:00Z'),
  }),
);
await db.close();

const row = (label: string, seconds: number, target?: number) =>
  console.log(
    `${label.padEnd(34)} ${seconds.toFixed(2).padStart(6)} s${target ? `   (target ≤ ${target} s: ${seconds <= target ? 'met' : 'MISSED'})` : ''}`,
  );
console.log(
  `tasks: ${fromYaml.plan.tasks.length}, Markdown ${(md.length / 1024).toFixed(0)} KiB, YAML ${(yamlText.length / 1024).toFixed(0)} KiB`,
);
row('parse Markdown', mdSeconds, 1);
row('parse YAML (canonical)', yamlSeconds, 2);
row('resolve dates and rituals', snapshotSeconds);
row('store on PGlite (new plan)', storeSeconds, 3);
row('store on PGlite (re-import)', restoreSeconds);
console.log(`ratio Markdown / YAML parse: ${(mdSeconds / yamlSeconds).toFixed(1)}×`);
process.exit(0);
