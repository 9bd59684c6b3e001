import type { ChartRef } from './messages/message.js';
import type { ChartImages, ChartRenderer, ChartSize } from './ports/chart-renderer.js';
import type { Clock } from './ports/clock.js';
import type { PlanStore } from './ports/plan-store.js';
import { planChart } from './read-model/plan-chart.js';

/** A message's chart as PNG: the plan loaded as it is now, drawn as of the clock's now. */
export class PlanCharts implements ChartImages {
  constructor(
    private readonly store: Pick<PlanStore, 'loadPlanState'>,
    private readonly renderer: ChartRenderer,
    private readonly clock: Clock,
  ) {}

  async png(ref: ChartRef, size: ChartSize): Promise<Uint8Array> {
    const state = await this.store.loadPlanState(ref.planId);
    return this.renderer.renderPng(planChart(state, this.clock.now(), { from: ref.from, to: ref.to }), size);
  }
}
