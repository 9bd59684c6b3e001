import type { PlanState } from './plan-state.js';

/**
 * The per-plan numbers people type (`/plan ack 3`, `/plan replan approve 2`), handed out for one
 * decision: each number follows the loaded state and every number handed out before it, so
 * blockers or proposals opened together never share one. A number another command took
 * meanwhile still fails the store's unique (plan, number) key, which turns the race into a conflict.
 */
export class PlanNumbers {
  private lastBlocker: number;
  private lastReplan: number;

  constructor(state: Pick<PlanState, 'blockers' | 'replans'>) {
    this.lastBlocker = Math.max(0, ...state.blockers.map((b) => b.number));
    this.lastReplan = Math.max(0, ...state.replans.map((r) => r.number));
  }

  nextBlocker(): number {
    return (this.lastBlocker += 1);
  }

  nextReplan(): number {
    return (this.lastReplan += 1);
  }
}
