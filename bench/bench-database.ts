import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { openPostgres, wrapPglite, type Database } from '../src/store/database.js';
import { applyMigrations } from '../src/store/migrator.js';

/**
 * A scratch database for a benchmark: a fresh database on the PostgreSQL server named by
 * BENCH_DATABASE_URL / TEST_DATABASE_URL, else an in-memory PGlite. Dropped on close.
 */
export async function openBenchDatabase(): Promise<{ db: Database; kind: string; close(): Promise<void> }> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    const db = wrapPglite(await PGlite.create({ dataDir: 'memory://' }));
    await applyMigrations(db.migrationFactory());
    return { db, kind: 'PGlite (in memory)', close: () => db.close() };
  }
  const name = `planbot_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  await applyMigrations(db.migrationFactory());
  return {
    db,
    kind: 'PostgreSQL',
    close: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
