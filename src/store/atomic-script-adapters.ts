import { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';

/**
 * Adapter factories for the schema engine. Both stock adapters mishandle migration scripts
 * (NOTES-db.md): pglite-prisma-adapter 0.7.2 does not await `exec`, so a failing migration
 * would be recorded as applied; adapter-pg splits on `;`, which breaks `$$` bodies and is not
 * atomic. Here a script is sent whole, as one simple-protocol query: PostgreSQL runs it as one
 * implicit transaction, so a broken migration leaves nothing half-applied.
 */
type Queryable = SqlDriverAdapter & { onError(error: unknown): never };

function withWholeScript<T extends SqlDriverAdapter>(adapter: T, run: (script: string) => Promise<unknown>): T {
  const queryable = adapter as unknown as Queryable;
  adapter.executeScript = async (script: string) => {
    try {
      await run(script);
    } catch (error) {
      queryable.onError(error);
    }
  };
  return adapter;
}

export function pgliteMigrationFactory(db: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const connectTo = async (client: PGlite, onDispose?: () => Promise<void>) => {
    const adapter = await new PrismaPGlite(client).connect();
    if (onDispose) adapter.dispose = onDispose;
    return withWholeScript(adapter, (script) => client.exec(script));
  };
  return {
    provider: 'postgres',
    adapterName: 'planbot-pglite-migrations',
    connect: () => connectTo(db),
    // The shadow database replays the history for diffs; an in-memory PGlite is enough and isolated.
    connectToShadowDb: async () => {
      const shadow = await PGlite.create({ dataDir: 'memory://' });
      return connectTo(shadow, () => shadow.close());
    },
  };
}

/** A factory whose connections must be closed when the engine is done (the engine does not). */
export type ClosableMigrationFactory = SqlMigrationAwareDriverAdapterFactory & { dispose?(): Promise<void> };

export function postgresMigrationFactory(connectionString: string): ClosableMigrationFactory {
  const pools: pg.Pool[] = [];
  return {
    provider: 'postgres',
    adapterName: 'planbot-postgres-migrations',
    connect: async () => {
      // One connection: the engine's pg_advisory_lock is per session, so every statement must share it.
      const pool = new pg.Pool({ connectionString, max: 1 });
      pools.push(pool);
      const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
      return withWholeScript(adapter, (script) => pool.query(script));
    },
    // Freeing the engine leaves its session open, and with it the migration advisory lock: a
    // second replica starting beside a serving one then timed out waiting for that lock.
    dispose: async () => {
      await Promise.all(pools.splice(0).map((pool) => pool.end()));
    },
    // adapter-pg's shadow database connects to the MAIN database (NOTES-db.md); diffs never need
    // PostgreSQL, so refuse rather than risk replaying history onto production.
    connectToShadowDb: async () => {
      throw new Error('planbot computes migration diffs on PGlite; a PostgreSQL shadow database is not used.');
    },
  };
}
