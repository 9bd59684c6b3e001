import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseImport, storeImport, type ImportPlanRequest } from '../../../src/service/commands/import-plan.js';
import { prismaPlanVersionStore } from '../../../src/store/prisma-plan-version-store.js';
import { startFakeSlack } from '../fakes/fake-slack.js';
import { slackEnv, startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../../support/planbot-server.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgres, type Database } from '../../../src/store/database.js';
import { createScratchPostgresDatabase, storeKinds } from '../../support/test-databases.js';
import { waitFor } from '../../support/wait-for.js';
import { deliveryCounts, slashCommand, summary, waitForDrain, waitForTicksFromNow, workdir } from './fault-helpers.js';

const ZONE = 'America/Los_Angeles';
const CHANNEL = 'C0LAUNCH';
const TEAM = 'T0RACE';
const SIGNING_SECRET = slackEnv('', '').SLACK_SIGNING_SECRET!;
/** Sponsors linked to Slack: the ladder's first tier DMs every one of them. */
const SPONSORS = Array.from({ length: 300 }, (_, i) => `U1${String(i).padStart(5, '0')}`);

/**
 * A one-week plan whose daily stand-up is at `localTime` in ZONE, every day, starting `startDate`,
 * and whose ladder tells all sponsors at once when a blocker opens.
 */
function planYaml(startDate: string, localTime: string): string {
  return `name: Replica Race
timezone: ${ZONE}
startDate: ${startDate}
lengthDays: 7
workingDays: [1, 2, 3, 4, 5, 6, 7]
members:
  - name: Dana Kim
    roles: [lead]
    slackId: U0DANA
  - name: Eli Ford
    roles: [member]
    email: eli@example.com
${SPONSORS.map((id) => `  - name: Sponsor ${id}\n    roles: [sponsor]\n    slackId: ${id}`).join('\n')}
ladder:
  - label: Sponsors
    target: { kind: role, role: sponsor }
    delayMinutes: 0
tasks:
  - key: ship
    title: Ship the release notes
    owner: Dana Kim
    day: 1
  - key: review
    title: Review the rollout
    owner: Eli Ford
    day: 1
rituals:
  - kind: standup
    localTime: "${localTime}"
    days: [1, 2, 3, 4, 5, 6, 7]
    questions: [Yesterday?, Today?, Blockers?]
`;
}

/**
 * Invariant 1 with two replicas: both planbot processes run on one PostgreSQL, both wake every
 * second on the real clock, and a stand-up falls due while both are ticking; then a blocker opens
 * and its ladder tier (300 sponsors) falls due. Each replica tries to claim each, and both
 * dispatchers take from the one outbox; every post reaches Slack once.
 */
