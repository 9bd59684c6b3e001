import { readFileSync } from 'node:fs';
import { importPlanText } from './src/plans/plan-import.js';
const f = process.argv[2]!;
const r = importPlanText(readFileSync(f, 'utf8'), { file: f, today: '2026-12-01' });
for (const t of r.plan.tasks) console.log(JSON.stringify({ t: t.title.slice(0, 60), o: t.owner, d: t.date, day: t.day, w: t.week, off: t.offset, tm: t.time }));
for (const x of r.plan.rituals) console.log('RIT', JSON.stringify(x));
for (const x of r.plan.ladder) console.log('TIER', JSON.stringify(x));
console.log('members', r.plan.members.map((m) => m.name).join(' | '));
for (const w of r.warnings) console.log('W', w.line, w.message);
