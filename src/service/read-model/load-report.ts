import type { PlanStore } from '../ports/plan-store.js';
import { participationReport, type ParticipationReport } from './participation-report.js';
import type { PlanView } from './plan-view.js';
import { reportWeek, type WeekChoice } from './report-week.js';

/**
 * A plan week's report: the week chosen, one store read of the week's activity, and the numbers.
 * The same for `/plan report` and for /metrics, so the two never disagree.
 */
export async function loadReport(
  store: Pick<PlanStore, 'planActivity'>,
  view: PlanView,
  choice: WeekChoice,
  now: Date,
): Promise<ParticipationReport> {
  const week = reportWeek(view.calendar, choice, now);
  const activity = await store.planActivity(view.state.plan.id, week.window);
  return participationReport(view, activity, week, now);
}
