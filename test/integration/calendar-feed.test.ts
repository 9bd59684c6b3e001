import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarRoute } from '../../src/http/calendar-route.js';
import { startHttpServer, type RunningServer } from '../../src/http/http-server.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import { calendarFeedPath } from '../../src/service/export/calendar-feed-path.js';
import { FakePlanStore } from '../fakes/fake-plan-store.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { importPlanYaml } from '../support/store-import.js';
import { acme } from '../unit/service/fake-service.js';

const SECRET = 'a-calendar-secret-of-at-least-32-characters';
const clock = new ManualClock('2026-12-01T12:00:00Z');
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** planbot's HTTP server with the calendar route over a plan imported into the in-memory store. */
async function feedServer(options: { lines?: string[]; failing?: boolean } = {}) {
  const store = new FakePlanStore();
  const { planId } = await importPlanYaml(store, acme, sprintPlanYaml, { now: clock.now() });
  const logger = pino({ level: 'info' }, { write: (line: string) => void options.lines?.push(line) });
  const plans = options.failing
    ? { loadPlanState: () => Promise.reject(new Error('connection to the database was lost')) }
    : store;
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: [calendarRoute({ secret: SECRET, plans, clock, logger })],
    ready: async () => true,
    logger,
  });
  const get = (path: string, method = 'GET') => fetch(`http://127.0.0.1:${server!.port}${path}`, { method });
  return { planId, get, store };
}

describe('the subscribable plan calendar', () => {
  it('serves the plan as text/calendar at its signed URL', async () => {
    const { planId, get } = await feedServer();
    const response = await get(calendarFeedPath(planId, SECRET));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await response.text();
    expect(body).toContain('X-WR-CALNAME:Checkout sprint\r\n');
    // Weekdays from Mon 7 Dec to the last task's day, Mon 14 Dec: six stand-ups.
    expect(body.match(/SUMMARY:Checkout sprint: Stand-up\r\n/g)).toHaveLength(6);
    expect(body).toContain(`UID:task-d3.${planId}@planbot\r\n`);
  });

  it('opens nothing for the bare plan id, a token for another plan, another secret, or a changed token', async () => {
    const { planId, get } = await feedServer();
    const path = calendarFeedPath(planId, SECRET);
    const other = '01234567-89ab-7def-8123-456789abcdef';
    const tries = [
      `/calendar/${planId}`,
      `/calendar/${planId}.ics`,
      calendarFeedPath(other, SECRET).replace(other, planId),
      calendarFeedPath(planId, `${SECRET}-rotated`),
      path.replace(/.(\.ics)$/, (_, ics: string) => `${path.at(-5) === 'A' ? 'B' : 'A'}${ics}`),
    ];
    for (const tried of tries) {
      const response = await get(tried);
      expect(response.status, tried).toBe(404);
      expect(await response.text()).not.toContain('BEGIN:VCALENDAR');
    }
    expect((await get(path, 'POST')).status).toBe(405);
    expect((await get(path, 'HEAD')).status).toBe(200);
  });

  it('answers 500 when the plan cannot be read, and logs why without the URL (its token is the credential)', async () => {
    const lines: string[] = [];
    const { planId, get } = await feedServer({ lines, failing: true });
    const path = calendarFeedPath(planId, SECRET);
    const response = await get(path);
    expect(response.status).toBe(500);
    const logged = lines.join('\n');
    expect(logged).toContain('connection to the database was lost');
    expect(logged).not.toContain(path.split('/')[3]!.replace('.ics', ''));
  });
});
