import nock from 'nock';
import pino, { type Logger } from 'pino';
import { SlackSender } from '../../src/adapters/slack/slack-sender.js';
import { startHttpServer, type RunningServer } from '../../src/http/http-server.js';
import { createApp, type App } from '../../src/main.js';
import { parsePlanData } from '../../src/plans/plan-data.js';
import { storeImport } from '../../src/service/commands/import-plan.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import { buildPlanSnapshot } from '../../src/service/read-model/plan-snapshot.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { testSlackAdapter } from './slack-adapter.js';
import { SIGNING_SECRET } from './slack-requests.js';
import { openTestDatabase, type StoreKind, type TestDatabase } from './test-databases.js';

export const SLACK_API = 'https://slack.com/api/';

export interface SlackHttpApp {
  db: TestDatabase;
  app: App;
  clock: ManualClock;
  /** http://127.0.0.1:<port>, where the real Bolt receiver answers signed requests. */
  base: string;
  close(): Promise<void>;
}

/**
 * planbot as `planbot start` runs it for one Slack workspace (bot token, signed HTTP), on a
 * database of `kind`, with `plans` imported into their channels and plan time on a manual clock
 * at Wednesday 2026-12-09, 08:00 in Los Angeles: day 3 of the fixture plan, an hour before stand-up.
 * Only loopback may be reached until `close()`: Slack's side is the test's nock.
 */
export async function startSlackHttpApp(options: {
  kind: StoreKind;
  instanceId: string;
  workspace: WorkspaceRef;
  plans: { yaml: string; channel: string }[];
  adapterLogger?: Logger;
}): Promise<SlackHttpApp> {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const db = await openTestDatabase(options.kind);
  const clock = new ManualClock('2026-12-09T16:00:00Z');
  const sender = new SlackSender({ apiUrl: SLACK_API, tokenFor: async () => 'xoxb-test-token', clock });
  const app = createApp({
    database: db,
    clock,
    senders: { slack: sender },
    random: () => 0.5,
    scheduler: { instanceId: options.instanceId },
  });
  for (const { yaml, channel } of options.plans) {
    const { plan, warnings, unplaced } = parsePlanData(yaml, 'yaml', 'plan.yaml');
    await storeImport(
      app.planVersions,
      { text: yaml, file: 'plan.yaml', workspace: options.workspace, channel, importedBy: 'test' },
      { result: { plan, warnings, unplaced }, snapshot: buildPlanSnapshot(plan, new Date('2026-12-01T00:00:00Z')) },
      clock.now(),
    );
  }
  const adapter = await testSlackAdapter(
    app,
    db,
    clock,
    { signingSecret: SIGNING_SECRET, botToken: 'xoxb-test-token', apiUrl: SLACK_API },
    true,
    options.adapterLogger,
  );
  const server: RunningServer = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: [adapter.route!],
    ready: async () => true,
    logger: pino({ level: 'silent' }),
  });
  return {
    db,
    app,
    clock,
    base: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      await db.close();
      nock.enableNetConnect();
    },
  };
}

/** Waits for background work after Bolt has acked (events and actions run after the 200). */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** After each test: every Slack call the test nocked was made, and none is left for the next. */
export function expectSlackCallsMade(): void {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) throw new Error(`Slack calls nocked but never made: ${pending.join(', ')}`);
}