describe.runIf(storeKinds().includes('postgres'))(
  'fault: two replicas through a ritual minute and an escalation step',
  { timeout: 120_000 },
  () => {
    it('posts the stand-up once and DMs each sponsor once', async () => {
      // Empty: the replicas migrate it themselves.
      const scratch = await createScratchPostgresDatabase();
      const slack = await startFakeSlack({
        teamId: TEAM,
        latencyMs: () => 2 + Math.random() * 8,
        directory: { 'eli@example.com': 'U0ELI' },
      });
      const replicas: PlanbotServer[] = [];
      let db: Database | undefined;
      try {
        const env = slackEnv(slack.url, scratch.url);
        const cwd = workdir();
        // Started at the same instant on an empty database: both migrate (one waits on the
        // migration lock, then finds nothing left to apply) and both serve.
        replicas.push(...(await Promise.all([startPlanbotServer(env, cwd), startPlanbotServer(env, cwd)])));
        db = openPostgres(scratch.url);
        const migrations = await db.prisma.$queryRaw<
          { name: string }[]
        >`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`;
        expect(migrations.map((m) => m.name)).toEqual(migrationNames());

        // The stand-up minute is the current one in the plan's zone; the plan is stored as if
        // imported just before that minute began, so its first stand-up is due at the very next
        // second, when both replicas' once-a-second ticks wake together. (Waiting for the next real
        // minute boundary would prove the same thing in up to 60 s more.)
        const minute = DateTime.now().setZone(ZONE).startOf('minute');
        const importedAt = minute.minus({ seconds: 1 }).toJSDate();
        const request: ImportPlanRequest = {
          text: planYaml(minute.toISODate()!, minute.toFormat('HH:mm')),
          file: 'replica-race.yaml',
          workspace: { platform: 'slack', externalId: TEAM, name: 'Race' },
          channel: CHANNEL,
          importedBy: 'fault-test',
        };
        const saved = await storeImport(
          prismaPlanVersionStore(db.prisma),
          request,
          parseImport(request, importedAt),
          importedAt,
        );

        // Due now: wait for the post; then, for any second one, until both replicas have finished two
        // whole ticks begun after it was delivered (each has seen the claim and had its chance to
        // post again), and until anything those ticks queued is delivered too.
        await waitFor(() => slack.callsOf('chat.postMessage').length > 0, {
          timeoutMs: 30_000,
          what: 'the stand-up post',
        });
        await waitForDrain(db.prisma, 20_000);
        await waitForTicksFromNow(replicas, {
          ticks: 2,
          timeoutMs: 30_000,
          what: 'both replicas to tick after the stand-up',
        });
        await waitForDrain(db.prisma, 20_000);
        expect(replicas.map((r) => r.child.exitCode)).toEqual([null, null]);

        const occurrences = await db.prisma.occurrence.findMany({ where: { ritual: { planId: saved.planId } } });
        const standups = slack.callsOf('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
        const standupCounts = await deliveryCounts(db.prisma, slack);
        const winner = replicas.findIndex((r) => occurrences[0]?.claimedBy?.endsWith(`:${r.child.pid}`));
        console.log(
          summary('two replicas through a stand-up minute', standupCounts, {
            standupPosts: standups.length,
            occurrences: occurrences.length,
            claimedByReplica: winner + 1,
          }),
        );

        expect(occurrences).toHaveLength(1);
        expect(occurrences[0]!.scheduledAt.toISOString()).toBe(minute.toUTC().toISO());
        expect(winner).toBeGreaterThanOrEqual(0);
        expect(standups).toHaveLength(1);
        expect(String(standups[0]!.args.text)).toContain('Replica Race');
        expect(standupCounts).toMatchObject({ parked: 0, lost: 0, duplicated: 0 });
        // The queued post records the ts of that one post, so stand-up answers thread under it.
        const rows = await db.prisma.outboxMessage.findMany({
          where: { target: CHANNEL },
          select: { status: true, platformRef: true },
        });
        expect(rows).toEqual([{ status: 'sent', platformRef: standups[0]!.ts }]);

        // A lead opens a blocker from Slack (a signed slash command to the first replica); tier 1 is
        // due at once, and both replicas' next ticks race to claim it.
        const command = await slashCommand(
          replicas[0]!.port,
          { url: slack.url, secret: SIGNING_SECRET },
          { team: TEAM, channel: CHANNEL, user: 'U0DANA' },
          'block ship waiting on legal sign-off',
        );
        expect(command.status).toBe(200);
        await waitFor(async () => (await db!.prisma.escalationStep.count()) > 0, {
          timeoutMs: 30_000,
          what: 'a replica to claim the escalation step',
        });
        await waitForDrain(db.prisma, 60_000);
        // As for the stand-up: both replicas tick again after the fan-out, then what they queued drains.
        await waitForTicksFromNow(replicas, {
          ticks: 2,
          timeoutMs: 30_000,
          what: 'both replicas to tick after the fan-out',
        });
        await waitForDrain(db.prisma, 60_000);
        expect(replicas.map((r) => r.child.exitCode)).toEqual([null, null]);

        const steps = await db.prisma.escalationStep.findMany();
        const dmChannels = new Set(SPONSORS.map((id) => `D${id}`));
        const dms = slack.posted().filter((m) => dmChannels.has(m.channel));
        const dmsPerSponsor = new Map<string, number>();
        for (const dm of dms) dmsPerSponsor.set(dm.channel, (dmsPerSponsor.get(dm.channel) ?? 0) + 1);
        const counts = await deliveryCounts(db.prisma, slack);
        console.log(
          summary('two replicas through an escalation step to 300 sponsors', counts, {
            escalationSteps: steps.length,
            sponsorDms: dms.length,
          }),
        );
        expect(steps).toHaveLength(1);
        expect(steps[0]!.tier).toBe(0);
        expect(dmsPerSponsor.size).toBe(SPONSORS.length);
        expect([...dmsPerSponsor.values()].every((n) => n === 1)).toBe(true);
        expect(dms.every((m) => m.text.includes('waiting on legal sign-off'))).toBe(true);
        expect(counts).toMatchObject({ parked: 0, lost: 0, duplicated: 0 });
      } finally {
        await Promise.all(replicas.map((r) => stopPlanbotServer(r)));
        await slack.close();
        await db?.close();
        await scratch.drop();
      }
    });
  },
);

/** The migrations in prisma/migrations, by folder name, as `_prisma_migrations` records them. */
function migrationNames(): string[] {
  const folder = join(import.meta.dirname, '../../../prisma/migrations');
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
