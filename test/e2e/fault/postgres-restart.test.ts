import { describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../../src/store/database.js';
import { applyMigrations } from '../../../src/store/migrator.js';
import { startFakeSlack } from '../fakes/fake-slack.js';
import { slackEnv, startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../../support/planbot-server.js';
import { postgresBinDir, startScratchCluster, type ScratchCluster } from '../../support/scratch-postgres-cluster.js';
import { storeKinds } from '../../support/test-databases.js';
import { waitFor } from '../../support/wait-for.js';
import {
  deliveryCounts,
  queueSlackMessages,
  summary,
  waitForDrain,
  workdir,
  type QueuedMessage,
} from './fault-helpers.js';

const CHANNELS = 10;
const PER_CHANNEL = 30;
// Mid-round: each round posts once to each of the ten channels.
const STOP_AFTER_POSTS = 55;
/** How long PostgreSQL stays down at least: the fault itself, not a wait for planbot. */
const DOWN_MS = 3_000;

/**
 * Invariant 2 when the database goes away: PostgreSQL is stopped in the middle of delivery and
 * started again 3 s later. planbot keeps running, reports the failing ticks, and once the server
 * is back finishes the backlog with nothing lost and nothing posted twice. Runs on a cluster of
 * its own, never the shared test server.
 */
describe.runIf(storeKinds().includes('postgres') && postgresBinDir() !== undefined)(
  'fault: PostgreSQL restarted mid-run',
  { timeout: 120_000 },
  () => {
    it('planbot survives the outage and delivers every message once', async () => {
      let cluster: ScratchCluster | undefined;
      let db: Database | undefined;
      let server: PlanbotServer | undefined;
      const slack = await startFakeSlack({ latencyMs: () => 10 + Math.random() * 10 });
      try {
        cluster = await startScratchCluster();
        db = openPostgres(cluster.url);
        await applyMigrations(db.migrationFactory());
        // Ten channels of thirty: one post per channel per round, so delivery spans the outage.
        const queued: QueuedMessage[] = [];
        for (let i = 1; i <= PER_CHANNEL; i += 1) {
          for (let c = 0; c < CHANNELS; c += 1)
            queued.push({ key: `pg:${c}:${i}`, target: `C0CHAN${c}`, text: `channel ${c} message #${i}` });
        }
        await queueSlackMessages(db.prisma, queued, new Date());

        // At the Nth post, Slack keeps its answers until the database is down: the posts in flight
        // have reached Slack, but planbot can only record them after the restart.
        let stopped!: () => void;
        const databaseDown = new Promise<void>((resolve) => (stopped = resolve));
        slack.onCall = (call) => {
          if (call.method === 'chat.postMessage' && slack.callsOf('chat.postMessage').length === STOP_AFTER_POSTS)
            slack.holdAnswers = databaseDown;
        };
        const planbot = await startPlanbotServer(slackEnv(slack.url, cluster.url), workdir());
        server = planbot;
        // (A boolean: holdAnswers is a promise, which waitFor would await.)
        await waitFor(() => slack.holdAnswers !== undefined, {
          timeoutMs: 60_000,
          intervalMs: 20,
          what: `post ${STOP_AFTER_POSTS} to reach Slack`,
        });
        await cluster.stop();
        const downAt = Date.now();
        stopped();
        const postsAtStop = slack.callsOf('chat.postMessage').length;
        // The outage is the fault under test, so it has a length (DOWN_MS, as the README's table
        // says); it also lasts until planbot has failed a tick against the stopped server, so the
        // "tick failed" report checked below is seen, not hoped for on a slow machine.
        await waitFor(() => Date.now() - downAt >= DOWN_MS && tickFailures(planbot) > 0, {
          timeoutMs: 60_000,
          what: `${DOWN_MS} ms of outage and a "tick failed" line from planbot`,
        });
        const postsWhileDown = slack.callsOf('chat.postMessage').length - postsAtStop;
        const backAt = new Date();
        await cluster.start();

        // Claims the outage interrupted keep their 60 s lease; end those now instead of waiting
        // (the lease length is not under test). Claims made after the restart lease past backAt + 60 s.
        const interrupted = await db.prisma.outboxMessage.updateMany({
          where: { status: 'sending', lockedUntil: { lt: new Date(backAt.getTime() + 60_000) } },
          data: { lockedUntil: new Date() },
        });
        const drained = await waitForDrain(db.prisma, 60_000);
        const reconciled = await db.prisma.outboxMessage.count({ where: { attempts: { gt: 1 } } });
        const recoveredAfterMs = Date.now() - backAt.getTime();
        expect(server.child.exitCode).toBeNull();
        expect(drained).toEqual({ sent: queued.length });

        const counts = await deliveryCounts(db.prisma, slack);
        console.log(
          summary('PostgreSQL stopped for 3 s mid-delivery', counts, {
            postsAtStop,
            postsWhileDown,
            interruptedClaims: interrupted.count,
            retriedAfterRestart: reconciled,
            historyLookups: slack.callsOf('conversations.history').length,
            tickFailures: tickFailures(server),
            recoveredAfterMs,
          }),
        );
        expect(counts).toMatchObject({ queued: queued.length, sent: queued.length, parked: 0, lost: 0, duplicated: 0 });
        // It said what was wrong while the database was away.
        expect(tickFailures(server)).toBeGreaterThan(0);
        for (let c = 0; c < CHANNELS; c += 1) {
          const shown = (slack.channels.get(`C0CHAN${c}`) ?? []).map((m) => Number(/#(\d+)/.exec(m.text)?.[1]));
          expect(shown, `order in C0CHAN${c}`).toEqual(Array.from({ length: PER_CHANNEL }, (_, i) => i + 1));
        }
      } finally {
        await stopPlanbotServer(server);
        await slack.close();
        await db?.close();
        await cluster?.destroy();
      }
    });
  },
);

/** The ticks planbot reported failing in its log. */
function tickFailures(server: PlanbotServer): number {
  return server
    .stdout()
    .split('\n')
    .filter((line) => line.includes('tick failed')).length;
}
