import { PGlite } from '@electric-sql/pglite';
import { wrapPglite, type Database } from './database.js';
import { applyMigrations } from './migrator.js';

/** A migrated database that lives in memory and disappears on close: for `planbot simulate`. */
export async function openEphemeralDatabase(): Promise<Database> {
  const database = wrapPglite(await PGlite.create({ dataDir: 'memory://' }), 'in-memory PGlite');
  await applyMigrations(database.migrationFactory());
  return database;
}
