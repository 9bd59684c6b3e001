// A separate process that claims due outbox rows as fast as it can with several concurrent
// workers, then prints the ids it got. The race test runs two of these against one database.
import { openPostgres } from '../../src/store/database.js';
import { claimDueOutbox } from '../../src/store/outbox-repository.js';

const [url, workersArg, nowArg] = process.argv.slice(2);
if (!url || !workersArg || !nowArg) throw new Error('usage: claim-worker <url> <workers> <now>');
const db = openPostgres(url);
const now = new Date(nowArg);
const claimed: string[] = [];

await Promise.all(
  Array.from({ length: Number(workersArg) }, async () => {
    for (;;) {
      const batch = await claimDueOutbox(db.prisma, now, 7, 600_000);
      if (batch.length === 0) return;
      claimed.push(...batch.map((m) => m.id));
    }
  }),
);
await db.close();
process.stdout.write(JSON.stringify(claimed));
