import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Clock } from '../../service/ports/clock.js';
import type { SeenRequests } from './seen-requests.js';

/**
 * Slack retries an event it thinks was not acked in time (after about 0 s, 1 min and 5 min, with
 * X-Slack-Retry-Num); each retry is a freshly signed request, so the replay guard lets it through.
 * Remembered for an hour, well past Slack's last retry.
 */
const KEEP_EVENT_MS = 60 * 60 * 1000;
const SWEEP_EVERY = 500;

/**
 * Bolt global middleware: an Events API delivery whose `event_id` was already taken — by this
 * replica or another, since the record is shared — goes no further, so a retried "block" or file
 * upload does not open a second blocker or download the file twice. Bolt has acked the event
 * before global middleware runs, so Slack stops retrying either way.
 *
 * Taken on arrival, not after handling: a retry usually arrives while the first delivery is still
 * being handled. The price is that an event whose first delivery died mid-way is not redone.
 */
export function eventOnce(deps: { seen: SeenRequests; clock: Clock }): Middleware<AnyMiddlewareArgs> {
  let taken = 0;
  return async ({ body, next, logger }) => {
    const eventId = eventIdOf(body);
    if (eventId === undefined) return next();
    const now = deps.clock.now();
    const first = await deps.seen.firstSeen(`slack-event:${eventId}`, new Date(now.getTime() + KEEP_EVENT_MS));
    if ((taken += 1) % SWEEP_EVERY === 0) await deps.seen.forgetExpired(now);
    if (!first) {
      logger.info(`Ignored a repeated delivery of Slack event ${eventId}`);
      return;
    }
    await next();
  };
}

function eventIdOf(body: unknown): string | undefined {
  const { type, event_id: id } = (body ?? {}) as { type?: unknown; event_id?: unknown };
  return type === 'event_callback' && typeof id === 'string' && id.length > 0 ? id : undefined;
}
