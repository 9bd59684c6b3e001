import nock from 'nock';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/serve.js';
import type { Config } from '../../src/config.js';
import { createApp, type App } from '../../src/main.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { parsePlanData } from '../../src/plans/plan-data.js';
import { storeImport } from '../../src/service/commands/import-plan.js';
import { ConflictError, type Effect } from '../../src/service/effects.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import { message } from '../../src/service/messages/message.js';
import { parseCommandText } from '../../src/service/commands/parse-command.js';
import { buildPlanSnapshot } from '../../src/service/read-model/plan-snapshot.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { openPostgres, type Database } from '../../src/store/database.js';
import { applyMigrations } from '../../src/store/migrator.js';
import { FakeSender } from '../fakes/fake-sender.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import {
  createScratchPostgresDatabase,
  openTestDatabase,
  storeKinds,
  type StoreKind,
  type TestDatabase,
} from '../support/test-databases.js';
import { parseExposition, seriesOf, valueOf, type Sample } from '../unit/metrics/exposition.js';

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };
/** Every start/stop pair of the fake monotonic source is this far apart. */
const STEP_MS = 5;

interface MetricsApp extends App {
  clock: ManualClock;
  slack: FakeSender;
  metrics: Metrics;
  /** `/plan <text>` as a Slack user, then a scheduler step, as the Slack adapter and the tick loop would. */
  run(userId: string, text: string): Promise<void>;
  scrape(): Promise<Sample[]>;
  ticks: number;
}

/** The production wiring (createApp) with a metrics instance, a clock the test moves and recording senders. */
async function metricsApp(db: Database, start: string): Promise<MetricsApp> {
  let monotonic = 0;
  const clock = new ManualClock(start);
  const slack = new FakeSender();
  const metrics = new Metrics({
    monotonicNow: () => (monotonic += STEP_MS),
    // Read through the app's store; the test scrapes only once the app exists.
    readOutbox: () => app.outboxBacklog.readBacklog(),
    processMetrics: false,
  });
  // Two tries before a transiently failing message is parked, so the test reaches "gave up" quickly.
  const app = createApp({
    database: db,
    clock,
    senders: { slack, teams: new FakeSender() },
    random: () => 0.5,
    metrics,
    dispatcher: { maxAttempts: 2 },
    scheduler: { instanceId: 'metrics-test' },
  });
  const { plan, warnings, unplaced } = parsePlanData(sprintPlanYaml, 'yaml', 'plan.yaml');
  const request = { text: sprintPlanYaml, file: 'plan.yaml', workspace: acme, channel: 'C-ACME', importedBy: 'test' };
  await storeImport(
    app.planVersions,
    request,
    { result: { plan, warnings, unplaced }, snapshot: buildPlanSnapshot(plan, clock.now()) },
    clock.now(),
  );
  const self: MetricsApp = {
    ...app,
    clock,
    slack,
    metrics,
    ticks: 0,
    async step() {
      self.ticks += 1;
      return app.step();
    },
    async run(userId, text) {
      const parsed = parseCommandText(text);
      if (!parsed.ok) throw new Error(parsed.error);
      await app.service.handle(
        { workspace: acme, channel: 'C-ACME', actor: { platform: 'slack', userId } },
        parsed.command,
      );
      await self.step();
    },
    scrape: async () => parseExposition(await metrics.scrape()),
  };
  return self;
}

