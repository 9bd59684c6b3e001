import { describeDatabase, type Config } from '../config.js';
import { openDatabase, type Database } from '../store/database.js';
import { applyMigrations } from '../store/migrator.js';
import { checkPostgresReachable } from '../store/postgres-reachable.js';
import type { CliContext } from './cli-context.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Opens the configured store and brings its schema up to date, saying what it is doing. */
export async function openMigratedDatabase(config: Config, ctx: CliContext): Promise<Database> {
  const fresh = config.database.kind === 'pglite' && !existsSync(join(config.database.dataDir, 'PG_VERSION'));
  ctx.err(
    `Opening ${describeDatabase(config.database)}${fresh ? ' (new folder: creating the database takes a few seconds)' : ''}…`,
  );
  // A database that does not answer is one line saying what to fix (exit 4), not the schema engine's stack.
  if (config.database.kind === 'postgres') await checkPostgresReachable(config.database.url);
  const database = await openDatabase(config.database);
  try {
    const { applied, total } = await applyMigrations(database.migrationFactory());
    ctx.err(
      applied.length === 0
        ? `Database schema is up to date (${total} migration${total === 1 ? '' : 's'}).`
        : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}.`,
    );
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
