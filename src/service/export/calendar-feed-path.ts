import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where plan calendars are served; the HTTP route answers everything under it. */
export const CALENDAR_FEED_PREFIX = '/calendar/';

const FEED_PATH =
  /^\/calendar\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([A-Za-z0-9_-]{32})\.ics$/;

/**
 * 192 bits of an HMAC of the plan id under the server's secret: a plan id alone (it shows in logs
 * and audit rows) never opens a feed, and no URL has to be stored. Changing the secret revokes
 * every URL handed out.
 */
function feedToken(planId: string, secret: string): string {
  return createHmac('sha256', secret).update(`planbot calendar feed\0${planId}`).digest('base64url').slice(0, 32);
}

/** The path of a plan's subscribable calendar, e.g. `/calendar/<plan id>/<token>.ics`. */
export function calendarFeedPath(planId: string, secret: string): string {
  return `${CALENDAR_FEED_PREFIX}${planId}/${feedToken(planId, secret)}.ics`;
}

/** The plan a feed path was signed for, or null when planbot did not sign it (compared in constant time). */
export function planOfCalendarFeedPath(path: string, secret: string): string | null {
  const match = FEED_PATH.exec(path);
  if (!match) return null;
  const [, planId, token] = match as unknown as [string, string, string];
  const expected = Buffer.from(feedToken(planId, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected) ? planId : null;
}
