import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseImport, storeImport, type ImportPlanRequest } from '../../../src/service/commands/import-plan.js';
import type { PrismaClient } from '../../../src/store/database.js';
import { prismaPlanVersionStore } from '../../../src/store/prisma-plan-version-store.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { slackEnv, startPlanbotServer, stopPlanbotServer, type PlanbotServer } from '../../support/planbot-server.js';
import { openTestDatabase, storeKinds } from '../../support/test-databases.js';
import { waitFor } from '../../support/wait-for.js';
import { deliveryCounts, slashCommand, summary, waitForDrain, waitForTicksFromNow, workdir } from './fault-helpers.js';

const ZONE = 'America/Los_Angeles';
const CHANNEL = 'C0CLOCK';
const TEAM = 'T0CLOCK';
const SPONSOR = 'U0SPONSOR';

/**
 * A plan whose stand-up is at `localTime` in Los Angeles every day, with one sponsor who hears of
 * a blocker an hour after it opens. Its first day is `startDate`.
 */
function planYaml(startDate: string, localTime: string): string {
  return `name: Clock Jumps
timezone: ${ZONE}
startDate: ${startDate}
lengthDays: 14
workingDays: [1, 2, 3, 4, 5, 6, 7]
members:
  - name: Dana Kim
    roles: [lead]
    slackId: U0DANA
  - name: Sam Ortiz
    roles: [sponsor]
    slackId: ${SPONSOR}
ladder:
  - label: Sponsor
    target: { kind: role, role: sponsor }
    delayMinutes: 60
tasks:
  - key: ship
    title: Ship the release notes
    owner: Dana Kim
    day: 1
rituals:
  - kind: standup
    localTime: "${localTime}"
    days: [1, 2, 3, 4, 5, 6, 7]
    questions: [Yesterday?, Today?, Blockers?]
`;
}

/** Stores the plan as if imported at `at` (plan time), so its first stand-up is the next one after `at`. */
async function importPlan(db: PrismaClient, startDate: string, localTime: string, at: Date): Promise<string> {
  const request: ImportPlanRequest = {
    text: planYaml(startDate, localTime),
    file: 'clock-jumps.yaml',
    workspace: { platform: 'slack', externalId: TEAM, name: 'Clock' },
    channel: CHANNEL,
    importedBy: 'fault-test',
  };
  return (await storeImport(prismaPlanVersionStore(db), request, parseImport(request, at), at)).planId;
}

interface Run {
  /** Plan time when the process starts: an ISO instant with the zone's offset, as an operator writes it. */
  from: string;
  speed: number;
  catchUpMinutes?: number;
}

/** A planbot process on a rehearsal timeline, and the real time the test saw it serving. */
interface Rehearsing {
  server: PlanbotServer;
  run: Run;
  servingAt: number;
}

/** planbot on a rehearsal timeline: the clock starts at `run.from` (a jump from wherever the last process left off). */
async function startAt(env: Record<string, string>, cwd: string, run: Run): Promise<Rehearsing> {
  const server = await startPlanbotServer(
    {
      ...env,
      PLANBOT_CLOCK_START: run.from,
      PLANBOT_CLOCK_SPEED: String(run.speed),
      ...(run.catchUpMinutes === undefined ? {} : { CATCH_UP_MINUTES: String(run.catchUpMinutes) }),
    },
    cwd,
  );
  return { server, run, servingAt: Date.now() };
}

/**
 * The earliest plan time the process can be at, at real time `at`: its clock starts at `run.from`
 * when it is made, before planbot says it is serving, so it is at least this far along.
 */
function planTimeAtLeast(p: Rehearsing, at: number): number {
  return Date.parse(p.run.from) + (at - p.servingAt) * p.run.speed;
}

/**
 * Waits until the process has finished a scheduler tick whose plan time was `planInstant` or later,
 * and until whatever that tick (and those before it) queued has been delivered: everything due by
 * then has been decided and posted. A tick begun after plan time has surely passed the instant is
 * the sign, not a sleep that hopes the process kept up on a loaded machine.
 */
async function tickThrough(db: PrismaClient, p: Rehearsing, planInstant: number): Promise<void> {
  const what = `plan time ${new Date(planInstant).toISOString()}`;
  await waitFor(() => planTimeAtLeast(p, Date.now()) >= planInstant, { timeoutMs: 120_000, what });
  await waitForTicksFromNow([p.server], { ticks: 1, timeoutMs: 30_000, what: `a tick at ${what}` });
  await waitForDrain(db, 30_000);
}

/**
 * Stand-up prompts in the plan channel: posts of a ritual occurrence's outbox row, not in a thread
 * (a reminder threads under its prompt; a blocker's triage post is no occurrence's).
 */
async function prompts(db: PrismaClient, slack: FakeSlack): Promise<number> {
  const rows = await db.outboxMessage.findMany({
    where: { idempotencyKey: { startsWith: 'occurrence:' } },
    select: { id: true },
  });
  const ids = new Set(rows.map((r) => r.id));
  return slack
    .posted()
    .filter(
      (m) => m.channel === CHANNEL && m.thread_ts === undefined && m.outboxId !== undefined && ids.has(m.outboxId),
    ).length;
}

