import { readFileSync } from 'node:fs';
import { importPlanText } from './src/plans/plan-import.js';
const f = process.argv[2]!;
const r = importPlanText(readFileSync(f, 'utf8'), { file: f, today: '2026-12-01', startDate: '2026-12-07' });
for (const t of r.plan.tasks.filter((t) => t.buffer || /buffer/i.test(t.title))) console.log(JSON.stringify(t).slice(0, 300));
console.log(r.plan.buffer);
