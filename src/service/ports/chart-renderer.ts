import type { ChartRef } from '../messages/message.js';
import type { PlanChart } from '../read-model/plan-chart.js';

/** Pixel size of a rendered chart. */
export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Draws a plan chart as PNG bytes. Behind a port because drawing needs WASM and font files
 * (src/charts): the core and its tests never load them.
 */
export interface ChartRenderer {
  renderPng(chart: PlanChart, size: ChartSize): Promise<Uint8Array>;
}

/** How a sender gets the PNG for a message's chart. */
export interface ChartImages {
  png(ref: ChartRef, size: ChartSize): Promise<Uint8Array>;
}
