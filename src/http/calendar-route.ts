import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { CALENDAR_FEED_PREFIX, planOfCalendarFeedPath } from '../service/export/calendar-feed-path.js';
import { planIcs } from '../service/export/plan-ics.js';
import type { Clock } from '../service/ports/clock.js';
import type { PlanStore } from '../service/ports/plan-store.js';
import { PlanView } from '../service/read-model/plan-view.js';
import type { Route } from './http-server.js';

export interface CalendarRouteOptions {
  /** PLANBOT_CALENDAR_SECRET: what feed URLs are signed with. */
  secret: string;
  plans: Pick<PlanStore, 'loadPlanState'>;
  /** Plan time: stamps the events (DTSTAMP). */
  clock: Clock;
  logger: Logger;
}

/**
 * A plan's calendar for calendar apps to subscribe to (`planbot export <plan> --format ics --url`
 * prints the URL). Built on every fetch from the stored plan, so a re-plan or a re-import shows
 * at the next refresh. A URL planbot did not sign gets the same 404 as one for no plan at all,
 * so trying URLs tells nothing. Errors are logged without the path: it is the feed's credential.
 */
export function calendarRoute(options: CalendarRouteOptions): Route {
  return {
    path: CALENDAR_FEED_PREFIX,
    handler: async (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
        res.end('Calendar feeds answer GET only.\n');
        return;
      }
      const planId = planOfCalendarFeedPath((req.url ?? '/').split('?')[0]!, options.secret);
      if (!planId) return notFound(res);
      try {
        const view = PlanView.of(await options.plans.loadPlanState(planId));
        const body = planIcs(view, options.clock.now());
        res.writeHead(200, {
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': 'inline; filename="plan.ics"',
          // Calendar apps poll on their own schedule; a proxy should not serve someone else a stale copy.
          'cache-control': 'private, max-age=300',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch (error) {
        options.logger.error({ err: error, planId }, 'calendar feed failed');
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('The calendar could not be built; planbot logged why.\n');
        } else res.end();
      }
    },
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('No calendar here. Ask a plan lead for the URL `planbot export <plan> --format ics --url` prints.\n');
}
