import type { Logger } from 'pino';
import { stringify } from 'yaml';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/slack-app.js';
import type { App } from '../src/main.js';
import { parsePlanData } from '../src/plans/plan-data.js';
import type { Clock } from '../src/service/ports/clock.js';
import { storeImport } from '../src/service/commands/import-plan.js';
import { buildPlanSnapshot } from '../src/service/read-model/plan-snapshot.js';
import { SystemClock } from '../src/service/clocks/system-clock.js';
import type { WorkspaceRef } from '../src/service/read-model/workspace-ref.js';
import type { Database } from '../src/store/database.js';

/**
 * The plan the command benchmarks run against: 50 members (m0 leads), 300 tasks in chains of
 * dependencies, and 40 open blockers, imported into `workspace` with `channel` as its channel.
 * `userId(i)` is member i's chat id on the workspace's platform.
 */
export async function seedBenchPlan(
  app: App,
  clock: Clock,
  workspace: WorkspaceRef,
  channel: string,
  userId: (i: number) => string,
): Promise<void> {
  const platform = workspace.platform;
  const members = Array.from({ length: 50 }, (_, i) => ({
    key: `m${i}`,
    name: `Member ${i}`,
    roles: [i === 0 ? 'lead' : 'member'],
    ...(platform === 'teams' ? { teamsId: userId(i) } : { slackId: userId(i) }),
  }));
  const tasks = Array.from({ length: 300 }, (_, i) => ({
    key: `t${i}`,
    title: `Task ${i}`,
    owner: `m${i % 50}`,
    day: 1 + (i % 20),
    ...(i >= 10 ? { dependsOn: [`t${i - 10}`] } : {}),
  }));
  const yaml = stringify({
    name: `Bench plan (${platform})`,
    timezone: 'America/Los_Angeles',
    startDate: '2026-12-07',
    members,
    rituals: [{ kind: 'triage', localTime: '14:00', days: [1, 2, 3, 4, 5] }],
    ladder: [{ label: 'Lead', target: { kind: 'member', member: 'm0' }, delayMinutes: 0 }],
    tasks,
  });
  const file = `bench-${platform}.yaml`;
  const { plan, warnings, unplaced } = parsePlanData(yaml, 'yaml', file);
  await storeImport(
    app.planVersions,
    { text: yaml, file, workspace, channel, importedBy: 'bench' },
    { result: { plan, warnings, unplaced }, snapshot: buildPlanSnapshot(plan, clock.now()) },
    clock.now(),
  );
  for (let i = 0; i < 40; i += 1) {
    await app.service.handle(
      { workspace, channel, actor: { platform, userId: userId(i % 50) } },
      { name: 'block', args: { taskKey: `t${i * 7}`, text: `Blocked by dependency ${i}` } },
    );
  }
}

/** planbot's real Slack adapter over the app, offline (no auth.test), started and ready to mount. */
export async function benchSlackAdapter(
  app: App,
  db: Database,
  clock: Clock,
  signingSecret: string,
  logger: Logger,
): Promise<SlackAdapter> {
  const adapter = createSlackAdapter({
    config: { signingSecret, botToken: 'xoxb-bench', apiUrl: 'http://127.0.0.1:9/api/' },
    service: app.service,
    store: app.store,
    ...app.slackStores,
    clock,
    // Slack signs with real time; the guard must check with it even though the plan clock is fixed.
    requestClock: new SystemClock(),
    logger,
    chatImport: app.chatImport,
    offline: { botId: 'B0BENCH', botUserId: 'U0BENCH' },
  });
  await adapter.start();
  return adapter;
}
