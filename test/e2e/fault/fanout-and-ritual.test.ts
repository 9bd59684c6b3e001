import { describe, expect, it } from 'vitest';
import { parseImport, storeImport, type ImportPlanRequest } from '../../../src/service/commands/import-plan.js';
import { prismaPlanVersionStore } from '../../../src/store/prisma-plan-version-store.js';
import { startFakeSlack } from '../fakes/fake-slack.js';
import { slackEnv, startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../../support/planbot-server.js';
import { openTestDatabase, storeKinds } from '../../support/test-databases.js';
import { deliveryCounts, queueSlackMessages, summary, waitForDrain, workdir } from './fault-helpers.js';

const FANOUT = 2000;
const CHANNEL = 'C0STANDUP';
const TEAM = 'T0BUSY';
// Plan time (a rehearsal at real speed): the fan-out is due at once, the stand-up 3 s later.
const START = '2027-03-15T08:59:57-07:00';

const plan = `name: Busy Morning
timezone: America/Los_Angeles
startDate: 2027-03-15
lengthDays: 5
members:
  - name: Dana Kim
    roles: [lead]
    slackId: U0DANA
tasks:
  - key: ship
    title: Ship the release notes
    owner: Dana Kim
    day: 1
rituals:
  - kind: standup
    localTime: "09:00"
    days: [1, 2, 3, 4, 5]
    questions: [Yesterday?, Today?, Blockers?]
`;

/**
 * Delivery does not hold up the scheduler: while a 2,000-DM fan-out is being delivered (at 50 ms
 * per Slack call and 16 calls in flight it needs at least 12.5 s), the 09:00 stand-up still falls
 * due and is claimed and queued on time, in the middle of the fan-out (before, the scheduler's
 * next tick waited for the delivery to finish; against real Slack's limits that is hours). The
 * outbox stays first-in first-out, so the prompt itself is posted after the DMs queued before it.
 */
describe.runIf(storeKinds().includes('postgres'))(
  'fault: a long fan-out and a ritual due during it',
  { timeout: 120_000 },
  () => {
    it('claims and queues the stand-up while the fan-out is still being delivered', async () => {
      const db = await openTestDatabase('postgres');
      const slack = await startFakeSlack({ teamId: TEAM, latencyMs: 50 });
      let server: PlanbotServer | undefined;
      try {
        const importedAt = new Date(START);
        const request: ImportPlanRequest = {
          text: plan,
          file: 'busy.yaml',
          workspace: { platform: 'slack', externalId: TEAM, name: 'Busy' },
          channel: CHANNEL,
          importedBy: 'fault-test',
        };
        await storeImport(prismaPlanVersionStore(db.prisma), request, parseImport(request, importedAt), importedAt);
        const users = Array.from({ length: FANOUT }, (_, i) => `U${String(i).padStart(5, '0')}`);
        await queueSlackMessages(
          db.prisma,
          users.map((user) => ({ key: `fanout:${user}`, target: user, text: `Escalation for ${user}` })),
          importedAt,
        );

        server = await startPlanbotServer({ ...slackEnv(slack.url, db.url!), PLANBOT_CLOCK_START: START }, workdir());
        await waitForDrain(db.prisma, 90_000);
        await stopPlanbotServer(server);

        // Database time and the fake's arrival times both read this machine's clock.
        const occurrence = await db.prisma.occurrence.findFirstOrThrow();
        const dmPosts = slack
          .callsOf('chat.postMessage')
          .filter((c) => String(c.args.channel).startsWith('U') && c.status === 200);
        const dmsBeforeClaim = dmPosts.filter((c) => c.receivedAt < occurrence.createdAt.getTime()).length;
        const standups = slack.posted().filter((m) => m.channel === CHANNEL && m.thread_ts === undefined);
        const counts = await deliveryCounts(db.prisma, slack);
        console.log(
          summary('2,000-DM fan-out at 50 ms with a stand-up due 3 s in', counts, {
            dmsBeforeStandupClaimed: dmsBeforeClaim,
            standupPosts: standups.length,
          }),
        );

        expect(occurrence).toMatchObject({ status: 'posted', scheduledAt: new Date('2027-03-15T16:00:00Z') });
        expect(dmPosts).toHaveLength(FANOUT);
        // Most of the fan-out was still to come when the stand-up was claimed.
        expect(dmsBeforeClaim).toBeLessThan(FANOUT / 2);
        expect(standups).toHaveLength(1);
        expect(counts).toMatchObject({ lost: 0, duplicated: 0, parked: 0 });
      } finally {
        await stopPlanbotServer(server);
        await slack.close();
        await db.destroy();
      }
    });
  },
);
