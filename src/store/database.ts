import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { describeDatabase, type DatabaseConfig } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { pgliteMigrationFactory, postgresMigrationFactory } from './atomic-script-adapters.js';
import { lockDataDir } from './data-dir-lock.js';

export type { PrismaClient } from '../generated/prisma/client.js';

/** An open store: the Prisma client the app uses, and what the schema engine migrates through. */
export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: DatabaseConfig['kind'];
  /** Where the data lives, safe to print (no password). */
  readonly description: string;
  migrationFactory(): SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url) : openPgliteFolder(config.dataDir);
}

export function openPostgres(url: string): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return {
    prisma,
    kind: 'postgres',
    description: describeDatabase({ kind: 'postgres', url }),
    migrationFactory: () => postgresMigrationFactory(url),
    close: () => prisma.$disconnect(),
  };
}

async function openPgliteFolder(dataDir: string): Promise<Database> {
  // PGlite's own mkdir is not recursive.
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir });
    const database = wrapPglite(pglite, describeDatabase({ kind: 'pglite', dataDir }));
    return {
      ...database,
      close: async () => {
        try {
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** A store on an already open PGlite (tests load a migrated template into memory). */
export function wrapPglite(pglite: PGlite, description = 'in-memory PGlite'): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: 'pglite',
    description,
    migrationFactory: () => pgliteMigrationFactory(pglite),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