describe.each(storeKinds())('metrics of a running plan on %s', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('count a stand-up, a blocker climbing the ladder, a 429 and parked messages as the database recorded them', async () => {
    // Monday Dec 7, 08:00 PST.
    const app = await metricsApp(db, '2026-12-07T16:00:00Z');
    app.clock.set('2026-12-07T17:00:00Z');
    await app.step();
    let s = await app.scrape();
    expect(valueOf(s, 'planbot_messages_queued_total', { platform: 'slack' })).toBe(1);
    expect(valueOf(s, 'planbot_messages_sent_total', { platform: 'slack' })).toBe(1);
    expect(valueOf(s, 'planbot_outbox_depth', { platform: 'slack' })).toBe(0);

    app.clock.set('2026-12-07T17:10:00Z');
    await app.run('U0SAM', 'standup did: planning doing: kickoff blockers: none');

    // Luis reports a blocker at 10:00 PST; its ladder: Sam now, Alex 4 h later, then on-call (nobody: the channel).
    app.clock.set('2026-12-07T18:00:00Z');
    const parsed = parseCommandText('block d3 waiting on keys');
    if (!parsed.ok) throw new Error(parsed.error);
    await app.service.handle(
      { workspace: acme, channel: 'C-ACME', actor: { platform: 'slack', userId: 'U0LUIS' } },
      parsed.command,
    );
    const blocker = await db.prisma.blocker.findFirstOrThrow();
    const member = async (key: string) => (await db.prisma.member.findFirstOrThrow({ where: { key } })).id;
    app.slack.script(`escalation:${blocker.id}:0:${await member('sam')}`, { fail: 'transient' }, { fail: 'permanent' });
    app.slack.script(`escalation:${blocker.id}:1:${await member('alex')}`, {
      fail: 'rate_limited',
      retryAfterMs: 30_000,
    });
    app.slack.script(`escalation:${blocker.id}:2`, { fail: 'transient' }, { fail: 'transient' });

    await app.step();
    app.clock.advance(60_000);
    await app.step();
    s = await app.scrape();
    expect(valueOf(s, 'planbot_escalations_total', { tier: '1' })).toBe(1);
    expect(valueOf(s, 'planbot_messages_retried_total', { platform: 'slack', reason: 'transient' })).toBe(1);
    expect(valueOf(s, 'planbot_messages_failed_total', { platform: 'slack', kind: 'permanent' })).toBe(1);

    // 14:00 PST: tier 2 to Alex meets a 429 and waits out its Retry-After in the outbox.
    app.clock.set('2026-12-07T22:00:00Z');
    await app.step();
    s = await app.scrape();
    expect(valueOf(s, 'planbot_escalations_total', { tier: '2' })).toBe(1);
    expect(valueOf(s, 'planbot_messages_retried_total', { platform: 'slack', reason: 'rate_limited' })).toBe(1);
    expect(valueOf(s, 'planbot_outbox_depth', { platform: 'slack' })).toBe(1);
    expect(valueOf(s, 'planbot_outbox_oldest_age_seconds', { platform: 'slack' })).toBeGreaterThanOrEqual(0);
    app.clock.advance(30_000);
    await app.step();
    s = await app.scrape();
    expect(valueOf(s, 'planbot_outbox_depth', { platform: 'slack' })).toBe(0);
    expect(valueOf(s, 'planbot_outbox_oldest_age_seconds', { platform: 'slack' })).toBe(0);

    // 18:00 PST: tier 3 names nobody, so it goes to the channel, fails twice and is parked.
    app.clock.set('2026-12-08T02:00:00Z');
    await app.step();
    app.clock.advance(60_000);
    await app.step();

    s = await app.scrape();
    expect(seriesOf(s, 'planbot_escalations_total')).toEqual({ 'tier=1': 1, 'tier=2': 1, 'tier=3': 1 });
    expect(seriesOf(s, 'planbot_messages_retried_total')).toEqual({
      'platform=slack,reason=transient': 2,
      'platform=slack,reason=rate_limited': 1,
    });
    expect(seriesOf(s, 'planbot_messages_failed_total')).toEqual({
      'kind=permanent,platform=slack': 1,
      'kind=parked,platform=slack': 1,
    });
    // The counters agree with what the outbox holds.
    const rows = await db.prisma.outboxMessage.groupBy({ by: ['status'], where: { platform: 'slack' }, _count: true });
    const count = (status: string) => rows.find((r) => r.status === status)?._count ?? 0;
    expect(valueOf(s, 'planbot_messages_queued_total', { platform: 'slack' })).toBe(
      count('sent') + count('parked') + count('pending'),
    );
    expect(count('pending')).toBe(0);
    expect(valueOf(s, 'planbot_messages_sent_total', { platform: 'slack' })).toBe(count('sent'));
    expect(valueOf(s, 'planbot_messages_sent_total', { platform: 'slack' })).toBe(app.slack.sent.length);
    expect(valueOf(s, 'planbot_messages_failed_total', { platform: 'slack', kind: 'parked' })! + 1).toBe(
      count('parked'),
    );
    expect(valueOf(s, 'planbot_outbox_depth', { platform: 'slack' })).toBe(0);

    // Durations come from the injected monotonic source: each start/stop pair is one STEP_MS apart.
    expect(valueOf(s, 'planbot_tick_duration_seconds_count')).toBe(app.ticks);
    expect(valueOf(s, 'planbot_tick_duration_seconds_sum')).toBeCloseTo((app.ticks * STEP_MS) / 1000);
    expect(seriesOf(s, 'planbot_command_duration_seconds_count')).toEqual({
      'command=standup,platform=slack': 1,
      'command=block,platform=slack': 1,
    });
    expect(
      valueOf(s, 'planbot_command_duration_seconds_bucket', { platform: 'slack', command: 'block', le: '0.005' }),
    ).toBe(1);
  });

  it('count only new outbox rows, per platform, and only once their transaction committed; a refused command is timed too', async () => {
    const app = await metricsApp(db, '2026-12-07T16:00:00Z');
    const ritual = await db.prisma.ritual.findFirstOrThrow({ where: { kind: 'standup' } });
    const at = app.clock.now();
    const outbox = (key: string, platform: 'slack' | 'teams'): Effect => ({
      type: 'outbox',
      draft: { idempotencyKey: key, platform, target: 'C-ACME', message: message('reply', key), notBefore: at },
    });
    const claim: Effect = {
      type: 'occurrence.claim',
      ritualId: ritual.id,
      scheduledAt: at,
      claimedBy: 'test',
      status: 'posted',
    };

    await app.store.apply([claim, outbox('a', 'slack'), outbox('b', 'teams'), outbox('c', 'slack')]);
    // The same key again is a no-op in the outbox, so not a new message.
    await app.store.apply([outbox('a', 'slack')]);
    // A claim someone else holds rolls the whole transaction back: its message was never queued.
    await expect(app.store.apply([claim, outbox('d', 'slack')])).rejects.toBeInstanceOf(ConflictError);

    // A member who is not a lead asks for a lead command: refused, and still timed.
    const parsed = parseCommandText('blockers');
    if (!parsed.ok) throw new Error(parsed.error);
    const reply = await app.service.handle(
      { workspace: acme, channel: 'C-ACME', actor: { platform: 'slack', userId: 'U0LUIS' } },
      parsed.command,
    );
    expect(reply.kind).toBe('error');

    const s = await app.scrape();
    expect(seriesOf(s, 'planbot_messages_queued_total')).toEqual({ 'platform=slack': 2, 'platform=teams': 1 });
    expect(await db.prisma.outboxMessage.count()).toBe(3);
    expect(valueOf(s, 'planbot_outbox_depth', { platform: 'slack' })).toBe(2);
    expect(valueOf(s, 'planbot_outbox_depth', { platform: 'teams' })).toBe(1);
    expect(valueOf(s, 'planbot_command_duration_seconds_count', { platform: 'slack', command: 'blockers' })).toBe(1);
  });
});

