// Fan-out benchmark (a script, not a test): one ladder tier that reaches 10,000 members, claimed
// and queued as 10,000 DMs in one scheduler tick (target ≤ 2 s on PostgreSQL), then delivered
// to a zero-latency sender. Baseline in the same run: a tick with nothing due.
//   TEST_DATABASE_URL=… npx tsx bench/fanout.ts [members]
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/service/manual-clock.js';
import type { Sender } from '../src/service/sender.js';
import { openBenchDatabase } from './bench-database.js';

const MEMBERS = Number(process.argv[2] ?? 10_000);
const now = new Date('2026-12-09T18:00:00Z');
const document = {
  name: 'Fan-out', timezone: 'America/Los_Angeles', startDate: '2026-12-07', workingDays: [1, 2, 3, 4, 5], holidays: [], members: [], tasks: [], milestones: [],
  buffer: { days: [] }, rituals: [], rules: { slipThresholdBusinessDays: 1, pushDependantsToBuffer: false },
  ladder: [{ label: 'Everyone', target: { kind: 'role', role: 'member' }, delayMinutes: 0, businessHours: false }],
};

const { db, kind, close } = await openBenchDatabase();
try {
  const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
  await sql(`INSERT INTO workspace (id, platform, external_id, name, updated_at) VALUES ('00000000-0000-7000-8000-000000000001', 'slack', 'T1', 'bench', now())`);
  await sql(`INSERT INTO plan (id, workspace_id, name, timezone, channel, updated_at) VALUES ('00000000-0000-7000-9000-000000000001', '00000000-0000-7000-8000-000000000001', 'Fan-out', 'America/Los_Angeles', 'C1', now())`);
  await sql(`INSERT INTO plan_version (id, plan_id, version, document) VALUES (gen_random_uuid(), '00000000-0000-7000-9000-000000000001', 1, '${JSON.stringify(document)}'::jsonb)`);
  await sql(`INSERT INTO member (id, plan_id, key, display_name, roles) SELECT gen_random_uuid(), '00000000-0000-7000-9000-000000000001', 'm' || g, 'Member ' || g, '{member}' FROM generate_series(1, ${MEMBERS}) g`);
  await sql(`INSERT INTO chat_identity (id, member_id, platform, external_id) SELECT gen_random_uuid(), id, 'slack', 'U' || key FROM member`);
  await sql(`INSERT INTO blocker (id, plan_id, number, summary, opened_at, next_escalation_at) VALUES (gen_random_uuid(), '00000000-0000-7000-9000-000000000001', 1, 'Outage', '${now.toISOString()}', '${now.toISOString()}')`);
  await sql('ANALYZE');

  let delivered = 0;
  const sender: Sender = { send: async () => ({ ok: true, ref: `ts-${(delivered += 1)}` }) };
  const clock = new ManualClock(now);
  const app = createApp({ database: db, clock, senders: { slack: sender } });

  const loadStart = performance.now();
  await app.store.loadPlanState('00000000-0000-7000-9000-000000000001');
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const idle = performance.now();
  await app.scheduler.tick();
  const idleSeconds = (performance.now() - idle) / 1000;
  const queued = await db.prisma.outboxMessage.count();
  console.log(`${kind}: ${MEMBERS.toLocaleString('en')} members; one tick claimed the tier and queued ${queued.toLocaleString('en')} DMs in ${(idleSeconds * 1000).toFixed(0)} ms (target ≤ 2,000 ms), of which loading the plan ≈ ${(loadSeconds * 1000).toFixed(0)} ms`);

  const baselineStart = performance.now();
  await app.scheduler.tick();
  const baseline = (performance.now() - baselineStart) / 1000;
  console.log(`baseline: a tick with nothing due ${(baseline * 1000).toFixed(1)} ms; fan-out tick / baseline = ${(idleSeconds / baseline).toFixed(0)}×`);

  const sendStart = performance.now();
  for (let round = 0; round < 10_000 && delivered < queued; round += 1) await app.dispatcher.dispatchOnce();
  const sendSeconds = (performance.now() - sendStart) / 1000;
  console.log(`delivered ${delivered.toLocaleString('en')} DMs to a zero-latency sender in ${sendSeconds.toFixed(2)} s (${Math.round(delivered / sendSeconds).toLocaleString('en')} msg/s)`);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`peak-ish RSS ${rss.toFixed(0)} MiB`);
} finally {
  await close();
}
process.exit(0);
