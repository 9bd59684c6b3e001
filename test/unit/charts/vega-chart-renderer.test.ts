import { DateTime } from 'luxon';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { FULL_CHART_SIZE, TEAMS_CHART_SIZE } from '../../../src/charts/chart-sizes.js';
import { chartSvg, VegaChartRenderer } from '../../../src/charts/vega-chart-renderer.js';
import { createPlanCalendar } from '../../../src/domain/calendar.js';
import { planChartData } from '../../../src/domain/plan-chart-data.js';
import type { PlanChart } from '../../../src/service/read-model/plan-chart.js';

const zone = 'Europe/Berlin';
const calendar = createPlanCalendar({ zone, startDate: '2026-12-07', bufferDays: [6, 7] });
const chart: PlanChart = {
  title: 'Checkout sprint: planned vs done',
  subtitle: 'whole plan · plan version 1 · as of 2026-12-09 (Europe/Berlin)',
  data: planChartData(
    [
      { key: 'a', dueDate: '2026-12-07', status: 'done', doneAt: DateTime.fromISO('2026-12-07T15:00', { zone }) },
      { key: 'b', dueDate: '2026-12-08', status: 'todo', doneAt: null },
      { key: 'c', dueDate: '2026-12-15', status: 'todo', doneAt: null },
    ],
    calendar,
    { from: '2026-12-07', to: '2026-12-20' },
    '2026-12-20',
    DateTime.fromISO('2026-12-09T12:00', { zone }),
  ),
};

/** The PNG as pixels: throws unless the bytes are a well-formed PNG. */
const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));

describe('VegaChartRenderer', () => {
  it('draws a PNG of exactly the asked size, full and Teams-sized, with more than a blank page on it', async () => {
    const renderer = new VegaChartRenderer();
    for (const size of [FULL_CHART_SIZE, TEAMS_CHART_SIZE]) {
      const image = decode(await renderer.renderPng(chart, size));
      expect({ width: image.width, height: image.height }).toEqual(size);
      const colours = new Set<number>();
      for (let i = 0; i < image.data.length; i += 4 * 97) colours.add(image.data.readUInt32BE(i));
      expect(colours.size).toBeGreaterThan(10);
    }
  }, 60_000);

  it('labels what the picture shows, in the embedded font', async () => {
    const svg = await chartSvg(chart);
    for (const text of ['Checkout sprint: planned vs done', 'Planned', 'Done', 'Slipped', 'Buffer day', 'Week 2'])
      expect(svg).toContain(text);
    expect(svg).toContain('DejaVu Sans');
    // Tue 8 Dec's task is open past its day: one slip, marked over that day.
    expect(svg).toContain('▼1');
  }, 60_000);
});
