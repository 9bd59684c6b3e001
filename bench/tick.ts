// Scheduler tick benchmark (a script, not a test): the time of one tick that finds 100 due
// rituals, with 1,000 and then 100,000 rituals stored. A due query that range-scans its index
// costs the same either way; the ratio shows whether cost grows with what is stored.
//   npx tsx bench/tick.ts            (PGlite)   TEST_DATABASE_URL=… npx tsx bench/tick.ts (PostgreSQL)
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/service/clocks/manual-clock.js';
import { openBenchDatabase } from './bench-database.js';

const DUE = 100;
const RITUALS_PER_PLAN = 4;
const now = new Date('2026-12-07T17:00:00Z');

const planDocument = (i: number) => ({
  name: `Plan ${i}`,
  timezone: 'America/Los_Angeles',
  startDate: '2026-12-07',
  workingDays: [1, 2, 3, 4, 5],
  holidays: [],
  members: [],
  tasks: [],
  milestones: [],
  buffer: { days: [] },
  rituals: [],
  ladder: [],
  rules: { slipThresholdBusinessDays: 1, pushDependantsToBuffer: false },
});

async function measure(stored: number): Promise<number> {
  const { db, kind, close } = await openBenchDatabase();
  try {
    const sql = (text: string) => db.prisma.$executeRawUnsafe(text);
    const plans = stored / RITUALS_PER_PLAN;
    await sql(
      `INSERT INTO workspace (id, platform, external_id, name, updated_at) VALUES ('00000000-0000-7000-8000-000000000001', 'console', 'bench', 'bench', now())`,
    );
    await sql(`INSERT INTO plan (id, workspace_id, name, timezone, channel, updated_at)
               SELECT ('00000000-0000-7000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, '00000000-0000-7000-8000-000000000001', 'Plan ' || g, 'America/Los_Angeles', 'plan-' || g, now()
                 FROM generate_series(1, ${plans}) g`);
    await sql(`INSERT INTO plan_version (id, plan_id, version, document)
               SELECT gen_random_uuid(), id, 1, '${JSON.stringify(planDocument(0))}'::jsonb FROM plan`);
    // 100 rituals due now, each on its own plan; the rest due next year.
    await sql(`INSERT INTO ritual (id, plan_id, key, kind, local_time, timezone, days, next_run_at)
               SELECT gen_random_uuid(), p.id, 'r' || k, 'sync', '09:00', 'America/Los_Angeles', '{1,2,3,4,5}',
                      CASE WHEN k = 1 AND p.rn <= ${DUE} THEN '${now.toISOString()}'::timestamptz ELSE '2027-12-01T17:00:00Z'::timestamptz + (p.rn || ' minutes')::interval END
                 FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM plan) p, generate_series(1, ${RITUALS_PER_PLAN}) k`);
    await sql('ANALYZE');
    const app = createApp({ database: db, clock: new ManualClock(now), senders: {} });
    const start = performance.now();
    const report = await app.scheduler.tick();
    const seconds = (performance.now() - start) / 1000;
    if (report.posted !== DUE) throw new Error(`expected ${DUE} posts, got ${JSON.stringify(report)}`);
    console.log(
      `${kind}: ${stored.toLocaleString('en')} rituals stored, ${DUE} due → tick ${(seconds * 1000).toFixed(0)} ms`,
    );
    return seconds;
  } finally {
    await close();
  }
}

// The first run pays for JIT and connection warm-up; it is not counted.
await measure(1_000);
const small = await measure(1_000);
const large = await measure(100_000);
console.log(`ratio 100,000 / 1,000 stored: ${(large / small).toFixed(2)} (target ≤ 1.5)`);
process.exit(0);
