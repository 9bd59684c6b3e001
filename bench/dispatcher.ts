// Dispatcher throughput to a zero-latency sender, on in-memory PGlite and (when DATABASE_URL or
// TEST_DATABASE_URL is set) on a scratch database of that PostgreSQL server.
//   npx tsx bench/dispatcher.ts    env: N=5000 TARGETS=500 BATCH=100 CONCURRENCY=16 HISTORY=0 PROPOSED_INDEXES=0
// Prints, per store: the raw claim + "mark sent" rate with no sender (the ceiling the store
// allows) and the dispatcher's rate through a sender. HISTORY pre-loads that many already-sent
// rows on the same targets, to show what sent history costs the order check.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/main.js';
import { ManualClock } from '../src/service/clocks/manual-clock.js';
import { openPostgres, wrapPglite, type Database } from '../src/store/database.js';
import { applyMigrations } from '../src/store/migrator.js';
import { claimDeliverableOutbox, markOutboxSentMany } from '../src/store/outbox-repository.js';
import { FakeSender } from '../test/fakes/fake-sender.js';

const env = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return value;
};
const N = env('N', 5000);
const TARGETS = Math.max(1, env('TARGETS', 500));
const BATCH = env('BATCH', 100);
const CONCURRENCY = Math.max(1, env('CONCURRENCY', 16));
const HISTORY = env('HISTORY', 0);
/** 1 = add the partial indexes proposed for the schema (see proposedIndexes) before measuring. */
const PROPOSED_INDEXES = env('PROPOSED_INDEXES', 0) === 1;
const proposedIndexes = [
  `CREATE INDEX IF NOT EXISTS outbox_message_undelivered_target_idx ON outbox_message (target, created_at, id) WHERE status IN ('pending', 'sending')`,
  `CREATE INDEX IF NOT EXISTS outbox_message_undelivered_due_idx ON outbox_message (next_attempt_at, created_at, id) WHERE status IN ('pending', 'sending')`,
];
const now = new Date('2026-12-07T17:00:00Z');

async function fill(db: Database, prefix: string, count: number, status: 'pending' | 'sent'): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, j) => {
      const i = start + j;
      return {
        idempotencyKey: `${prefix}:${i}`,
        platform: 'slack' as const,
        target: `C${i % TARGETS}`,
        payload: { text: `message ${i}` },
        nextAttemptAt: now,
        status,
      };
    });
    await db.prisma.outboxMessage.createMany({ data: rows });
  }
  await db.prisma.$executeRawUnsafe('ANALYZE outbox_message');
}

/** The store's own ceiling: claim a batch and mark it sent in one statement, nobody called. */
async function rawClaimAndUpdate(db: Database): Promise<number> {
  await fill(db, `raw-${randomUUID()}`, N, 'pending');
  const started = performance.now();
  let done = 0;
  while (done < N) {
    const batch = await claimDeliverableOutbox(db.prisma, {
      now,
      limit: BATCH,
      leaseMs: 600_000,
      platforms: ['slack'],
    });
    if (batch.length === 0) throw new Error(`raw loop stalled at ${done}/${N}`);
    await markOutboxSentMany(
      db.prisma,
      batch.map((m) => ({ ...m, ref: 'raw' })),
      now,
    );
    done += batch.length;
  }
  return (N / (performance.now() - started)) * 1000;
}

async function throughDispatcher(db: Database): Promise<{ rate: number; rounds: number }> {
  await fill(db, `dispatch-${randomUUID()}`, N, 'pending');
  const sender = new FakeSender();
  const { dispatcher } = createApp({
    database: db,
    clock: new ManualClock(now),
    senders: { slack: sender },
    dispatcher: { batchSize: BATCH, concurrency: CONCURRENCY },
  });
  const started = performance.now();
  let rounds = 0;
  while (sender.sent.length < N) {
    const report = await dispatcher.dispatchOnce();
    rounds += 1;
    if (report.claimed === 0) throw new Error(`dispatcher stalled at ${sender.sent.length}/${N}`);
  }
  return { rate: (N / (performance.now() - started)) * 1000, rounds };
}

async function run(label: string, db: Database): Promise<void> {
  try {
    if (PROPOSED_INDEXES) for (const sql of proposedIndexes) await db.prisma.$executeRawUnsafe(sql);
    if (HISTORY > 0) await fill(db, 'history', HISTORY, 'sent');
    const raw = await rawClaimAndUpdate(db);
    await db.prisma.outboxMessage.deleteMany({ where: { idempotencyKey: { startsWith: 'raw-' } } });
    const { rate, rounds } = await throughDispatcher(db);
    console.log(
      `${label.padEnd(11)} raw claim+update ${raw.toFixed(0).padStart(6)} msg/s   dispatcher ${rate.toFixed(0).padStart(6)} msg/s (${rounds} rounds)`,
    );
  } finally {
    await db.close();
  }
}

async function scratchPostgres(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `planbot_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

console.log(
  `dispatcher bench: N=${N} over ${TARGETS} targets, batch ${BATCH}, concurrency ${CONCURRENCY}, ${HISTORY} sent rows of history` +
    (PROPOSED_INDEXES ? ', with the proposed partial indexes' : ''),
);

const pglite = wrapPglite(await PGlite.create({ dataDir: 'memory://' }));
await applyMigrations(pglite.migrationFactory());
await run('PGlite', pglite);

const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (base) {
  // A scratch database, so the bench never writes into a real outbox.
  const scratch = await scratchPostgres(base);
  try {
    const db = openPostgres(scratch.url);
    await applyMigrations(db.migrationFactory());
    await run('PostgreSQL', db);
  } finally {
    await scratch.drop();
  }
} else {
  console.log('PostgreSQL  skipped: set DATABASE_URL or TEST_DATABASE_URL');
}