async function occurrences(db: PrismaClient, planId: string): Promise<{ at: string; status: string }[]> {
  const rows = await db.occurrence.findMany({ where: { ritual: { planId } }, orderBy: { scheduledAt: 'asc' } });
  return rows.map((r) => ({ at: r.scheduledAt.toISOString(), status: r.status }));
}

const utc = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toUTC().toISO();

/**
 * The clock jumping (#7): planbot runs as a real process on a rehearsal timeline
 * (PLANBOT_CLOCK_START / SPEED), so each run starts wherever the test puts plan time: just before a
 * DST change, or two hours after the process before it was killed. Everything the earlier runs
 * claimed is in PostgreSQL; the fake Slack counts what arrives.
 */
describe.runIf(storeKinds().includes('postgres'))(
  'fault: the clock jumping across DST changes and downtime',
  { timeout: 180_000 },
  () => {
    it('spring forward: a 02:30 stand-up posts once a day, at 03:00 PDT on the day 02:30 does not exist', async () => {
      const db = await openTestDatabase('postgres');
      const slack = await startFakeSlack({ teamId: TEAM });
      const env = slackEnv(slack.url, db.url!);
      const cwd = workdir();
      let server: PlanbotServer | undefined;
      try {
        const planId = await importPlan(db.prisma, '2027-03-12', '02:30', new Date('2027-03-13T10:20:00Z'));
        // Saturday 02:29 PST; then the clock jumps to Sunday 01:58 PST and runs through 02:00 → 03:00
        // PDT; then to Monday 02:29 PDT. A minute of plan time per real second keeps each tick on time.
        const runs = [
          { from: '2027-03-13T02:29:00-08:00', standup: utc('2027-03-13T02:30')! },
          { from: '2027-03-14T01:58:00-08:00', standup: '2027-03-14T10:00:00.000Z' },
          { from: '2027-03-15T02:29:00-07:00', standup: utc('2027-03-15T02:30')! },
        ];
        for (const [index, { from, standup }] of runs.entries()) {
          const run = await startAt(env, cwd, { from, speed: 60 });
          server = run.server;
          await waitFor(async () => (await prompts(db.prisma, slack)) >= index + 1, {
            timeoutMs: 30_000,
            what: `stand-up ${index + 1}`,
          });
          // Three more minutes of plan time for a second post of the same stand-up, had there been one:
          // until planbot has ticked at 3 minutes past the stand-up's instant and delivered what it queued.
          await tickThrough(db.prisma, run, Date.parse(standup) + 3 * 60_000);
          await stopPlanbotServer(server);
        }
        const counts = await deliveryCounts(db.prisma, slack);
        console.log(
          summary('clock jumps across spring forward (02:30 stand-up, 3 days)', counts, {
            prompts: await prompts(db.prisma, slack),
          }),
        );

        expect(await occurrences(db.prisma, planId)).toEqual([
          { at: utc('2027-03-13T02:30'), status: 'posted' },
          // 02:30 does not exist on 14 March in Los Angeles: the end of the gap, 03:00 PDT (10:00Z).
          { at: '2027-03-14T10:00:00.000Z', status: 'posted' },
          { at: utc('2027-03-15T02:30'), status: 'posted' },
        ]);
        expect(await prompts(db.prisma, slack)).toBe(3);
        expect(counts).toMatchObject({ lost: 0, duplicated: 0, parked: 0 });
      } finally {
        await stopPlanbotServer(server);
        await slack.close();
        await db.destroy();
      }
    });

    it('fall back: a 01:30 stand-up posts once on the night 01:30 happens twice', async () => {
      const db = await openTestDatabase('postgres');
      const slack = await startFakeSlack({ teamId: TEAM });
      const cwd = workdir();
      let server: PlanbotServer | undefined;
      try {
        const planId = await importPlan(db.prisma, '2027-11-05', '01:30', new Date('2027-11-07T08:20:00Z'));
        // 01:25 PDT to 01:45 PST: 80 minutes of plan time through both 01:30s, 5 minutes a second.
        const run = await startAt(slackEnv(slack.url, db.url!), cwd, { from: '2027-11-07T01:25:00-07:00', speed: 300 });
        server = run.server;
        await waitFor(async () => (await prompts(db.prisma, slack)) >= 1, {
          timeoutMs: 30_000,
          what: 'the 01:30 stand-up',
        });
        // On through the second 01:30 (PST, 09:30Z) to 01:45 PST, and what was queued delivered. Had
        // planbot taken the repeated hour for a new 01:30, any tick past 09:30Z would post it (or skip
        // it, recording an occurrence): three 5-minute ticks past it leave no doubt.
        await tickThrough(db.prisma, run, Date.parse('2027-11-07T01:45:00-08:00'));
        await stopPlanbotServer(server);
        const counts = await deliveryCounts(db.prisma, slack);
        console.log(
          summary('clock runs through fall back (01:30 stand-up, 01:30 twice)', counts, {
            prompts: await prompts(db.prisma, slack),
          }),
        );

        // The earlier 01:30 (PDT, 08:30Z) only; 01:30 PST (09:30Z) is the same wall-clock time.
        expect(await occurrences(db.prisma, planId)).toEqual([{ at: '2027-11-07T08:30:00.000Z', status: 'posted' }]);
        expect((await db.prisma.ritual.findFirstOrThrow({ where: { planId } })).nextRunAt!.toISOString()).toBe(
          utc('2027-11-08T01:30'),
        );
        expect(await prompts(db.prisma, slack)).toBe(1);
        expect(counts).toMatchObject({ lost: 0, duplicated: 0, parked: 0 });
      } finally {
        await stopPlanbotServer(server);
        await slack.close();
        await db.destroy();
      }
    });

    for (const policy of [
      { catchUpMinutes: 30, standup: 'skipped', prompts: 0 },
      { catchUpMinutes: 180, standup: 'posted', prompts: 1 },
    ] as const) {
      it(`two hours down with CATCH_UP_MINUTES=${policy.catchUpMinutes}: the 09:00 stand-up is ${policy.standup}, the overdue escalation goes out once`, async () => {
        const db = await openTestDatabase('postgres');
        const slack = await startFakeSlack({ teamId: TEAM });
        const env = slackEnv(slack.url, db.url!);
        const cwd = workdir();
        let server: PlanbotServer | undefined;
        try {
          const planId = await importPlan(db.prisma, '2027-03-15', '09:00', new Date(utc('2027-03-15T08:30')!));
          // 08:40 PDT: Dana opens a blocker; the sponsor is due to hear of it an hour later. (Twenty real
          // seconds before 09:00 at 60×: room for a slow machine to take the command before the stand-up.)
          server = (
            await startAt(env, cwd, {
              from: '2027-03-15T08:40:00-07:00',
              speed: 60,
              catchUpMinutes: policy.catchUpMinutes,
            })
          ).server;
          const command = await slashCommand(
            server.port,
            { url: slack.url, secret: env.SLACK_SIGNING_SECRET! },
            { team: TEAM, channel: CHANNEL, user: 'U0DANA' },
            'block ship waiting on legal sign-off',
          );
          expect(command.status).toBe(200);
          await waitFor(async () => (await db.prisma.blocker.count()) === 1, {
            timeoutMs: 10_000,
            what: 'the blocker',
          });
          // Killed a minute or two later, before the stand-up and the escalation.
          server.child.kill('SIGKILL');
          await server.done;
          expect(await prompts(db.prisma, slack)).toBe(0);

          // Back two hours later, at 10:55 PDT: both came due while planbot was down.
          const back = await startAt(env, cwd, {
            from: '2027-03-15T10:55:00-07:00',
            speed: 60,
            catchUpMinutes: policy.catchUpMinutes,
          });
          server = back.server;
          await waitFor(() => slack.posted().some((m) => m.channel === `D${SPONSOR}`), {
            timeoutMs: 30_000,
            what: 'the overdue escalation DM',
          });
          await waitFor(async () => (await occurrences(db.prisma, planId)).length >= 1, {
            timeoutMs: 30_000,
            what: 'the stand-up decided',
          });
          // Three more minutes of plan time for anything to go out twice (a second DM, a second prompt).
          await tickThrough(db.prisma, back, planTimeAtLeast(back, Date.now()) + 3 * 60_000);
          await stopPlanbotServer(server);
          // And once more, later the same morning: nothing already decided happens again, in the four
          // minutes of plan time from 11:10.
          const later = await startAt(env, cwd, {
            from: '2027-03-15T11:10:00-07:00',
            speed: 60,
            catchUpMinutes: policy.catchUpMinutes,
          });
          server = later.server;
          await tickThrough(db.prisma, later, Date.parse('2027-03-15T11:14:00-07:00'));
          await stopPlanbotServer(server);

          const counts = await deliveryCounts(db.prisma, slack);
          const dms = slack.posted().filter((m) => m.channel === `D${SPONSOR}`);
          console.log(
            summary(`2 h downtime, CATCH_UP_MINUTES=${policy.catchUpMinutes}`, counts, {
              standupPrompts: await prompts(db.prisma, slack),
              sponsorDms: dms.length,
            }),
          );

          expect(await occurrences(db.prisma, planId)).toEqual([
            { at: utc('2027-03-15T09:00'), status: policy.standup },
          ]);
          expect(await prompts(db.prisma, slack)).toBe(policy.prompts);
          expect(dms).toHaveLength(1);
          expect(dms[0]!.text).toContain('waiting on legal sign-off');
          expect(await db.prisma.escalationStep.count()).toBe(1);
          expect(counts).toMatchObject({ lost: 0, duplicated: 0, parked: 0 });
        } finally {
          await stopPlanbotServer(server);
          await slack.close();
          await db.destroy();
        }
      });
    }
  },
);
