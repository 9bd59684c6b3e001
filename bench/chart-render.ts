// Micro-benchmark (a script, not a test): renders the plan chart of a 4-week, 60-task plan part-way
// through, at the full size (1000 × 600) and at the smaller size the Teams card carries. Prints the
// first render (WASM and fonts loading), the mean of the next ones, and the PNG sizes.
//   npx tsx bench/chart-render.ts [out.png]
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { VegaChartRenderer } from '../src/charts/vega-chart-renderer.js';
import { TEAMS_CHART_SIZE } from '../src/charts/chart-sizes.js';
import { createPlanCalendar } from '../src/domain/calendar.js';
import { addDays } from '../src/domain/iso-date.js';
import { planChartData } from '../src/domain/plan-chart-data.js';
import type { PlanChart } from '../src/service/read-model/plan-chart.js';

const zone = 'America/Los_Angeles';
const calendar = createPlanCalendar({ zone, startDate: '2026-12-07', bufferDays: [6, 7, 13, 14, 20, 21] });
const now = DateTime.fromISO('2026-12-18T18:00', { zone });
const tasks = Array.from({ length: 60 }, (_, i) => {
  const day = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26][i % 20]!;
  const planned = calendar.dateOfPlanDay(day);
  const late = i % 7 === 3;
  const open = planned >= '2026-12-17' || i % 11 === 5;
  return {
    key: `t${i}`,
    plannedDate: planned,
    dueDate: late ? addDays(planned, 2) : planned,
    status: open ? ('todo' as const) : ('done' as const),
    doneAt: open ? null : DateTime.fromISO(`${late ? addDays(planned, 1) : planned}T15:00`, { zone }),
  };
});
const chart: PlanChart = {
  title: 'Launch sprint: planned vs done',
  subtitle: 'whole plan · plan version 2 · as of 2026-12-18 (America/Los_Angeles)',
  data: planChartData(tasks, calendar, { from: '2026-12-07', to: '2027-01-03' }, '2027-01-03', now),
};

const renderer = new VegaChartRenderer();
let started = performance.now();
const png = await renderer.renderPng(chart);
console.log(`first render (loads WASM + fonts): ${(performance.now() - started).toFixed(0)} ms, ${png.length} bytes`);
const runs = 10;
started = performance.now();
for (let i = 0; i < runs; i += 1) await renderer.renderPng(chart);
console.log(`1000×600: ${((performance.now() - started) / runs).toFixed(0)} ms per chart`);
started = performance.now();
let small = png;
for (let i = 0; i < runs; i += 1) small = await renderer.renderPng(chart, TEAMS_CHART_SIZE);
console.log(
  `${TEAMS_CHART_SIZE.width}×${TEAMS_CHART_SIZE.height}: ${((performance.now() - started) / runs).toFixed(0)} ms per chart, ${small.length} bytes (${Math.ceil(small.length / 3) * 4} as base64)`,
);
if (process.argv[2]) await writeFile(process.argv[2], png);
