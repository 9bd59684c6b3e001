import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { openPostgres, wrapPglite, type Database } from '../../src/store/database.js';
import { applyMigrations } from '../../src/store/migrator.js';

export type StoreKind = 'pglite' | 'postgres';

/**
 * The databases the store suite runs against: PGlite always; PostgreSQL when TEST_DATABASE_URL
 * is set. In CI the PostgreSQL run is required, so a missing URL fails instead of skipping.
 */
export function storeKinds(): StoreKind[] {
  if (process.env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
  if (process.env.CI === 'true')
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite must run in CI (see .ci/run).');
  return ['pglite'];
}

let template: Promise<Blob> | undefined;

/**
 * A migrated PGlite, dumped once per test worker and loaded into memory for each test:
 * ~0.5 s instead of an initdb and a migration (3–4 s) every time.
 */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const db = await PGlite.create({ dataDir: 'memory://' });
    await applyMigrations(wrapPglite(db).migrationFactory());
    const dump = await db.dumpDataDir('none');
    await db.close();
    return dump;
  })();
  return template;
}

export interface TestDatabase extends Database {
  /** PostgreSQL only: the scratch database's URL, for a second client (another "replica"). */
  url?: string;
  /** Drops what the test created (a PostgreSQL database); PGlite memory just goes away. */
  destroy(): Promise<void>;
}

export async function openTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = wrapPglite(await PGlite.create({ dataDir: 'memory://', loadDataDir: await pgliteTemplate() }));
    return { ...db, destroy: () => db.close() };
  }
  const { url, drop } = await createScratchPostgresDatabase();
  const db = openPostgres(url);
  await applyMigrations(db.migrationFactory());
  return {
    ...db,
    url,
    destroy: async () => {
      await db.close();
      await drop();
    },
  };
}

/** A fresh, empty PostgreSQL database on the test server, so test files never share state. */
export async function createScratchPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `planbot_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
