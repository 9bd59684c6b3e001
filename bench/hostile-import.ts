// Hostile and huge plan documents (a script, not a test): each must import or fail cleanly within
// 2 s and 300 MB of extra heap. Prints time, heap growth and the outcome per document.
//   npx tsx bench/hostile-import.ts
import { performance } from 'node:perf_hooks';
import { importPlanText } from '../src/plans/plan-import.js';

const KB = 1024;
const fill = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length));
const lines = (count: number, line: (i: number) => string): string =>
  Array.from({ length: count }, (_, i) => line(i)).join('\n');

const documents: [string, string][] = [
  ['20 KB of nested ">"', `# P\n\n${fill('>', 20 * KB)} - [ ] task\n`],
  ['20 KB of "["', `# P\n\n- [ ] ${fill('[', 20 * KB)}\n`],
  ['20 KB of "*_" emphasis', `# P\n\n## Day 1\n\n- [ ] ship ${fill('*_', 20 * KB)}\n`],
  ['20 KB of "*a" emphasis', `# P\n\n## Day 1\n\n- [ ] ship ${fill('*a', 20 * KB)}\n`],
  ['20 KB of list nesting', `# P\n\n${lines(60, (i) => `${' '.repeat(i * 2)}- item ${i} ${fill('x', 300)}`)}\n`],
  [
    '20 KB of time-like words',
    `# P\n\n${lines(400, (i) => `- ${(i % 12) + 1}:00 PM T-3d Week -12 to Week -8 Day ${i} 10/03/2024 thing`)}\n`,
  ],
  [
    '2 MB checklist (28k tasks)',
    `# Big\n\n## Week 1\n\n${lines(28_000, (i) => `- [ ] Task ${i} for Alex Smith by ${(i % 12) + 1}:00 PM`)}\n`,
  ],
  [
    '2 MB of prose',
    `# Notes\n\n${lines(20_000, (i) => `Paragraph ${i}: the team met and talked about many things without a date.\n`)}`,
  ],
];

console.log('document                        size      time     heap+    outcome');
for (const [name, text] of documents) {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const start = performance.now();
  let outcome: string;
  try {
    outcome = `${importPlanText(text, { file: 'doc.md', today: '2026-12-01' }).plan.tasks.length} tasks`;
  } catch (error) {
    outcome = `refused: ${(error as Error).message.slice(0, 70)}`;
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const mb = (peak - heapBefore) / 1024 / 1024;
  const verdict = seconds <= 2 && mb <= 300 ? 'met' : 'MISSED';
  console.log(
    `${name.padEnd(30)} ${(text.length / KB).toFixed(0).padStart(6)} KB ${seconds.toFixed(2).padStart(6)} s ${mb.toFixed(0).padStart(6)} MB  ${verdict}  ${outcome}`,
  );
}
