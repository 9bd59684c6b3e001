import { DateTime } from 'luxon';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartSize } from '../service/ports/chart-renderer.js';
import type { PlanChart } from '../service/read-model/plan-chart.js';

export const CHART_FONT = 'DejaVu Sans';

// One colour per meaning, shared by both views and the one legend.
const SERIES = ['Planned', 'Done', 'Slipped', 'Buffer day', 'Today'] as const;
const COLOURS = ['#9db4d3', '#2e7d32', '#c62828', '#ffe8b0', '#616161'];

/** The layout the chart is drawn at before it is scaled to the asked size (1000 × 600 at scale 1). */
export const BASE_SIZE: ChartSize = { width: 1000, height: 600 };
const PLOT_WIDTH = 790;
const DAYS_HEIGHT = 250;
const WEEKS_HEIGHT = 140;

/**
 * The Vega-Lite spec of the plan chart: planned vs done bars per day with buffer days shaded, slips
 * marked above their day and today's line; under it the burn-up by plan week (cumulative planned
 * against cumulative done). Drawn at BASE_SIZE; the renderer scales the picture, not the layout, so
 * labels keep their proportions at any size.
 */
export function planChartSpec(chart: PlanChart): TopLevelSpec {
  const { days, weeks, asOf } = chart.data;
  const label = (date: string) => DateTime.fromISO(date).toFormat('ccc|d LLL');
  const dayValues = days.map((day) => ({ ...day, label: label(day.date) }));
  const bars = days.flatMap((day) => [
    { label: label(day.date), series: 'Planned', count: day.planned },
    ...(day.future ? [] : [{ label: label(day.date), series: 'Done', count: day.done }]),
  ]);
  const slips = dayValues
    .filter((day) => day.slipped > 0)
    .map((day) => ({ label: day.label, top: Math.max(day.planned, day.done), text: `▼${day.slipped}` }));
  const today = dayValues.filter((day) => day.date === asOf);
  const burn = weeks.flatMap((week) => [
    { week: `Week ${week.week}`, series: 'Planned', total: week.plannedTotal },
    ...(week.doneTotal === null ? [] : [{ week: `Week ${week.week}`, series: 'Done', total: week.doneTotal }]),
  ]);
  const order = dayValues.map((day) => day.label);
  const maxCount = Math.max(1, ...days.map((day) => Math.max(day.planned, day.done)));
  const x = {
    field: 'label',
    type: 'ordinal' as const,
    sort: order,
    scale: { domain: order, paddingInner: 0.15, paddingOuter: 0.05 },
    axis: {
      title: null,
      labelExpr: "split(datum.label, '|')",
      labelAngle: 0,
      labelOverlap: 'parity' as const,
      labelFontSize: 10,
    },
  };
  const colour = { scale: { domain: [...SERIES], range: COLOURS }, legend: { title: null } };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 16,
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFont: CHART_FONT, titleFont: CHART_FONT, labelColor: '#333', titleColor: '#333' },
      legend: { labelFont: CHART_FONT, labelFontSize: 12, orient: 'right', symbolType: 'square' },
      title: { font: CHART_FONT, anchor: 'start', fontSize: 18, subtitleFontSize: 12, subtitleColor: '#555' },
    },
    title: { text: chart.title, subtitle: chart.subtitle },
    spacing: 36,
    resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
    vconcat: [
      {
        width: PLOT_WIDTH,
        height: DAYS_HEIGHT,
        title: { text: 'By day: tasks planned (baseline) and done', fontSize: 13, fontWeight: 'normal' },
        layer: [
          {
            data: { values: dayValues.filter((day) => day.buffer) },
            mark: { type: 'bar', opacity: 0.9 },
            encoding: { x, color: { ...colour, datum: 'Buffer day' } },
          },
          {
            data: { values: bars },
            mark: { type: 'bar' },
            encoding: {
              x,
              xOffset: { field: 'series', scale: { domain: ['Planned', 'Done'] } },
              y: {
                field: 'count',
                type: 'quantitative',
                scale: { domain: [0, Math.ceil(maxCount * 1.25) + 1], nice: false },
                axis: { title: 'tasks', tickMinStep: 1, format: 'd', grid: true, gridColor: '#eee' },
              },
              color: { ...colour, field: 'series' },
            },
          },
          {
            data: { values: slips },
            mark: { type: 'text', dy: -9, fontSize: 12, fontWeight: 'bold', color: COLOURS[2] },
            encoding: { x, y: { field: 'top', type: 'quantitative' }, text: { field: 'text' } },
          },
          {
            data: { values: today },
            mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 },
            encoding: { x, color: { ...colour, datum: 'Today' } },
          },
        ],
      },
      {
        width: PLOT_WIDTH,
        height: WEEKS_HEIGHT,
        title: { text: 'Burn-up by plan week: cumulative planned and done', fontSize: 13, fontWeight: 'normal' },
        data: { values: burn },
        mark: { type: 'line', point: { size: 50, filled: true }, strokeWidth: 2.5 },
        encoding: {
          x: {
            field: 'week',
            type: 'ordinal',
            sort: weeks.map((week) => `Week ${week.week}`),
            axis: { title: null, labelAngle: 0 },
          },
          y: {
            field: 'total',
            type: 'quantitative',
            axis: { title: 'tasks (cumulative)', tickMinStep: 1, format: 'd', grid: true, gridColor: '#eee' },
          },
          color: { ...colour, field: 'series' },
        },
      },
    ],
  };
}
