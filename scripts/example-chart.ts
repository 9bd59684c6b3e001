// Produces docs/plan-chart.png, the README's example, with the tool itself: imports a three-week
// plan into a scratch folder (`planbot import`), lets its team work through the first eight working
// days on a virtual clock (most tasks done on their day, some a day late, a few still open, re-plans
// approved by the lead), then runs `planbot chart` as of Thursday of week 2.
//   npx tsx scripts/example-chart.ts [out.png]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { ConsoleSender } from '../src/adapters/console/console-sender.js';
import { runCli } from '../src/cli/run-cli.js';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/service/clocks/manual-clock.js';
import { parseCommandText } from '../src/service/commands/parse-command.js';
import { consoleWorkspace } from '../src/service/read-model/workspace-ref.js';
import { openDatabase } from '../src/store/database.js';

const ZONE = 'America/Los_Angeles';
const START = '2026-12-07';
const AS_OF = '2026-12-17T15:00';
const out = resolve(process.argv[2] ?? 'docs/plan-chart.png');
const owners = ['dana', 'luis', 'priya', 'sam'];
const workdays = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19];
// Tasks per working day, as a team's plan tends to bunch them (kick-off light, mid-sprint heavy).
const perDay = [2, 3, 3, 4, 3, 3, 4, 4, 3, 2, 3, 4, 3, 3, 2];
const tasks = workdays.flatMap((day, d) =>
  Array.from({ length: perDay[d]! }, (_, i) => ({ key: `t${day}${String.fromCharCode(97 + i)}`, day, i })),
);
const yaml = `
name: Checkout relaunch
timezone: ${ZONE}
startDate: ${START}
members:
  - { key: dana, name: Dana Kim, roles: [lead] }
  - { key: marcus, name: Marcus Lee, roles: [sponsor] }
  - { key: luis, name: Luis Romero, roles: [member] }
  - { key: priya, name: Priya Mehta, roles: [member] }
  - { key: sam, name: Sam Jackson, roles: [member] }
buffer: { days: [6, 7, 13, 14, 20, 21], swapRule: Stabilise open issues first; pull polish forward only after a clean week. }
rituals:
  - { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }
  - { kind: weekly_memo, localTime: "10:00", days: [1] }
ladder:
  - { label: Lead, target: { kind: member, member: dana }, delayMinutes: 0 }
  - { label: Sponsor, target: { kind: member, member: marcus }, delayMinutes: 240 }
rules: { slipThresholdBusinessDays: 1, slipEscalatesTo: marcus, pushDependantsToBuffer: true }
tasks:
${tasks
  .map(
    ({ key, day, i }, n) =>
      `  - { key: ${key}, title: Task ${n + 1}, owner: ${owners[(n + i) % owners.length]}, day: ${day}${n % 5 === 2 ? `, dependsOn: [${tasks[n - 1]!.key}]` : ''} }`,
  )
  .join('\n')}
`;

// Done on its day, except these: a day late, or still open as of AS_OF.
const late = new Set(['t3b', 't4d', 't9c', 't10a', 't11b']);
const open = new Set(['t4c', 't10d', 't11c', 't12a']);

const cwd = mkdtempSync(join(tmpdir(), 'planbot-example-chart-'));
const ctx = (now: string) => ({
  env: {},
  cwd,
  clock: new ManualClock(DateTime.fromISO(now, { zone: ZONE }).toJSDate()),
  out: (line: string) => console.log(line),
  err: (line: string) => console.error(line),
});
writeFileSync(join(cwd, 'plan.yaml'), yaml);
if ((await runCli(['import', 'plan.yaml'], ctx(`${START}T08:00`))) !== 0) process.exit(1);

const database = await openDatabase({ kind: 'pglite', dataDir: join(cwd, 'var/data') });
try {
  const clock = new ManualClock(DateTime.fromISO(`${START}T08:00`, { zone: ZONE }).toJSDate());
  const app = createApp({ database, clock, senders: { console: new ConsoleSender(() => {}) }, random: () => 0.5 });
  const [plan] = await app.store.listPlans(consoleWorkspace);
  const run = async (as: string, text: string) => {
    const parsed = parseCommandText(text);
    if (!parsed.ok) throw new Error(parsed.error);
    await app.service.handle(
      { workspace: consoleWorkspace, actor: { platform: 'console', userId: as } },
      parsed.command,
    );
  };
  const end = DateTime.fromISO(AS_OF, { zone: ZONE });
  for (let day = DateTime.fromISO(START, { zone: ZONE }); day < end; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    clock.set(day.set({ hour: 9, minute: 30 }).toJSDate());
    await app.step();
    const state = await app.store.loadPlanState(plan!.id);
    for (const replan of state.replans.filter((r) => r.status === 'pending'))
      await run('dana', `replan approve ${replan.number}`);
    clock.set(day.set({ hour: 16 }).toJSDate());
    if (clock.now() > end.toJSDate()) break;
    const ownerOf = (id: string | null) => state.members.find((m) => m.id === id)?.key ?? 'dana';
    for (const task of state.tasks) {
      if (task.status === 'done' || open.has(task.key)) continue;
      const dueToday = task.plannedDate === date && !late.has(task.key);
      const lateToday = late.has(task.key) && DateTime.fromISO(task.plannedDate).plus({ days: 1 }).toISODate() === date;
      if (dueToday || lateToday) await run(ownerOf(task.ownerId), `${task.key} done`);
    }
    await app.step();
  }
} finally {
  await database.close();
}
process.exit(await runCli(['chart', 'Checkout relaunch', '--out', out], ctx(AS_OF)));
