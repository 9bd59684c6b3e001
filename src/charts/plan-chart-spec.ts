import { DateTime } from 'luxon';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartSize } from '../service/ports/chart-renderer.js';
import type { PlanChart } from '../service/read-model/plan-chart.js';

export const CHART_FONT = 'DejaVu Sans';

// One colour per meaning, shared by both views and the one legend.
const PLANNED = 'Planned';
const DONE = 'Done';
const SLIPPED = 'Slipped (▼ tasks)';
const BUFFER = 'Buffer day';
const HOLIDAY = 'Holiday';
const COLOURS: Record<string, string> = {
  [PLANNED]: '#9db4d3',
  [DONE]: '#2e7d32',
  [SLIPPED]: '#c62828',
  [BUFFER]: '#ffe8b0',
  [HOLIDAY]: '#e0e0e0',
};

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
    { label: label(day.date), series: PLANNED, count: day.planned },
    ...(day.future ? [] : [{ label: label(day.date), series: DONE, count: day.done }]),
  ]);
  const slips = dayValues
    .filter((day) => day.slipped > 0)
    .map((day) => ({ label: day.label, top: Math.max(day.planned, day.done), text: `▼${day.slipped}` }));
  const today = dayValues.filter((day) => day.date === asOf);
  const burn = weeks.flatMap((week) => [
    { week: `Week ${week.week}`, series: PLANNED, total: week.plannedTotal },
    ...(week.doneTotal === null ? [] : [{ week: `Week ${week.week}`, series: DONE, total: week.doneTotal }]),
  ]);
  const order = dayValues.map((day) => day.label);
  const maxCount = Math.max(1, ...days.map((day) => Math.max(day.planned, day.done)));
  const yTop = Math.ceil(maxCount * 1.25) + 1;
  const x = {
    field: 'label',
    type: 'ordinal' as const,
    sort: order,
    // No gap between days, so consecutive buffer days shade as one block; the gap is inside each day.
    scale: { domain: order, paddingInner: 0, paddingOuter: 0 },
    axis: {
      title: null,
      labelExpr: "split(datum.label, '|')",
      labelAngle: 0,
      labelOverlap: 'parity' as const,
      labelFontSize: 10,
    },
  };
  const offset = { field: 'series', scale: { domain: [PLANNED, DONE], paddingOuter: 0.3, paddingInner: 0.08 } };
  // A holiday entry only when the plan has one: the legend lists what the picture shows.
  const series = [PLANNED, DONE, SLIPPED, BUFFER, ...(days.some((day) => day.holiday) ? [HOLIDAY] : [])];
  const colour = {
    scale: { domain: series, range: series.map((name) => COLOURS[name]!) },
    legend: { title: null },
  };
  const shade = (name: string, values: unknown[]) => ({
    data: { values },
    mark: { type: 'bar' as const },
    encoding: { x, color: { ...colour, datum: name } },
  });

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 16,
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFont: CHART_FONT, titleFont: CHART_FONT, labelColor: '#333', titleColor: '#333' },
      legend: { labelFont: CHART_FONT, labelFontSize: 12, labelLimit: 240, orient: 'right', symbolType: 'square' },
      title: { font: CHART_FONT, anchor: 'start', fontSize: 18, subtitleFontSize: 12, subtitleColor: '#555' },
    },
    title: { text: chart.title, subtitle: chart.subtitle, offset: 14 },
    spacing: 36,
    resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
    vconcat: [
      {
        width: PLOT_WIDTH,
        height: DAYS_HEIGHT,
        title: { text: 'By day: tasks planned (baseline) and done', fontSize: 13, fontWeight: 'normal' },
        layer: [
          shade(
            BUFFER,
            dayValues.filter((day) => day.buffer),
          ),
          shade(
            HOLIDAY,
            dayValues.filter((day) => day.holiday),
          ),
          {
            data: { values: bars },
            mark: { type: 'bar' },
            encoding: {
              x,
              xOffset: offset,
              y: {
                field: 'count',
                type: 'quantitative',
                scale: { domain: [0, yTop], nice: false },
                axis: { title: 'tasks', tickMinStep: 1, format: 'd', grid: true, gridColor: '#eee' },
              },
              color: { ...colour, field: 'series' },
            },
          },
          {
            data: { values: slips },
            mark: { type: 'text', dy: -9, fontSize: 12, fontWeight: 'bold', color: COLOURS[SLIPPED] },
            encoding: { x, y: { field: 'top', type: 'quantitative' }, text: { field: 'text' } },
          },
          // Today's column outlined, and named at the top: the days right of it are still to come.
          {
            data: { values: today },
            mark: { type: 'bar', fillOpacity: 0, stroke: '#616161', strokeDash: [4, 3], strokeWidth: 1.2 },
            encoding: { x },
          },
          {
            data: { values: today },
            mark: { type: 'text', baseline: 'top', dy: 4, fontSize: 11, color: '#616161' },
            encoding: { x, y: { datum: yTop, type: 'quantitative' }, text: { value: 'today' } },
          },
        ],
      },
      {
        width: PLOT_WIDTH,
        height: WEEKS_HEIGHT,
        title: { text: 'Burn-up by plan week: cumulative planned and done', fontSize: 13, fontWeight: 'normal' },
        data: { values: burn },
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
            scale: { domain: [0, Math.ceil((Math.max(1, ...burn.map((point) => point.total)) * 1.2) / 5) * 5] },
            axis: { title: 'tasks (cumulative)', tickMinStep: 1, format: 'd', grid: true, gridColor: '#eee' },
          },
          color: { ...colour, field: 'series' },
        },
        layer: [
          { mark: { type: 'line', point: { size: 50, filled: true }, strokeWidth: 2.5 } },
          // Each point's number: planned above its point, done below, so they do not collide.
          {
            transform: [{ filter: `datum.series === '${PLANNED}'` }],
            mark: { type: 'text', dy: -12, fontSize: 11, color: '#333' },
            encoding: { text: { field: 'total' } },
          },
          {
            transform: [{ filter: `datum.series === '${DONE}'` }],
            mark: { type: 'text', dy: 14, fontSize: 11, color: COLOURS[DONE] },
            encoding: { text: { field: 'total' } },
          },
        ],
      },
    ],
  };
}