describe('the served /metrics and /readyz', () => {
  const secrets = { appPassword: 'teams-client-secret-Zq8~do-not-leak' };
  const config = (): Config => ({
    database: { kind: 'pglite', dataDir: '/unused' },
    logLevel: 'silent',
    port: 0,
    outboxLeaseMs: 60_000,
    catchUpWindowMs: 30 * 60_000,
    teams: {
      appId: '00000000-0000-4000-8000-000000000001',
      appPassword: secrets.appPassword,
      appType: 'MultiTenant',
      loginUrl: 'https://login.microsoftonline.com',
    },
  });

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => {
    nock.enableNetConnect();
  });

  /** Serves planbot over `database` until the returned stop() is called. */
  async function served(database: Database) {
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    let listening!: (port: number) => void;
    const port = new Promise<number>((resolve) => (listening = resolve));
    const done = serve({
      config: config(),
      database,
      clock: new ManualClock('2026-12-07T16:00:00Z'),
      logger: pino({ level: 'silent' }),
      until,
      onListening: listening,
    });
    const base = `http://127.0.0.1:${await port}`;
    return { base, stop: async () => (stop(), await done) };
  }

  async function outage(
    kind: StoreKind,
  ): Promise<{ database: Database; breakIt(): Promise<void>; cleanUp(): Promise<void> }> {
    if (kind === 'pglite') {
      const database = await openTestDatabase('pglite');
      let closed = false;
      return {
        database,
        breakIt: async () => ((closed = true), await database.close()),
        cleanUp: async () => (closed ? undefined : database.close()),
      };
    }
    const { url, drop } = await createScratchPostgresDatabase();
    const database = openPostgres(url);
    await applyMigrations(database.migrationFactory());
    let dropped = false;
    return {
      database,
      // Dropping the database (WITH FORCE) cuts planbot's connections and leaves nothing to reconnect to.
      breakIt: async () => ((dropped = true), await drop()),
      cleanUp: async () => {
        await database.close().catch(() => undefined);
        if (!dropped) await drop();
      },
    };
  }

  it.each(storeKinds())(
    'on %s: /readyz answers 200 while the database answers and 503 once it is gone; /healthz stays 200',
    async (kind) => {
      const { database, breakIt, cleanUp } = await outage(kind);
      const server = await served(database);
      try {
        expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
        await breakIt();
        const ready = await fetch(`${server.base}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toEqual({ status: 'database unreachable' });
        expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
        // /metrics still answers, and says the database is down instead of showing stale depths.
        const samples = parseExposition(await (await fetch(`${server.base}/metrics`)).text());
        expect(valueOf(samples, 'planbot_database_up')).toBe(0);
        expect(seriesOf(samples, 'planbot_outbox_depth')).toEqual({});
      } finally {
        await server.stop();
        await cleanUp();
      }
    },
  );

  it('/metrics speaks the Prometheus text format with process metrics, refuses writes, and shows no secret', async () => {
    const db = await openTestDatabase('pglite');
    const server = await served(db);
    try {
      const response = await fetch(`${server.base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await response.text();
      const samples = parseExposition(text);
      expect(valueOf(samples, 'planbot_database_up')).toBe(1);
      expect(valueOf(samples, 'planbot_outbox_depth', { platform: 'teams' })).toBe(0);
      expect(
        samples.some((s) => s.name === 'process_resident_memory_bytes' || s.name === 'nodejs_heap_size_used_bytes'),
      ).toBe(true);
      for (const name of [
        'planbot_messages_queued_total',
        'planbot_tick_duration_seconds',
        'planbot_command_duration_seconds',
        'planbot_escalations_total',
      ]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
      expect(text).not.toContain(secrets.appPassword);
      expect(text).not.toContain(config().teams!.appId);
      expect((await fetch(`${server.base}/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.stop();
      await db.destroy();
    }
  });
});
