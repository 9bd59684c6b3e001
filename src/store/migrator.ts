import { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PlanError } from '../domain/plan-error.js';
import { pgliteMigrationFactory } from './atomic-script-adapters.js';
import { migrationName, readMigrationList, readSchema, writeMigration, type SchemaFile } from './migration-files.js';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { openSchemaEngine } from './schema-engine.js';

const noFilters = { externalTables: [], externalEnums: [] };

export interface MigrationSource {
  schema: SchemaFile;
  migrations: MigrationList;
}

export function projectMigrations(): MigrationSource {
  return { schema: readSchema(), migrations: readMigrationList() };
}

/**
 * Applies pending migrations, like `prisma migrate deploy`, and keeps the same
 * `_prisma_migrations` table. The engine holds a PostgreSQL advisory lock while it works, so
 * replicas starting together apply each migration once.
 */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  source: MigrationSource = projectMigrations(),
): Promise<{ applied: string[]; total: number }> {
  let bound;
  try {
    bound = await openSchemaEngine(factory, source.schema);
  } catch (error) {
    // The engine connects as it starts: a database gone since the reachability check fails here.
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
    throw new PlanError('migration_failed', `Migrating the database failed: ${first}`, { cause: error });
  }
  try {
    const result = await bound.engine.applyMigrations({ migrationsList: source.migrations, filters: noFilters });
    return {
      applied: result.appliedMigrationNames.map((name) => migrationName({ path: name })),
      total: source.migrations.migrationDirectories.length,
    };
  } catch (error) {
    const cause = bound.explain(error);
    throw new PlanError('migration_failed', `Migrating the database failed: ${cause.message}`, { cause });
  } finally {
    await bound.close();
  }
}

/**
 * The SQL that would bring the migration history up to `schema.prisma`; empty when they agree.
 * Runs on throwaway in-memory PGlite databases, so it needs no server and touches no data.
 */
export async function pendingSchemaChanges(source: MigrationSource = projectMigrations()): Promise<string> {
  const scratch = await PGlite.create({ dataDir: 'memory://' });
  const bound = await openSchemaEngine(pgliteMigrationFactory(scratch), source.schema);
  try {
    const result = await bound.engine.diff({
      from: { tag: 'migrations', ...source.migrations },
      to: { tag: 'schemaDatamodel', files: [source.schema] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    // exit code 2 means "there are changes"; an empty diff prints a comment only.
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  } catch (error) {
    throw bound.explain(error);
  } finally {
    await bound.close();
    await scratch.close();
  }
}

const NAME = /^[a-z0-9][a-z0-9_]{0,63}$/;

/** Writes the next migration from the schema change, as `prisma migrate dev --create-only` would. */
export async function createMigration(
  name: string,
  at: Date,
  source: MigrationSource = projectMigrations(),
): Promise<string | undefined> {
  if (!NAME.test(name)) {
    throw new PlanError(
      'invalid_command',
      `Migration name "${name}" must be lower-case letters, digits and underscores, e.g. add_blocker_tags.`,
    );
  }
  const taken = source.migrations.migrationDirectories.map(migrationName);
  const sql = await pendingSchemaChanges(source);
  if (sql.trim() === '') return undefined;
  const folder = writeMigration(source.migrations.baseDir, at, name, sql);
  if (taken.includes(migrationName({ path: folder })))
    throw new PlanError('invalid_command', `Migration ${folder} already exists.`);
  return folder;
}
