import { renderText } from '../../src/adapters/console/render-text.js';
import { createApp, type App } from '../../src/main.js';
import { parsePlanData } from '../../src/plans/plan-data.js';
import { storeImport } from '../../src/service/commands/import-plan.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import type { Message } from '../../src/service/messages/message.js';
import { parseCommandText } from '../../src/service/commands/parse-command.js';
import { buildPlanSnapshot } from '../../src/service/read-model/plan-snapshot.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import type { Database } from '../../src/store/database.js';
import type { Keyring } from '../../src/store/keyring.js';
import { FakeSender } from '../fakes/fake-sender.js';

export interface TestApp extends App {
  clock: ManualClock;
  slack: FakeSender;
  teams: FakeSender;
  console: FakeSender;
  /** Receives PagerDuty events (payloads are events, not Messages, so `delivered()` leaves them out). */
  pagerduty: FakeSender;
  /** Runs `/plan <text>` as a Slack user of a workspace, as the Slack adapter would. */
  run(workspace: WorkspaceRef, userId: string, text: string, channel?: string): Promise<Message>;
  /** Messages delivered so far, with `body` as a reader sees it (blocks rendered as text). */
  delivered(): { platform: string; target: string; kind: string; text: string; body: string; key: string }[];
}

let counter = 0;

/** The same wiring as production, with a clock tests move and senders that record. */
export function createTestApp(database: Database, start: string, options: { keyring?: Keyring } = {}): TestApp {
  const clock = new ManualClock(start);
  const slack = new FakeSender();
  const teams = new FakeSender();
  const consoleSender = new FakeSender();
  const pagerduty = new FakeSender();
  const app = createApp({
    database,
    clock,
    senders: { slack, teams, console: consoleSender, pagerduty },
    random: () => 0.5,
    scheduler: { instanceId: `test-${(counter += 1)}` },
    ...(options.keyring ? { keyring: options.keyring } : {}),
  });
  return {
    ...app,
    clock,
    slack,
    teams,
    console: consoleSender,
    pagerduty,
    async run(workspace, userId, text, channel) {
      const parsed = parseCommandText(text);
      if (!parsed.ok) throw new Error(parsed.error);
      const reply = await app.service.handle(
        { workspace, ...(channel ? { channel } : {}), actor: { platform: workspace.platform, userId } },
        parsed.command,
      );
      await app.step();
      return reply;
    },
    delivered() {
      return [slack, teams, consoleSender].flatMap((sender) =>
        sender.sent.map(({ message }) => {
          const payload = message.payload as unknown as Message;
          return {
            platform: message.platform,
            target: message.target,
            kind: payload.kind,
            text: payload.text,
            body: renderText(payload),
            key: message.idempotencyKey,
          };
        }),
      );
    },
  };
}

/** Imports a YAML plan into a workspace at the app's current time. */
export async function importYaml(app: TestApp, workspace: WorkspaceRef, yaml: string, channel: string) {
  const { plan, warnings, unplaced } = parsePlanData(yaml, 'yaml', 'plan.yaml');
  const snapshot = buildPlanSnapshot(plan, app.clock.now());
  const request = { text: yaml, file: 'plan.yaml', workspace, channel, importedBy: 'test' };
  return storeImport(app.planVersions, request, { result: { plan, warnings, unplaced }, snapshot }, app.clock.now());
}
