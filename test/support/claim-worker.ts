// A separate process that claims and "delivers" due outbox rows as fast as it can with several
// concurrent workers, then prints the ids it got. The race test runs two of these against one database.
import { openPostgres } from '../../src/store/database.js';
import { claimDeliverableOutbox, markOutboxSentMany } from '../../src/store/outbox-repository.js';

const [url, workersArg, nowArg] = process.argv.slice(2);
if (!url || !workersArg || !nowArg) throw new Error('usage: claim-worker <url> <workers> <now>');
const db = openPostgres(url);
const now = new Date(nowArg);
const claimed: string[] = [];

await Promise.all(
  Array.from({ length: Number(workersArg) }, async () => {
    for (;;) {
      const batch = await claimDeliverableOutbox(db.prisma, { now, limit: 7, leaseMs: 600_000, platforms: ['slack'] });
      if (batch.length === 0) return;
      claimed.push(...batch.map((m) => m.id));
      // Delivered at once: the next message of each conversation becomes claimable.
      await markOutboxSentMany(
        db.prisma,
        batch.map((m) => ({ id: m.id, attempts: m.attempts, ref: `ref-${m.id}` })),
        now,
      );
    }
  }),
);
await db.close();
process.stdout.write(JSON.stringify(claimed));
