import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher, type DispatchReport } from '../../src/scheduler/dispatcher.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import { openPostgres, type Database } from '../../src/store/database.js';
import { applyMigrations } from '../../src/store/migrator.js';
import { enqueueOutbox } from '../../src/store/outbox-repository.js';
import { PrismaOutbox } from '../../src/store/prisma-outbox.js';
import { FakeSender } from '../fakes/fake-sender.js';
import { createScratchPostgresDatabase, storeKinds } from '../support/test-databases.js';

const MESSAGES = 500;
const TARGETS = 25;

// Two clients with their own connection pools stand for two replicas; PGlite has one connection.
describe.runIf(storeKinds().includes('postgres'))('two dispatchers draining one outbox on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let replicas: Database[] = [];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    replicas = [openPostgres(scratch.url), openPostgres(scratch.url)];
    await applyMigrations(replicas[0]!.migrationFactory());
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await scratch?.drop();
  });

  it('delivers each message exactly once and keeps the order per target', async () => {
    const clock = new ManualClock('2026-12-07T17:00:00Z');
    const db = replicas[0]!.prisma;
    const keysByTarget = new Map<string, string[]>();
    for (let i = 0; i < MESSAGES; i++) {
      const target = `C${i % TARGETS}`;
      const key = `race:${i}`;
      await enqueueOutbox(db, {
        idempotencyKey: key,
        platform: 'slack',
        target,
        payload: { n: i },
        notBefore: clock.now(),
      });
      keysByTarget.set(target, [...(keysByTarget.get(target) ?? []), key]);
    }
    const sender = new FakeSender();
    const undelivered = () => db.outboxMessage.count({ where: { status: { in: ['pending', 'sending'] } } });

    const drain = async (replica: Database) => {
      const dispatcher = new Dispatcher({
        outbox: new PrismaOutbox(replica.prisma),
        senders: { slack: sender },
        clock,
        options: { batchSize: 10, concurrency: 4 },
      });
      const total: DispatchReport = {
        claimed: 0,
        sent: 0,
        retried: 0,
        rateLimited: 0,
        parked: 0,
        leaseLost: 0,
        reconciled: 0,
      };
      // An empty batch can mean the other replica holds every head right now; stop only when all is sent.
      for (;;) {
        const report = await dispatcher.dispatchOnce();
        for (const k of Object.keys(total) as (keyof DispatchReport)[]) total[k] += report[k];
        if (report.claimed === 0 && (await undelivered()) === 0) return total;
      }
    };
    const reports = await Promise.all(replicas.map(drain));

    const keys = sender.sentKeys();
    expect(keys).toHaveLength(MESSAGES);
    expect(new Set(keys).size).toBe(MESSAGES);
    // Both replicas really took work; otherwise this proves nothing about the race.
    expect(reports[0]!.sent).toBeGreaterThan(0);
    expect(reports[1]!.sent).toBeGreaterThan(0);
    expect(reports.map((r) => r.sent).reduce((a, b) => a + b)).toBe(MESSAGES);
    expect(reports.every((r) => r.leaseLost === 0)).toBe(true);
    for (const [target, expected] of keysByTarget) expect(sender.sentKeys(target)).toEqual(expected);
    expect(await db.outboxMessage.count({ where: { status: 'sent', attempts: 1 } })).toBe(MESSAGES);
  });
});
