import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../src/store/database.js';
import { applyMigrations } from '../../src/store/migrator.js';
import { enqueueOutboxMany } from '../../src/store/outbox-repository.js';
import { createScratchPostgresDatabase, storeKinds } from '../support/test-databases.js';

const run = promisify(execFile);
const worker = join(import.meta.dirname, '../support/claim-worker.ts');
const ROWS = 2000;

// Two processes stand for two planbot replicas; only PostgreSQL has more than one connection.
describe.runIf(storeKinds().includes('postgres'))('two processes claiming due outbox rows on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let db: Database;

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    db = openPostgres(scratch.url);
    await applyMigrations(db.migrationFactory());
    // Queued the way the product queues a burst (one statement, statistics refreshed after it).
    await enqueueOutboxMany(
      db.prisma,
      Array.from({ length: ROWS }, (_, i) => ({
        idempotencyKey: `race:${i}`,
        platform: 'slack' as const,
        // Many conversations: a claim hands out one message per conversation at a time.
        target: `C${i % 400}`,
        payload: { n: i },
        notBefore: new Date('2026-12-07T17:00:00Z'),
      })),
    );
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('hands every row to exactly one claimant', async () => {
    const claimants = await Promise.all(
      ['a', 'b'].map(() =>
        run(process.execPath, ['--import', 'tsx', worker, scratch.url, '4', '2026-12-07T17:00:00Z'], {
          maxBuffer: 16 * 1024 * 1024,
        }),
      ),
    );
    const ids = claimants.map(({ stdout }) => JSON.parse(stdout) as string[]);
    const all = ids.flat();

    expect(all).toHaveLength(ROWS);
    expect(new Set(all).size).toBe(ROWS);
    // Both processes really competed; otherwise this test proves nothing about races.
    expect(ids[0]!.length).toBeGreaterThan(0);
    expect(ids[1]!.length).toBeGreaterThan(0);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent', attempts: 1 } })).toBe(ROWS);
  });
});
