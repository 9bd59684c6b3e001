import type { Logger } from 'pino';
import { PagerDutySender } from '../adapters/pagerduty/pagerduty-sender.js';
import { createSlackAdapter, type SlackAdapter } from '../adapters/slack/slack-app.js';
import { SlackSender } from '../adapters/slack/slack-sender.js';
import { createTeamsRoute } from '../adapters/teams/teams-route.js';
import { TeamsSender } from '../adapters/teams/teams-sender.js';
import { VegaChartRenderer } from '../charts/vega-chart-renderer.js';
import type { Config } from '../config.js';
import { startHttpServer, type Route } from '../http/http-server.js';
import { calendarRoute } from '../http/calendar-route.js';
import { createApp, type App } from '../main.js';
import { Metrics } from '../metrics/metrics.js';
import { metricsRoute } from '../metrics/metrics-route.js';
import { PlanReportMetrics } from '../metrics/plan-report-metrics.js';
import { PlanReports } from '../service/plan-reports.js';
import { DeliveryLoop } from '../scheduler/delivery-loop.js';
import { startTickLoop } from '../scheduler/tick-loop.js';
import { WorkerPlanParser } from '../workers/worker-plan-parser.js';
import type { Clock } from '../service/ports/clock.js';
import type { SendersByPlatform } from '../service/ports/sender.js';
import { PlanCharts } from '../service/plan-charts.js';
import { timeline } from '../service/clocks/rehearsal.js';
import type { OutboxBacklogReader } from '../service/ports/outbox-backlog.js';
import type { Database } from '../store/database.js';
import { Keyring } from '../store/keyring.js';

export interface ServeOptions {
  config: Config;
  database: Database;
  /** Real time; a rehearsal (config.rehearsal) runs the plans on a faster timeline derived from it. */
  clock: Clock;
  logger: Logger;
  /** Resolves when planbot should shut down (SIGINT/SIGTERM in the real process). */
  until: Promise<unknown>;
  /** Called once the HTTP server listens, with its port (tests pass PORT=0). */
  onListening?: (port: number) => void;
}

export interface Served {
  app: App;
  slack?: SlackAdapter;
}

/**
 * `planbot start` with Slack and/or Teams configured: one HTTP server (Slack events, Teams
 * messages, health checks), the scheduler woken every second, and the dispatcher delivering through each
 * platform's sender in a loop of its own, woken after every tick. Returns after `until` resolves and everything has stopped cleanly.
 */
