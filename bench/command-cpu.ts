// CPU per command without HTTP (a script, not a test): the bench/load.ts plan (50 members, 300
// tasks, 40 open blockers), and the same command mix — Slack `/plan blockers|status|today`, Teams
// `blockers|status` rendered as the outbound card activity — run one at a time through PlanService.
// Prints CPU ms per command (process.cpuUsage, so other load on the machine inflates it far less
// than it does bench/load.ts's throughput).
//   . /tmp/pgenv; ROUNDS=600 npx tsx bench/command-cpu.ts      (PostgreSQL via TEST_DATABASE_URL; PGlite without)
import { toOutboundActivity } from '../src/adapters/teams/outbound-activity.js';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/service/clocks/manual-clock.js';
import type { Command } from '../src/service/commands/command.js';
import type { WorkspaceRef } from '../src/service/read-model/workspace-ref.js';
import { openBenchDatabase } from './bench-database.js';
import { seedBenchPlan } from './bench-plan.js';

const ROUNDS = Number(process.env.ROUNDS ?? 600);
const slackWorkspace: WorkspaceRef = { platform: 'slack', externalId: 'T0BENCH', name: 'Bench' };
const teamsWorkspace: WorkspaceRef = {
  platform: 'teams',
  externalId: 'bbbbbbbb-0000-4000-8000-0000000be7c4',
  name: 'Bench',
};
const slackUser = (i: number) => `U${String(i).padStart(6, '0')}`;
const teamsUser = (i: number) => `aad-bench-${i}`;

const { db, kind, close } = await openBenchDatabase();
try {
  const clock = new ManualClock('2026-12-09T22:00:00Z');
  const app = createApp({ database: db, clock, senders: {} });
  await seedBenchPlan(app, clock, slackWorkspace, 'C0BENCH', slackUser);
  await seedBenchPlan(app, clock, teamsWorkspace, '19:bench@thread.tacv2', teamsUser);
  const cases: { label: string; run: (n: number) => Promise<unknown> }[] = [];
  for (const name of ['blockers', 'status', 'today'] as const) {
    cases.push({
      label: `slack ${name}`,
      run: (n) =>
        app.service.handle(
          {
            workspace: slackWorkspace,
            channel: 'C0BENCH',
            actor: { platform: 'slack', userId: slackUser(name === 'blockers' ? 0 : 1 + (n % 49)) },
          },
          { name, args: {} } as Command,
        ),
    });
  }
  for (const name of ['blockers', 'status'] as const) {
    cases.push({
      label: `teams ${name} + card`,
      run: async (n) =>
        toOutboundActivity(
          await app.service.handle(
            {
              workspace: teamsWorkspace,
              channel: '19:bench@thread.tacv2',
              actor: { platform: 'teams', userId: teamsUser(name === 'blockers' ? 0 : 1 + (n % 49)) },
            },
            { name, args: {} } as Command,
          ),
        ),
    });
  }
  console.log(`CPU per command on ${kind}, ${ROUNDS} rounds each after ${ROUNDS / 5} warm-up`);
  for (const { label, run } of cases) {
    for (let n = 0; n < ROUNDS / 5; n += 1) await run(n);
    const before = process.cpuUsage();
    for (let n = 0; n < ROUNDS; n += 1) await run(n);
    const used = process.cpuUsage(before);
    console.log(`  ${label.padEnd(22)} ${((used.user + used.system) / 1000 / ROUNDS).toFixed(3)} ms`);
  }
} finally {
  await close();
}
