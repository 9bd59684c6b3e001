// Fan-out benchmark (a script, not a test): one ladder tier that reaches 10,000 members, claimed
// and queued as 10,000 DMs in one scheduler tick (target ≤ 2 s on PostgreSQL), then delivered
// to a zero-latency in-process sender. Baseline in the same run: a tick with nothing due. The same
// fan-out end to end, through SlackSender and HTTP to a fake Slack: bench/fanout-e2e.ts.
//   TEST_DATABASE_URL=… npx tsx bench/fanout.ts [members]
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/service/clocks/manual-clock.js';
import type { Sender } from '../src/service/ports/sender.js';
import { openBenchDatabase } from './bench-database.js';
import { FANOUT_INSTANT, FANOUT_PLAN_ID, seedFanoutPlan } from './bench-fanout.js';

const MEMBERS = Number(process.argv[2] ?? 10_000);
const now = FANOUT_INSTANT;

const { db, kind, close } = await openBenchDatabase();
try {
  await seedFanoutPlan(db, MEMBERS);

  let delivered = 0;
  const sender: Sender = { send: async () => ({ ok: true, ref: `ts-${(delivered += 1)}` }) };
  const clock = new ManualClock(now);
  const app = createApp({ database: db, clock, senders: { slack: sender } });

  const loadStart = performance.now();
  await app.store.loadPlanState(FANOUT_PLAN_ID);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const idle = performance.now();
  await app.scheduler.tick();
  const idleSeconds = (performance.now() - idle) / 1000;
  const queued = await db.prisma.outboxMessage.count();
  console.log(
    `${kind}: ${MEMBERS.toLocaleString('en')} members; one tick claimed the tier and queued ${queued.toLocaleString('en')} DMs in ${(idleSeconds * 1000).toFixed(0)} ms (target ≤ 2,000 ms), of which loading the plan ≈ ${(loadSeconds * 1000).toFixed(0)} ms`,
  );

  const baselineStart = performance.now();
  await app.scheduler.tick();
  const baseline = (performance.now() - baselineStart) / 1000;
  console.log(
    `baseline: a tick with nothing due ${(baseline * 1000).toFixed(1)} ms; fan-out tick / baseline = ${(idleSeconds / baseline).toFixed(0)}×`,
  );

  const sendStart = performance.now();
  for (let round = 0; round < 10_000 && delivered < queued; round += 1) await app.dispatcher.dispatchOnce();
  const sendSeconds = (performance.now() - sendStart) / 1000;
  console.log(
    `delivered ${delivered.toLocaleString('en')} DMs to a zero-latency sender in ${sendSeconds.toFixed(2)} s (${Math.round(delivered / sendSeconds).toLocaleString('en')} msg/s)`,
  );
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`peak-ish RSS ${rss.toFixed(0)} MiB`);
} finally {
  await close();
}
process.exit(0);