export async function serve(options: ServeOptions): Promise<Served> {
  const { config, database, logger } = options;
  const time = timeline(options.clock, config.rehearsal);
  const clock = time.plan;
  if (config.rehearsal)
    logger.warn(
      { planTimeStart: config.rehearsal.start.toISOString(), speed: config.rehearsal.speed },
      'rehearsal: plan time is not real time (PLANBOT_CLOCK_START)',
    );
  // Filled once the adapters exist: the dispatcher reads senders at each delivery round.
  const senders: SendersByPlatform = {};
  // Durations come from the monotonic clock: a wall-clock step (an NTP correction, a VM resume) must not skew them.
  const metrics = new Metrics({
    monotonicNow: () => performance.now(),
    // Read through the app's store; nothing scrapes before the app exists (the route is added below).
    readOutbox: () => app.outboxBacklog.readBacklog(),
  });
  // Uploaded plans are read on a worker thread: a big or hostile document cannot stall delivery or health checks.
  const parser = new WorkerPlanParser();
  const app = createApp({
    database,
    clock,
    scheduler: { catchUpWindowMs: config.catchUpWindowMs },
    dispatcher: { leaseMs: time.toPlanMs(config.outboxLeaseMs) },
    senders,
    metrics,
    parser,
    ...(config.encryption ? { keyring: Keyring.fromBase64(config.encryption.key, config.encryption.previous) } : {}),
  });
  // Before serving: an install only an unknown key opens stops planbot here, naming the key it needs.
  const resealed = await app.slackStores.installations.resealAll();
  if (resealed > 0) logger.info({ resealed }, 'sealed stored Slack installs with the current PLANBOT_ENCRYPTION_KEY');
  // The `/plan report` numbers per plan (its current week), read at scrape time through the app's store.
  const planReports = new PlanReports({ store: app.store, clock });
  new PlanReportMetrics({
    registry: metrics.registry,
    readReports: () => planReports.current(),
    monotonicNow: () => performance.now(),
  });
  const routes: Route[] = [metricsRoute(metrics)];
  // The weekly memo's chart, drawn when the memo is delivered (plan time: "as of" the memo).
  const charts = new PlanCharts(app.store, new VegaChartRenderer(), clock);
  if (config.pagerDuty) senders.pagerduty = time.sender(new PagerDutySender(config.pagerDuty));
  else await warnUnroutedPages(app.outboxBacklog, logger);

  let slack: SlackAdapter | undefined;
  if (config.slack) {
    slack = createSlackAdapter({
      config: config.slack,
      service: app.service,
      store: app.store,
      ...app.slackStores,
      clock,
      requestClock: time.real,
      logger,
      chatImport: app.chatImport,
    });
    const adapter = slack;
    senders.slack = time.sender(
      new SlackSender({
        apiUrl: config.slack.apiUrl,
        tokenFor: (team) => adapter.tokenFor(team),
        dmChannels: app.slackStores.dmChannels,
        // Retry-After is in real seconds, also in a rehearsal.
        clock: time.real,
        logger,
        charts,
      }),
    );
    if (slack.route) routes.push(slack.route);
  }

  if (config.teams) {
    const { conversations } = app;
    const teams = createTeamsRoute({
      ...config.teams,
      service: app.service,
      store: app.store,
      conversations,
      delivered: app.deliveredMessages,
      clock,
      logger,
    });
    // One CloudAdapter for both directions, so proactive posts use the same credentials and token cache.
    senders.teams = time.sender(
      new TeamsSender({ adapter: teams.adapter, appId: config.teams.appId, conversations, logger, charts }),
    );
    routes.push({ path: '/api/messages', handler: teams.handle });
  }

  if (config.calendar) routes.push(calendarRoute({ secret: config.calendar.secret, plans: app.store, clock, logger }));

  // Before listening: a token Slack refuses stops planbot here with what to fix.
  await slack?.start();
  const server = await startHttpServer({
    port: config.port,
    routes,
    logger,
    ready: async () => {
      await database.prisma.$queryRaw`SELECT 1`;
      return true;
    },
  });
  options.onListening?.(server.port);
  logger.info(
    {
      port: server.port,
      slack: slack ? (config.slack?.appToken ? 'socket mode' : 'http') : 'off',
      teams: config.teams ? 'http' : 'off',
    },
    'planbot is serving',
  );

  // In the background: a slow or failing directory must not hold up serving.
  void slack
    ?.linkMembers()
    .catch((error: unknown) => logger.warn({ err: error }, 'linking Slack members by email failed'));
  const delivery = new DeliveryLoop(
    async () => (await app.dispatcher.dispatchOnce()).claimed > 0,
    (error) => logger.error({ err: error }, 'delivery failed'),
  );
  const loop = startTickLoop(
    '* * * * * *',
    async () => {
      try {
        await app.scheduler.tick();
      } finally {
        // Not awaited: the next tick comes on time however long delivery takes.
        void delivery.wake();
      }
    },
    (error) => logger.error({ err: error }, 'tick failed'),
  );
  try {
    await options.until;
  } finally {
    logger.info('shutting down');
    await loop.stop();
    await delivery.stop();
    await slack?.stop();
    await server.close();
    await parser.close();
  }
  return { app, ...(slack ? { slack } : {}) };
}

/** Resolves on the first SIGINT or SIGTERM (container stop, Ctrl-C). */
export function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/**
 * Pages wait in the outbox for a PagerDuty sender; without PAGERDUTY_ROUTING_KEY there is none,
 * so say so at start-up rather than let a plan's page tier go quiet.
 */
async function warnUnroutedPages(outbox: OutboxBacklogReader, logger: Logger): Promise<void> {
  const waiting = (await outbox.readBacklog()).find((b) => b.platform === 'pagerduty')?.depth ?? 0;
  if (waiting > 0)
    logger.warn(
      { waiting },
      'PagerDuty pages are queued but PAGERDUTY_ROUTING_KEY is not set; they are sent once it is',
    );
}
