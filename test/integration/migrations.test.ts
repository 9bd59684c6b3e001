import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { openPostgres, wrapPglite, type Database } from '../../src/store/database.js';
import { readMigrationList, readSchema } from '../../src/store/migration-files.js';
import { applyMigrations, pendingSchemaChanges, projectMigrations } from '../../src/store/migrator.js';
import { createScratchPostgresDatabase, storeKinds } from '../support/test-databases.js';

/** The project's history plus one migration that creates a table and then fails. */
function historyWithBrokenMigration() {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-migrations-'));
  cpSync(join(import.meta.dirname, '../../prisma/migrations'), dir, { recursive: true });
  mkdirSync(join(dir, '29991231000000_broken'));
  writeFileSync(
    join(dir, '29991231000000_broken', 'migration.sql'),
    'CREATE TABLE half_applied (id INT);\nINSERT INTO half_applied VALUES (1);\nSELECT no_such_column FROM half_applied;\n',
  );
  return { schema: readSchema(), migrations: readMigrationList(dir) };
}

async function emptyDatabase(kind: 'pglite' | 'postgres'): Promise<{ db: Database; destroy(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = wrapPglite(await PGlite.create({ dataDir: 'memory://' }));
    return { db, destroy: () => db.close() };
  }
  const scratch = await createScratchPostgresDatabase();
  const db = openPostgres(scratch.url);
  return {
    db,
    destroy: async () => {
      await db.close();
      await scratch.drop();
    },
  };
}

describe.each(storeKinds())('migrations on %s', (kind) => {
  it('applies the history once, recording sha256 checksums like prisma migrate deploy', async () => {
    const { db, destroy } = await emptyDatabase(kind);
    try {
      const first = await applyMigrations(db.migrationFactory());
      const second = await applyMigrations(db.migrationFactory());
      const names = projectMigrations().migrations.migrationDirectories.map((d) => d.path);
      expect(first.applied).toEqual(names);
      expect(second.applied).toEqual([]);

      const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string; finished: boolean }[]>(
        'SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows).toEqual(
        names.map((name) => ({
          migration_name: name,
          checksum: createHash('sha256')
            .update(readFileSync(join(import.meta.dirname, '../../prisma/migrations', name, 'migration.sql')))
            .digest('hex'),
          finished: true,
        })),
      );
    } finally {
      await destroy();
    }
  });

  it.runIf(kind === 'postgres')(
    'lets go of the migration lock when done, so a replica starting beside a serving one is not held up',
    async () => {
      const { db, destroy } = await emptyDatabase(kind);
      try {
        await applyMigrations(db.migrationFactory());
        const held = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        );
        expect(Number(held[0]!.n)).toBe(0);
      } finally {
        await destroy();
      }
    },
  );

  it('reports a broken migration with the database error, records it as failed and leaves nothing half-applied', async () => {
    const { db, destroy } = await emptyDatabase(kind);
    try {
      const source = historyWithBrokenMigration();
      await expect(applyMigrations(db.migrationFactory(), source)).rejects.toMatchObject({
        code: 'migration_failed',
        message: expect.stringContaining('no_such_column'),
      });
      const rows = await db.prisma.$queryRawUnsafe<
        { migration_name: string; finished: boolean; rolled_back: boolean }[]
      >(
        'SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows.at(-1)).toEqual({ migration_name: '29991231000000_broken', finished: false, rolled_back: false });
      const [table] = await db.prisma.$queryRawUnsafe<{ t: string | null }[]>(
        "SELECT to_regclass('half_applied')::text AS t",
      );
      expect(table?.t).toBeNull();

      // Until someone resolves it, later runs refuse to go on past the failed migration.
      await expect(applyMigrations(db.migrationFactory(), source)).rejects.toMatchObject({
        code: 'migration_failed',
        message: expect.stringContaining('29991231000000_broken'),
      });
    } finally {
      await destroy();
    }
  });
});

describe('schema drift', () => {
  it('finds no difference between prisma/schema.prisma and prisma/migrations', async () => {
    // If this fails: run `npm run db:migrate:create -- <name>` and commit the new migration.
    expect(await pendingSchemaChanges()).toBe('');
  });

  it('notices a model added to the schema but not to the migrations', async () => {
    const source = projectMigrations();
    const schema = {
      ...source.schema,
      content: `${source.schema.content}\nmodel Holiday {\n  id   Int      @id\n  date DateTime @db.Date\n}\n`,
    };
    expect(await pendingSchemaChanges({ ...source, schema })).toContain('CREATE TABLE "Holiday"');
  });
});
