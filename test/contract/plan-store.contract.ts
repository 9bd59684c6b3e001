import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanVersionStore } from '../../src/service/commands/import-plan.js';
import { ConflictError, type Effect } from '../../src/service/effects.js';
import type { PlanStore } from '../../src/service/ports/plan-store.js';
import type { PlanState, TaskState } from '../../src/service/read-model/plan-state.js';
import type { WorkspaceRef } from '../../src/service/read-model/workspace-ref.js';
import { sprintPlanYaml } from '../fixtures/sprint-plan.js';
import { importPlanYaml } from '../support/store-import.js';

/** One store under test, with the few looks behind the port a contract test needs. */
export interface StoreUnderTest {
  store: PlanStore;
  versions: PlanVersionStore;
  /** The outbox, in enqueue order. */
  queued(): Promise<{ key: string; platform: string; target: string; parentKey: string | null }[]>;
  /** The audit log, any order. */
  audit(): Promise<{ planId: string | null; actor: string; action: string; detail: unknown }[]>;
  /** Archives a plan (no port does yet; an operator does it in the database). */
  archive(planId: string): Promise<void>;
  /** Marks the plan's workspace uninstalled or installed again (the Slack adapter's store does, on app_uninstalled and on reinstall). */
  setUninstalled(planId: string, uninstalled: boolean): Promise<void>;
  close(): Promise<void>;
}

const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };
const globex: WorkspaceRef = { platform: 'slack', externalId: 'T-GLOBEX', name: 'Globex' };

// The sprint plan starts Monday Dec 7 2026 (PST, UTC-8); it is imported an hour before the first stand-up.
const IMPORTED = new Date('2026-12-07T16:00:00Z');
const STANDUP_MON = new Date('2026-12-07T17:00:00Z');
const TRIAGE_MON = new Date('2026-12-07T22:00:00Z');
const STANDUP_TUE = new Date('2026-12-08T17:00:00Z');
const CHECKIN_SAT = new Date('2026-12-12T19:00:00Z');
const HOUR = 3_600_000;
const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

/**
 * The PlanStore contract: what the service and the scheduler rely on, whichever store runs it.
 * `open` gives a fresh, empty store for each test.
 */
export function planStoreContract(open: () => Promise<StoreUnderTest>): void {
  let s: StoreUnderTest;
  let store: PlanStore;

  beforeEach(async () => {
    s = await open();
    store = s.store;
  });
  afterEach(async () => {
    await s.close();
  });

  /** Imports the sprint plan into `workspace` and returns lookups over its first state. */
  async function seed(workspace: WorkspaceRef = acme, yaml: string = sprintPlanYaml) {
    const saved = await importPlanYaml(s.versions, workspace, yaml, { now: IMPORTED, channel: 'C-ACME' });
    return plan(saved.planId);
  }

  async function plan(planId: string) {
    const state = await store.loadPlanState(planId);
    const find = <T>(items: readonly T[], match: (item: T) => boolean, what: string): T => {
      const item = items.find(match);
      if (!item) throw new Error(`no ${what} in the loaded plan`);
      return item;
    };
    return {
      planId,
      state,
      task: (key: string) => find(state.tasks, (t) => t.key === key, `task ${key}`),
      member: (key: string) => find(state.members, (m) => m.key === key, `member ${key}`),
      ritual: (kind: string) => find(state.rituals, (r) => r.kind === kind, `ritual ${kind}`),
    };
  }

  type Seeded = Awaited<ReturnType<typeof seed>>;

  const load = (p: { planId: string }) => store.loadPlanState(p.planId);
  const taskIn = (state: PlanState, key: string) => state.tasks.find((t) => t.key === key)!;

  const openBlocker = (p: Seeded, number: number, extra: Partial<Extract<Effect, { type: 'blocker.open' }>> = {}) =>
    ({
      type: 'blocker.open',
      blockerId: randomUUID(),
      planId: p.planId,
      number,
      summary: `blocker ${number}`,
      taskId: p.task('d3').id,
      reporterId: p.member('luis').id,
      at: STANDUP_MON,
      nextEscalationAt: STANDUP_MON,
      ...extra,
    }) satisfies Effect;

  const claim = (
    ritualId: string,
    scheduledAt: Date,
    extra: Partial<Extract<Effect, { type: 'occurrence.claim' }>> = {},
  ) =>
    ({
      type: 'occurrence.claim',
      ritualId,
      scheduledAt,
      claimedBy: 'test',
      status: 'posted',
      ...extra,
    }) satisfies Effect;

  const outbox = (p: Seeded, key: string, target = 'C-ACME', parentKey?: string): Effect => ({
    type: 'outbox',
    draft: {
      idempotencyKey: key,
      platform: 'slack',
      target,
      message: { kind: 'reply', text: key, blocks: [] },
      notBefore: STANDUP_MON,
      workspaceId: p.state.plan.workspace.id,
      ...(parentKey ? { parentKey } : {}),
    },
  });

  const audit = (p: Seeded, action: string): Effect => ({
    type: 'audit',
    planId: p.planId,
    actor: 'test',
    action,
    detail: { n: 1 },
    at: STANDUP_MON,
  });

  /** Claims and posts a ritual occurrence, as the scheduler does, and returns it as the store finds it. */
  async function posted(
    ritualId: string,
    at: Date,
    extra: Partial<Extract<Effect, { type: 'occurrence.claim' }>> = {},
  ) {
    await store.apply([claim(ritualId, at, extra)]);
    const found = await store.findOccurrence({ ritualId, scheduledAt: at });
    if (!found) throw new Error('the claimed occurrence was not found');
    return found;
  }

  describe('importing and listing', () => {
    it('lists an imported plan in its own workspace only', async () => {
      const p = await seed();
      expect(await store.listPlans(acme)).toEqual([
        {
          id: p.planId,
          name: 'Checkout sprint',
          channel: 'C-ACME',
          stamp: { revision: expect.any(Number), version: 1 },
        },
      ]);
      expect(await store.listPlans(globex)).toEqual([]);
      // A workspace is its platform and its id: the same id on Teams is another tenant.
      expect(await store.listPlans({ ...acme, platform: 'teams' })).toEqual([]);
    });

    it('keeps two workspaces’ plans of the same name apart', async () => {
      const a = await seed(acme);
      const b = await seed(globex);
      expect(a.planId).not.toBe(b.planId);
      expect((await store.listPlans(acme)).map((p) => p.id)).toEqual([a.planId]);
      expect((await store.listPlans(globex)).map((p) => p.id)).toEqual([b.planId]);
      expect(b.state.plan.workspace).toMatchObject({ platform: 'slack', externalId: 'T-GLOBEX', name: 'Globex' });
      expect(b.task('d3').id).not.toBe(a.task('d3').id);
    });

    it('lists a workspace’s plans in the order they were imported', async () => {
      const first = await seed(acme);
      const second = await seed(acme, sprintPlanYaml.replace('name: Checkout sprint', 'name: Search sprint'));
      expect((await store.listPlans(acme)).map((p) => [p.id, p.name])).toEqual([
        [first.planId, 'Checkout sprint'],
        [second.planId, 'Search sprint'],
      ]);
    });

    it('loads the plan as imported: members by key, tasks by due date, rituals by key, with their first firings', async () => {
      const { state } = await seed();
      expect(state.plan).toMatchObject({
        name: 'Checkout sprint',
        timezone: 'America/Los_Angeles',
        channel: 'C-ACME',
        version: 1,
        workspace: { platform: 'slack', externalId: 'T-ACME', name: 'Acme' },
      });
      expect(state.plan.document).toMatchObject({ name: 'Checkout sprint', startDate: '2026-12-07' });
      expect(state.plan.document.tasks.map((t) => t.key)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd8']);
      expect(state.members.map((m) => [m.key, m.displayName, m.roles, m.identities])).toEqual([
        ['alex', 'Alex Rivera', ['sponsor'], [{ platform: 'slack', externalId: 'U0ALEX', handle: null }]],
        ['luis', 'Luis Romero', ['member'], [{ platform: 'slack', externalId: 'U0LUIS', handle: null }]],
        ['priya', 'Priya Mehta', ['member'], [{ platform: 'slack', externalId: 'U0PRIYA', handle: null }]],
        ['sam', 'Sam Jackson', ['lead'], [{ platform: 'slack', externalId: 'U0SAM', handle: null }]],
      ]);
      expect(state.members[0]).toMatchObject({ email: null, timezone: null, timeOff: [] });
      const owner = (t: TaskState) => state.members.find((m) => m.id === t.ownerId)?.key;
      expect(state.tasks.map((t) => [t.key, t.dueDate, t.plannedDate, owner(t), t.dependsOn, t.critical])).toEqual([
        ['d1', '2026-12-07', '2026-12-07', 'sam', [], false],
        ['d2', '2026-12-08', '2026-12-08', 'priya', [], false],
        ['d3', '2026-12-09', '2026-12-09', 'luis', [], true],
        ['d4', '2026-12-10', '2026-12-10', 'luis', ['d3'], false],
        ['d5', '2026-12-11', '2026-12-11', 'priya', ['d4'], false],
        ['d8', '2026-12-14', '2026-12-14', 'luis', ['d5'], false],
      ]);
      expect(state.tasks[0]).toMatchObject({ status: 'todo', doneAt: null, slipEscalatedAt: null, deliverable: null });
      expect(
        state.rituals.map((r) => [r.key, r.kind, r.localTime, r.days, r.onBufferDays, r.inThread, r.active]),
      ).toEqual([
        ['standup', 'standup', '09:00', [1, 2, 3, 4, 5], false, false, true],
        ['triage', 'triage', '14:00', [1, 2, 3, 4, 5], false, false, true],
        ['weekend_checkin', 'weekend_checkin', '11:00', [6, 7], true, true, true],
      ]);
      expect(state.rituals.map((r) => r.nextRunAt)).toEqual([STANDUP_MON, TRIAGE_MON, CHECKIN_SAT]);
      expect(state.rituals[0]).toMatchObject({
        channel: 'C-ACME',
        timezone: 'America/Los_Angeles',
        questions: [],
        dm: false,
      });
      expect(state.blockers).toEqual([]);
      expect(state.replans).toEqual([]);
    });

    it('hands out a state the caller cannot change by accident', async () => {
      const { state } = await seed();
      expect(() => (state.tasks as TaskState[]).push(state.tasks[0]!)).toThrow();
      expect(() => Object.assign(state.tasks[0]!, { status: 'done' })).toThrow();
      expect((await store.loadPlanState(state.plan.id)).tasks[0]!.status).toBe('todo');
    });

    it('fails to load a plan that does not exist', async () => {
      await expect(store.loadPlanState(randomUUID())).rejects.toThrow();
    });

    it('re-imports as a new version: progress kept, dropped tasks cancelled, dropped rituals stopped', async () => {
      const p = await seed();
      await store.apply([
        { type: 'task.update', taskId: p.task('d1').id, data: { status: 'done', doneAt: STANDUP_MON } },
      ]);
      const v2 = sprintPlanYaml
        .replace('  - { key: d2, title: SEO crawl, owner: priya, day: 2 }\n', '')
        .replace(
          '{ key: d5, title: Blueprint, owner: priya, day: 5, dependsOn: [d4] }',
          '{ key: d5, title: Blueprint v2, owner: sam, day: 8, dependsOn: [d3] }',
        )
        .replace('  - { kind: weekend_checkin, localTime: "11:00", days: [6, 7], thread: true }\n', '')
        // Luis's Slack id is no longer in the document: the identity he has stays.
        .replace(', slackId: U0LUIS', '');
      expect(v2).not.toContain('SEO crawl');
      // No channel given: the plan keeps posting where it did.
      const saved = await importPlanYaml(s.versions, acme, v2, { now: later(IMPORTED, HOUR) });
      expect(saved).toMatchObject({ planId: p.planId, version: 2, previousDocument: { name: 'Checkout sprint' } });
      expect(saved.variance).toBeDefined();

      expect((await store.listPlans(acme)).map((x) => [x.id, x.channel, x.stamp.version])).toEqual([
        [p.planId, 'C-ACME', 2],
      ]);
      const state = await load(p);
      expect(state.plan.version).toBe(2);
      expect(state.plan.document.tasks.map((t) => t.key)).toEqual(['d1', 'd3', 'd4', 'd5', 'd8']);
      expect(taskIn(state, 'd1')).toMatchObject({ id: p.task('d1').id, status: 'done', doneAt: STANDUP_MON });
      expect(taskIn(state, 'd2')).toMatchObject({ id: p.task('d2').id, status: 'cancelled' });
      expect(taskIn(state, 'd5')).toMatchObject({
        id: p.task('d5').id,
        title: 'Blueprint v2',
        ownerId: p.member('sam').id,
        dueDate: '2026-12-14',
        plannedDate: '2026-12-14',
        dependsOn: ['d3'],
      });
      expect(state.tasks.map((t) => t.key)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd8']);
      const checkin = state.rituals.find((r) => r.kind === 'weekend_checkin')!;
      expect(checkin).toMatchObject({ id: p.ritual('weekend_checkin').id, active: false, nextRunAt: null });
      expect(state.rituals.find((r) => r.kind === 'standup')).toMatchObject({
        id: p.ritual('standup').id,
        active: true,
      });
      expect(state.members.find((m) => m.key === 'luis')!.identities).toEqual([
        { platform: 'slack', externalId: 'U0LUIS', handle: null },
      ]);
      expect((await s.audit()).map((a) => a.action).sort()).toEqual(['plan.import', 'plan.rebaseline']);
    });

    it('re-imports keeping an approved re-plan move the document did not change; a date it changed wins', async () => {
      const p = await seed();
      const replanId = randomUUID();
      const moves = [
        { taskKey: 'd4', from: '2026-12-10', to: '2026-12-12' },
        { taskKey: 'd5', from: '2026-12-11', to: '2026-12-12' },
      ];
      // What approving proposal #1 writes (service/commands/replan-command.ts).
      const document = {
        ...p.state.plan.document,
        tasks: p.state.plan.document.tasks.map((t) => {
          const to = moves.find((m) => m.taskKey === t.key)?.to;
          if (!to) return t;
          const { day: _day, ...rest } = t;
          return { ...rest, date: to };
        }),
      };
      await store.apply([
        {
          type: 'replan.create',
          replanId,
          planId: p.planId,
          number: 1,
          slippedTaskKey: 'd3',
          moves,
          bufferDate: '2026-12-12',
          at: STANDUP_TUE,
        },
        { type: 'replan.decide', replanId, status: 'approved', by: 'sam', at: STANDUP_TUE },
        ...moves.map((m) => ({ type: 'task.update' as const, taskId: p.task(m.taskKey).id, data: { dueDate: m.to } })),
        {
          type: 'plan.version',
          planId: p.planId,
          fromVersion: 1,
          document,
          variance: { replan: 1, moved: moves },
          by: 'sam',
          at: STANDUP_TUE,
        },
      ]);

      // A typo fixed, and d5 moved by the document itself.
      const v3 = sprintPlanYaml
        .replace('title: Kickoff', 'title: Kick-off')
        .replace('title: Blueprint, owner: priya, day: 5', 'title: Blueprint, owner: priya, day: 9');
      const saved = await importPlanYaml(s.versions, acme, v3, { now: later(STANDUP_TUE, HOUR) });
      expect(saved.version).toBe(3);
      expect(saved.kept).toEqual([
        { key: 'd4', title: 'Data quality', documentDate: '2026-12-10', date: '2026-12-12', replan: 1 },
      ]);
      expect(saved.variance?.moved.map((m) => [m.key, m.from, m.to])).toEqual([['d5', '2026-12-12', '2026-12-15']]);
      const state = await load(p);
      expect(taskIn(state, 'd1').title).toBe('Kick-off');
      expect(taskIn(state, 'd4')).toMatchObject({ dueDate: '2026-12-12', plannedDate: '2026-12-12' });
      expect(taskIn(state, 'd5').dueDate).toBe('2026-12-15');
      expect(state.plan.document.tasks.find((t) => t.key === 'd4')).toMatchObject({ date: '2026-12-12' });

      // The next re-import of the same document still keeps it.
      const again = await importPlanYaml(s.versions, acme, v3, { now: later(STANDUP_TUE, 2 * HOUR) });
      expect(again.kept.map((k) => k.key)).toEqual(['d4']);
      expect(again.variance?.moved).toEqual([]);
      expect(taskIn(await load(p), 'd4').dueDate).toBe('2026-12-12');
    });
  });

  describe('each effect, as the next load shows it', () => {
    it('occurrence.claim (posted) and ritual.advance: the prompt is found, the ritual moves on, its reminder comes due', async () => {
      const p = await seed();
      const standup = p.ritual('standup');
      await store.apply([
        claim(standup.id, STANDUP_MON, { remindAt: later(STANDUP_MON, HOUR) }),
        { type: 'ritual.advance', ritualId: standup.id, from: STANDUP_MON, to: STANDUP_TUE },
      ]);
      const ref = { planId: p.planId, ritualId: standup.id, kind: 'standup', scheduledAt: STANDUP_MON };
      const found = await store.findOccurrence({ ritualId: standup.id, scheduledAt: STANDUP_MON });
      expect(found).toEqual({ id: expect.any(String), ...ref });
      expect(await store.findOccurrence({ id: found!.id })).toEqual(found);
      expect(await store.latestOccurrence(p.planId, ['standup'], STANDUP_MON)).toEqual(found);
      expect((await load(p)).rituals.find((r) => r.id === standup.id)!.nextRunAt).toEqual(STANDUP_TUE);
      expect(await store.dueReminders(later(STANDUP_MON, HOUR), 10)).toEqual([
        { id: found!.id, planId: p.planId, ritualId: standup.id, scheduledAt: STANDUP_MON },
      ]);
    });

    it('occurrence.claim (skipped): recorded, so nobody posts it, but no answer or reminder attaches to it', async () => {
      const p = await seed();
      const standup = p.ritual('standup');
      await store.apply([claim(standup.id, STANDUP_MON, { status: 'skipped' })]);
      expect(await store.findOccurrence({ ritualId: standup.id, scheduledAt: STANDUP_MON })).toBeNull();
      expect(await store.latestOccurrence(p.planId, ['standup'], STANDUP_TUE)).toBeNull();
      expect(await store.dueReminders(STANDUP_TUE, 10)).toEqual([]);
      // The claim is taken all the same.
      await expect(store.apply([claim(standup.id, STANDUP_MON)])).rejects.toBeInstanceOf(ConflictError);
    });

    it('occurrence.reminded: the reminder is no longer due, nor waited for', async () => {
      const p = await seed();
      const standup = p.ritual('standup');
      const remindAt = later(STANDUP_MON, HOUR);
      const occurrence = await posted(standup.id, STANDUP_MON, { remindAt });
      await store.apply([{ type: 'ritual.advance', ritualId: standup.id, from: STANDUP_MON, to: null }]);
      expect(await store.nextDueAt()).toEqual(remindAt);
      await store.apply([{ type: 'occurrence.reminded', occurrenceId: occurrence.id, at: remindAt }]);
      expect(await store.dueReminders(later(remindAt, HOUR), 10)).toEqual([]);
      expect(await store.nextDueAt()).toEqual(TRIAGE_MON);
    });

    it('occurrence.digested: the digest is no longer due, nor waited for', async () => {
      const p = await seed();
      const standup = p.ritual('standup');
      const digestAt = later(STANDUP_MON, 2 * HOUR);
      const occurrence = await posted(standup.id, STANDUP_MON, { digestAt });
      await store.apply([{ type: 'ritual.advance', ritualId: standup.id, from: STANDUP_MON, to: null }]);
      expect(await store.nextDueAt()).toEqual(digestAt);
      await store.apply([{ type: 'occurrence.digested', occurrenceId: occurrence.id, at: digestAt }]);
      expect(await store.dueDigests(later(digestAt, HOUR), 10)).toEqual([]);
      expect(await store.nextDueAt()).toEqual(TRIAGE_MON);
    });

    it('standup.reply: an answer given again replaces the first and records when, for the digest', async () => {
      const p = await seed();
      const occurrence = await posted(p.ritual('standup').id, STANDUP_MON);
      const reply = (member: string, did: string, at: Date): Effect => ({
        type: 'standup.reply',
        occurrenceId: occurrence.id,
        memberId: p.member(member).id,
        did,
        doing: 'reviews',
        blockers: 'waiting on keys',
        taskStatuses: {},
        at,
      });
      await store.apply([reply('luis', 'first', later(STANDUP_MON, 60_000)), reply('priya', 'mine', STANDUP_MON)]);
      await store.apply([reply('luis', 'second', later(STANDUP_MON, 20 * 60_000))]);
      const answers = await store.answersFor(occurrence.id);
      expect(answers.sort((a, b) => a.did!.localeCompare(b.did!))).toEqual([
        {
          memberId: p.member('priya').id,
          did: 'mine',
          doing: 'reviews',
          blockers: 'waiting on keys',
          receivedAt: STANDUP_MON,
          editedAt: null,
        },
        {
          memberId: p.member('luis').id,
          did: 'second',
          doing: 'reviews',
          blockers: 'waiting on keys',
          receivedAt: later(STANDUP_MON, 20 * 60_000),
          editedAt: later(STANDUP_MON, 20 * 60_000),
        },
      ]);
      expect(await store.answersFor(randomUUID())).toEqual([]);
    });

    it('standup.reply: one answer per member and occurrence, the later one replacing the earlier', async () => {
      const p = await seed();
      const occurrence = await posted(p.ritual('standup').id, STANDUP_MON);
      const reply = (member: string, did: string): Effect => ({
        type: 'standup.reply',
        occurrenceId: occurrence.id,
        memberId: p.member(member).id,
        did,
        taskStatuses: { d3: 'in_progress' },
        at: STANDUP_MON,
      });
      expect(await store.repliesFor(occurrence.id)).toEqual([]);
      await store.apply([reply('luis', 'first')]);
      await store.apply([reply('luis', 'second')]);
      expect(await store.repliesFor(occurrence.id)).toEqual([p.member('luis').id]);
      await store.apply([reply('priya', 'mine')]);
      expect((await store.repliesFor(occurrence.id)).sort()).toEqual(
        [p.member('luis').id, p.member('priya').id].sort(),
      );
    });

    it('blocker.open: the blocker shows open, numbered, and its first tier comes due', async () => {
      const p = await seed();
      const open = openBlocker(p, 1, { nextEscalationAt: later(STANDUP_MON, HOUR) });
      await store.apply([open]);
      expect((await load(p)).blockers).toEqual([
        {
          id: open.blockerId,
          number: 1,
          summary: 'blocker 1',
          status: 'open',
          taskId: p.task('d3').id,
          reporterId: p.member('luis').id,
          openedAt: STANDUP_MON,
          acknowledgedAt: null,
          acknowledgedById: null,
          resolvedAt: null,
          nextEscalationAt: later(STANDUP_MON, HOUR),
          steps: [],
        },
      ]);
      expect(await store.dueEscalations(STANDUP_MON, 10)).toEqual([]);
      expect(await store.dueEscalations(later(STANDUP_MON, HOUR), 10)).toEqual([
        { id: open.blockerId, planId: p.planId },
      ]);
    });

    it('blocker.update: changes the fields given and keeps the rest; an acknowledged blocker escalates no more', async () => {
      const p = await seed();
      const open = openBlocker(p, 1);
      await store.apply([open]);
      const ackAt = later(STANDUP_MON, HOUR);
      await store.apply([
        {
          type: 'blocker.update',
          blockerId: open.blockerId,
          expectStatus: ['open'],
          expectTiersSent: 0,
          data: {
            status: 'acknowledged',
            acknowledgedAt: ackAt,
            acknowledgedById: p.member('sam').id,
            nextEscalationAt: null,
          },
        },
      ]);
      expect((await load(p)).blockers[0]).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: ackAt,
        acknowledgedById: p.member('sam').id,
        nextEscalationAt: null,
        summary: 'blocker 1',
        openedAt: STANDUP_MON,
      });
      expect(await store.dueEscalations(later(ackAt, 24 * HOUR), 10)).toEqual([]);
      await store.apply([
        {
          type: 'blocker.update',
          blockerId: open.blockerId,
          expectStatus: ['open', 'acknowledged'],
          data: { status: 'resolved', resolvedAt: later(ackAt, HOUR), resolution: 'fixed' },
        },
      ]);
      expect((await load(p)).blockers[0]).toMatchObject({
        status: 'resolved',
        resolvedAt: later(ackAt, HOUR),
        acknowledgedById: p.member('sam').id,
      });
    });

    it('escalation.claim: the fired tier is listed with whom it reached, and the next one is due when it says', async () => {
      const p = await seed();
      const open = openBlocker(p, 1);
      await store.apply([open]);
      const tier = (n: number, next: Date | null): Effect => ({
        type: 'escalation.claim',
        blockerId: open.blockerId,
        tier: n,
        target: n === 0 ? 'member:sam' : 'member:alex',
        dueAt: STANDUP_MON,
        at: STANDUP_MON,
        nextEscalationAt: next,
      });
      await store.apply([tier(0, later(STANDUP_MON, 4 * HOUR))]);
      expect((await load(p)).blockers[0]).toMatchObject({
        steps: [{ tier: 0, target: 'member:sam' }],
        nextEscalationAt: later(STANDUP_MON, 4 * HOUR),
      });
      expect(await store.dueEscalations(later(STANDUP_MON, HOUR), 10)).toEqual([]);
      await store.apply([tier(1, null)]);
      expect((await load(p)).blockers[0]).toMatchObject({
        status: 'open',
        steps: [
          { tier: 0, target: 'member:sam' },
          { tier: 1, target: 'member:alex' },
        ],
        nextEscalationAt: null,
      });
    });

    it('task.update: status, when it was done, and a new due date (which re-sorts the tasks)', async () => {
      const p = await seed();
      const d1 = p.task('d1').id;
      await store.apply([{ type: 'task.update', taskId: d1, data: { status: 'done', doneAt: STANDUP_MON } }]);
      expect(taskIn(await load(p), 'd1')).toMatchObject({ status: 'done', doneAt: STANDUP_MON, dueDate: '2026-12-07' });
      await store.apply([{ type: 'task.update', taskId: d1, data: { status: 'in_progress', doneAt: null } }]);
      expect(taskIn(await load(p), 'd1')).toMatchObject({ status: 'in_progress', doneAt: null });
      await store.apply([{ type: 'task.update', taskId: d1, data: { dueDate: '2026-12-12' } }]);
      const state = await load(p);
      expect(taskIn(state, 'd1')).toMatchObject({
        status: 'in_progress',
        dueDate: '2026-12-12',
        plannedDate: '2026-12-07',
      });
      expect(state.tasks.map((t) => t.key)).toEqual(['d2', 'd3', 'd4', 'd5', 'd1', 'd8']);
    });

    it('task.slip_claim: the task shows when its slip was escalated', async () => {
      const p = await seed();
      await store.apply([{ type: 'task.slip_claim', taskId: p.task('d1').id, at: STANDUP_TUE }]);
      expect(taskIn(await load(p), 'd1')).toMatchObject({ slipEscalatedAt: STANDUP_TUE, status: 'todo' });
    });

    it('replan.create and replan.decide: the proposal shows pending, then decided', async () => {
      const p = await seed();
      const replanId = randomUUID();
      const moves = [{ taskKey: 'd4', from: '2026-12-10', to: '2026-12-12' }];
      await store.apply([
        {
          type: 'replan.create',
          replanId,
          planId: p.planId,
          number: 1,
          slippedTaskKey: 'd3',
          moves,
          bufferDate: '2026-12-12',
          at: STANDUP_TUE,
        },
      ]);
      expect((await load(p)).replans).toEqual([
        { id: replanId, number: 1, slippedTaskKey: 'd3', moves, status: 'pending', createdAt: STANDUP_TUE },
      ]);
      await store.apply([{ type: 'replan.decide', replanId, status: 'rejected', by: 'sam', at: STANDUP_TUE }]);
      expect((await load(p)).replans[0]!.status).toBe('rejected');
    });

    it('plan.version: the plan is on the next version with the new document', async () => {
      const p = await seed();
      const document = { ...p.state.plan.document, tasks: p.state.plan.document.tasks.slice(0, 2) };
      await store.apply([
        {
          type: 'plan.version',
          planId: p.planId,
          fromVersion: 1,
          document,
          variance: { replan: 1 },
          by: 'sam',
          at: STANDUP_TUE,
        },
      ]);
      const state = await load(p);
      expect(state.plan.version).toBe(2);
      expect(state.plan.document.tasks.map((t) => t.key)).toEqual(['d1', 'd2']);
      expect((await store.listPlans(acme))[0]!.stamp.version).toBe(2);
      // The rows are not the document: every task is still there.
      expect(state.tasks).toHaveLength(6);
    });

    it('identity.link: links a member on another platform, and re-linking replaces the account', async () => {
      const p = await seed();
      const priya = p.member('priya').id;
      await store.apply([{ type: 'identity.link', memberId: priya, platform: 'teams', externalId: 'aad-priya' }]);
      await store.apply([{ type: 'identity.link', memberId: priya, platform: 'slack', externalId: 'U0PRIYA2' }]);
      const identities = (await load(p)).members.find((m) => m.id === priya)!.identities;
      expect([...identities].sort((a, b) => a.platform.localeCompare(b.platform))).toEqual([
        { platform: 'slack', externalId: 'U0PRIYA2', handle: null },
        { platform: 'teams', externalId: 'aad-priya', handle: null },
      ]);
    });

    it('member.time_off: stores the ranges; one decided on a state changed meanwhile conflicts; a re-import keeps them', async () => {
      const p = await seed();
      const luis = p.member('luis').id;
      const dec10 = [{ from: '2026-12-10', to: '2026-12-11' }];
      await store.apply([{ type: 'member.time_off', memberId: luis, expect: [], timeOff: dec10 }]);
      expect((await load(p)).members.find((m) => m.id === luis)!.timeOff).toEqual(dec10);
      await expect(
        store.apply([{ type: 'member.time_off', memberId: luis, expect: [], timeOff: [] }]),
      ).rejects.toBeInstanceOf(ConflictError);
      await importPlanYaml(s.versions, acme, sprintPlanYaml, { now: IMPORTED, channel: 'C-ACME' });
      expect((await load(p)).members.find((m) => m.id === luis)!.timeOff).toEqual(dec10);
    });

    it('plan.holidays: stores them, guarded the same way, and a re-import keeps them and moves its tasks off them', async () => {
      const p = await seed();
      const holidays = [{ date: '2026-12-09', name: 'Offsite' }];
      await store.apply([{ type: 'plan.holidays', planId: p.planId, expect: [], holidays }]);
      expect((await load(p)).plan.holidays).toEqual(holidays);
      await expect(
        store.apply([{ type: 'plan.holidays', planId: p.planId, expect: [], holidays: [] }]),
      ).rejects.toBeInstanceOf(ConflictError);
      await importPlanYaml(s.versions, acme, sprintPlanYaml, { now: IMPORTED, channel: 'C-ACME' });
      const state = await load(p);
      expect(state.plan.holidays).toEqual(holidays);
      expect(taskIn(state, 'd3').dueDate).toBe('2026-12-10');
    });

    it('outbox: queues messages in the order listed, and a key queued before is not queued again', async () => {
      const p = await seed();
      await store.apply([outbox(p, 'k1'), outbox(p, 'k2', 'U0SAM')]);
      await store.apply([outbox(p, 'k3'), outbox(p, 'k1', 'U0OTHER')]);
      expect(await s.queued()).toEqual([
        { key: 'k1', platform: 'slack', target: 'C-ACME', parentKey: null },
        { key: 'k2', platform: 'slack', target: 'U0SAM', parentKey: null },
        { key: 'k3', platform: 'slack', target: 'C-ACME', parentKey: null },
      ]);
      await store.apply([outbox(p, 'k4', 'C-ACME', 'k1')]);
      expect((await s.queued()).at(-1)).toEqual({ key: 'k4', platform: 'slack', target: 'C-ACME', parentKey: 'k1' });
    });

    it('audit: records who did what', async () => {
      const p = await seed();
      await store.apply([audit(p, 'task.done')]);
      expect(await s.audit()).toContainEqual({
        planId: p.planId,
        actor: 'test',
        action: 'task.done',
        detail: { n: 1 },
      });
    });

    it('an empty batch changes nothing', async () => {
      const p = await seed();
      await store.apply([]);
      expect(await load(p)).toEqual(p.state);
    });

    it('moves the stamp with every change a state shows, and a load by the new stamp shows it', async () => {
      const p = await seed();
      const before = (await store.listPlans(acme))[0]!.stamp;
      await store.apply([{ type: 'task.update', taskId: p.task('d2').id, data: { status: 'done' } }]);
      const after = (await store.listPlans(acme))[0]!.stamp;
      expect(after).not.toEqual(before);
      expect(taskIn(await store.loadPlanState(p.planId, after), 'd2').status).toBe('done');
      const open = openBlocker(p, 1);
      await store.apply([open]);
      const third = (await store.listPlans(acme))[0]!.stamp;
      expect(third).not.toEqual(after);
      expect((await store.loadPlanState(p.planId, third)).blockers.map((b) => b.id)).toEqual([open.blockerId]);
    });
  });

  describe('a claim or guard that loses throws ConflictError and applies nothing of its batch', () => {
    interface LosingCase {
      name: string;
      /** What happened first (another replica, an earlier command). */
      before(p: Seeded): Promise<void>;
      /** The effect that loses. */
      losing(p: Seeded): Effect[] | Promise<Effect[]>;
    }
    const blockerId = randomUUID();
    const replanId = randomUUID();
    const standup = (p: Seeded) => p.ritual('standup').id;
    const opened = (p: Seeded) => store.apply([openBlocker(p, 1, { blockerId })]);
    const tier0: (p: Seeded) => Effect = () => ({
      type: 'escalation.claim',
      blockerId,
      tier: 0,
      target: 'member:sam',
      dueAt: STANDUP_MON,
      at: STANDUP_MON,
      nextEscalationAt: later(STANDUP_MON, 4 * HOUR),
    });
    const replan = (p: Seeded, id: string): Effect => ({
      type: 'replan.create',
      replanId: id,
      planId: p.planId,
      number: 1,
      slippedTaskKey: 'd3',
      moves: [],
      bufferDate: null,
      at: STANDUP_TUE,
    });
    const ack: Effect = {
      type: 'blocker.update',
      blockerId,
      expectStatus: ['open'],
      data: { status: 'acknowledged', acknowledgedAt: STANDUP_TUE, nextEscalationAt: null },
    };
    const cases: LosingCase[] = [
      {
        name: 'occurrence.claim of a ritual and instant claimed before',
        before: (p) => store.apply([claim(standup(p), STANDUP_MON)]),
        losing: (p) => [claim(standup(p), STANDUP_MON, { claimedBy: 'other' })],
      },
      {
        name: 'occurrence.claim twice in one batch',
        before: async () => {},
        losing: (p) => [claim(standup(p), STANDUP_MON), claim(standup(p), STANDUP_MON)],
      },
      {
        name: 'ritual.advance from an instant the ritual has moved on from',
        before: (p) =>
          store.apply([{ type: 'ritual.advance', ritualId: standup(p), from: STANDUP_MON, to: STANDUP_TUE }]),
        losing: (p) => [{ type: 'ritual.advance', ritualId: standup(p), from: STANDUP_MON, to: STANDUP_TUE }],
      },
      {
        name: 'occurrence.reminded twice',
        before: async (p) => {
          const o = await posted(standup(p), STANDUP_MON, { remindAt: STANDUP_MON });
          await store.apply([{ type: 'occurrence.reminded', occurrenceId: o.id, at: STANDUP_MON }]);
        },
        losing: async (p) => {
          const o = await store.findOccurrence({ ritualId: standup(p), scheduledAt: STANDUP_MON });
          return [{ type: 'occurrence.reminded', occurrenceId: o!.id, at: STANDUP_TUE }];
        },
      },
      {
        name: 'occurrence.digested twice',
        before: async (p) => {
          const o = await posted(standup(p), STANDUP_MON, { digestAt: STANDUP_MON });
          await store.apply([{ type: 'occurrence.digested', occurrenceId: o.id, at: STANDUP_MON }]);
        },
        losing: async (p) => {
          const o = await store.findOccurrence({ ritualId: standup(p), scheduledAt: STANDUP_MON });
          return [{ type: 'occurrence.digested', occurrenceId: o!.id, at: STANDUP_TUE }];
        },
      },
      {
        name: 'escalation.claim of a blocker and tier fired before',
        before: async (p) => {
          await opened(p);
          await store.apply([tier0(p)]);
        },
        losing: (p) => [tier0(p)],
      },
      {
        name: 'escalation.claim of a blocker acknowledged meanwhile',
        before: async (p) => {
          await opened(p);
          await store.apply([ack]);
        },
        losing: (p) => [tier0(p)],
      },
      {
        name: 'blocker.open with a number already taken',
        before: opened,
        losing: (p) => [openBlocker(p, 1)],
      },
      {
        name: 'blocker.update whose expected status no longer holds',
        before: async (p) => {
          await opened(p);
          await store.apply([ack]);
        },
        losing: () => [ack],
      },
      {
        name: 'blocker.update whose expected tiers sent no longer hold (a tier fired meanwhile)',
        before: async (p) => {
          await opened(p);
          await store.apply([tier0(p)]);
        },
        losing: () => [{ ...ack, expectTiersSent: 0 } as Effect],
      },
      {
        name: 'blocker.update of no such blocker',
        before: async () => {},
        losing: () => [ack],
      },
      {
        name: 'task.slip_claim of a slip escalated before',
        before: (p) => store.apply([{ type: 'task.slip_claim', taskId: p.task('d1').id, at: STANDUP_MON }]),
        losing: (p) => [{ type: 'task.slip_claim', taskId: p.task('d1').id, at: STANDUP_TUE }],
      },
      {
        name: 'replan.create with a number already taken',
        before: (p) => store.apply([replan(p, replanId)]),
        losing: (p) => [replan(p, randomUUID())],
      },
      {
        name: 'replan.decide of a proposal decided before',
        before: async (p) => {
          await store.apply([replan(p, replanId)]);
          await store.apply([{ type: 'replan.decide', replanId, status: 'approved', by: 'sam', at: STANDUP_TUE }]);
        },
        losing: () => [{ type: 'replan.decide', replanId, status: 'rejected', by: 'alex', at: STANDUP_TUE }],
      },
      {
        name: 'plan.version from a version re-baselined meanwhile',
        before: async () => {
          await importPlanYaml(s.versions, acme, sprintPlanYaml, { now: IMPORTED });
        },
        losing: (p) => [
          {
            type: 'plan.version',
            planId: p.planId,
            fromVersion: 1,
            document: p.state.plan.document,
            variance: {},
            by: 'sam',
            at: STANDUP_TUE,
          },
        ],
      },
    ];

    it.each(cases)('$name', async ({ before, losing }) => {
      const p = await seed();
      await before(p);
      const lost = await losing(p);
      const stateBefore = await load(p);
      const queuedBefore = await s.queued();
      const auditBefore = (await s.audit()).length;
      const dueBefore = await store.nextDueAt();
      const other = openBlocker(p, 90, { nextEscalationAt: IMPORTED });

      // Changes listed before the losing effect must roll back with it.
      const batch: Effect[] = [
        { type: 'task.update', taskId: p.task('d2').id, data: { status: 'done', doneAt: STANDUP_MON } },
        other,
        outbox(p, 'must-not-be-queued'),
        audit(p, 'must-not-be-logged'),
        ...lost,
      ];
      await expect(store.apply(batch)).rejects.toBeInstanceOf(ConflictError);

      expect(await load(p)).toEqual(stateBefore);
      expect(await s.queued()).toEqual(queuedBefore);
      expect(await s.audit()).toHaveLength(auditBefore);
      expect(await store.nextDueAt()).toEqual(dueBefore);
      expect(await store.dueEscalations(STANDUP_TUE, 10)).not.toContainEqual({ id: other.blockerId, planId: p.planId });
    });

    it('a batch naming a row that does not exist fails (not as a conflict) and applies nothing', async () => {
      const p = await seed();
      const stateBefore = await load(p);
      const attempt = store.apply([
        { type: 'task.update', taskId: p.task('d2').id, data: { status: 'done' } },
        outbox(p, 'must-not-be-queued'),
        { type: 'task.update', taskId: randomUUID(), data: { status: 'done' } },
      ]);
      await expect(attempt).rejects.toThrow();
      await expect(attempt).rejects.not.toBeInstanceOf(ConflictError);
      expect(await load(p)).toEqual(stateBefore);
      expect(await s.queued()).toEqual([]);
    });
  });

  describe('what is due', () => {
    it('dueRituals: active rituals due at or before now, earliest first, at most `limit`', async () => {
      const p = await seed();
      expect(await store.dueRituals(later(STANDUP_MON, -1), 10)).toEqual([]);
      expect(await store.dueRituals(STANDUP_MON, 10)).toEqual([
        { id: p.ritual('standup').id, planId: p.planId, nextRunAt: STANDUP_MON },
      ]);
      expect((await store.dueRituals(TRIAGE_MON, 10)).map((r) => r.id)).toEqual([
        p.ritual('standup').id,
        p.ritual('triage').id,
      ]);
      expect((await store.dueRituals(TRIAGE_MON, 1)).map((r) => r.id)).toEqual([p.ritual('standup').id]);
      await store.apply([
        { type: 'ritual.advance', ritualId: p.ritual('standup').id, from: STANDUP_MON, to: STANDUP_TUE },
      ]);
      expect((await store.dueRituals(TRIAGE_MON, 10)).map((r) => r.id)).toEqual([p.ritual('triage').id]);
      // By instant, not by ritual: Monday's triage before Tuesday's stand-up.
      expect((await store.dueRituals(STANDUP_TUE, 10)).map((r) => r.id)).toEqual([
        p.ritual('triage').id,
        p.ritual('standup').id,
      ]);
      // A ritual the plan no longer has is never due; the re-import schedules the others from its own now.
      await importPlanYaml(
        s.versions,
        acme,
        sprintPlanYaml.replace('  - { kind: triage, localTime: "14:00", days: [1, 2, 3, 4, 5] }\n', ''),
        { now: later(STANDUP_MON, HOUR) },
      );
      expect(await store.dueRituals(TRIAGE_MON, 10)).toEqual([]);
      expect(await store.dueRituals(STANDUP_TUE, 10)).toEqual([
        { id: p.ritual('standup').id, planId: p.planId, nextRunAt: STANDUP_TUE },
      ]);
    });

    it('dueEscalations: open blockers whose next tier is due, earliest first, at most `limit`', async () => {
      const p = await seed();
      const late = openBlocker(p, 1, { nextEscalationAt: later(STANDUP_MON, 2 * HOUR) });
      const early = openBlocker(p, 2, { nextEscalationAt: later(STANDUP_MON, HOUR) });
      const never = openBlocker(p, 3, { nextEscalationAt: null });
      const owned = openBlocker(p, 4, { nextEscalationAt: STANDUP_MON });
      const future = openBlocker(p, 5, { nextEscalationAt: STANDUP_TUE });
      await store.apply([late, early, never, owned, future]);
      await store.apply([
        {
          type: 'blocker.update',
          blockerId: owned.blockerId,
          expectStatus: ['open'],
          data: { status: 'acknowledged' },
        },
      ]);
      const now = later(STANDUP_MON, 3 * HOUR);
      expect(await store.dueEscalations(now, 10)).toEqual([
        { id: early.blockerId, planId: p.planId },
        { id: late.blockerId, planId: p.planId },
      ]);
      expect(await store.dueEscalations(now, 1)).toEqual([{ id: early.blockerId, planId: p.planId }]);
    });

    it('dueReminders: posted prompts whose reminder is due and not sent, earliest first, at most `limit`', async () => {
      const p = await seed();
      // Claimed out of order (a late catch-up): they still come due by their reminder instant.
      const tue = await posted(p.ritual('standup').id, STANDUP_TUE, { remindAt: later(STANDUP_TUE, HOUR) });
      const mon = await posted(p.ritual('standup').id, STANDUP_MON, { remindAt: later(STANDUP_MON, HOUR) });
      await posted(p.ritual('triage').id, TRIAGE_MON);
      const item = (o: typeof mon) => ({
        id: o.id,
        planId: p.planId,
        ritualId: o.ritualId,
        scheduledAt: o.scheduledAt,
      });
      expect(await store.dueReminders(STANDUP_TUE, 10)).toEqual([item(mon)]);
      const both = later(STANDUP_TUE, HOUR);
      expect(await store.dueReminders(both, 10)).toEqual([item(mon), item(tue)]);
      expect(await store.dueReminders(both, 1)).toEqual([item(mon)]);
      await store.apply([{ type: 'occurrence.reminded', occurrenceId: mon.id, at: both }]);
      expect(await store.dueReminders(both, 10)).toEqual([item(tue)]);
    });

    it('dueDigests: posted stand-ups whose digest is due and not posted, earliest first, at most `limit`', async () => {
      const p = await seed();
      const tue = await posted(p.ritual('standup').id, STANDUP_TUE, { digestAt: later(STANDUP_TUE, 2 * HOUR) });
      const mon = await posted(p.ritual('standup').id, STANDUP_MON, { digestAt: later(STANDUP_MON, 2 * HOUR) });
      // No digest asked for: never due.
      await posted(p.ritual('triage').id, TRIAGE_MON, { remindAt: later(TRIAGE_MON, HOUR) });
      const item = (o: typeof mon) => ({
        id: o.id,
        planId: p.planId,
        ritualId: o.ritualId,
        scheduledAt: o.scheduledAt,
      });
      expect(await store.dueDigests(later(STANDUP_MON, HOUR), 10)).toEqual([]);
      expect(await store.dueDigests(STANDUP_TUE, 10)).toEqual([item(mon)]);
      const both = later(STANDUP_TUE, 2 * HOUR);
      expect(await store.dueDigests(both, 10)).toEqual([item(mon), item(tue)]);
      expect(await store.dueDigests(both, 1)).toEqual([item(mon)]);
      await store.apply([{ type: 'occurrence.digested', occurrenceId: mon.id, at: both }]);
      expect(await store.dueDigests(both, 10)).toEqual([item(tue)]);
    });

    it('plansWithOverdueTasks: plans with open tasks due before the instant and not escalated as slips', async () => {
      const p = await seed();
      const tue = new Date('2026-12-08T00:00:00Z');
      // d1 is due Monday Dec 7: before Tuesday, not before Monday itself.
      expect(await store.plansWithOverdueTasks(new Date('2026-12-07T00:00:00Z'))).toEqual([]);
      expect(await store.plansWithOverdueTasks(tue)).toEqual([p.planId]);
      await store.apply([{ type: 'task.update', taskId: p.task('d1').id, data: { status: 'done' } }]);
      expect(await store.plansWithOverdueTasks(tue)).toEqual([]);
      const wed = new Date('2026-12-09T00:00:00Z');
      expect(await store.plansWithOverdueTasks(wed)).toEqual([p.planId]);
      await store.apply([{ type: 'task.slip_claim', taskId: p.task('d2').id, at: STANDUP_TUE }]);
      expect(await store.plansWithOverdueTasks(wed)).toEqual([]);
      // In progress and blocked are open too; a cancelled task is not.
      await store.apply([{ type: 'task.update', taskId: p.task('d3').id, data: { status: 'blocked' } }]);
      const thu = new Date('2026-12-10T00:00:00Z');
      expect(await store.plansWithOverdueTasks(thu)).toEqual([p.planId]);
      await store.apply([{ type: 'task.update', taskId: p.task('d3').id, data: { status: 'cancelled' } }]);
      expect(await store.plansWithOverdueTasks(thu)).toEqual([]);

      const other = await seed(globex);
      expect(await store.plansWithOverdueTasks(thu)).toEqual([other.planId]);
      await store.apply([{ type: 'task.update', taskId: p.task('d4').id, data: { status: 'in_progress' } }]);
      const fri = new Date('2026-12-11T00:00:00Z');
      expect((await store.plansWithOverdueTasks(fri)).sort()).toEqual([p.planId, other.planId].sort());
      await s.archive(other.planId);
      expect(await store.plansWithOverdueTasks(fri)).toEqual([p.planId]);
      expect(await store.listPlans(globex)).toEqual([]);
    });

    it('nothing of a plan is due while its workspace is uninstalled; a reinstall brings it all back as it was', async () => {
      const p = await seed();
      const other = await seed(globex);
      const blocker = openBlocker(p, 1, { nextEscalationAt: STANDUP_MON });
      await store.apply([blocker]);
      const mon = await posted(p.ritual('standup').id, STANDUP_MON, {
        remindAt: later(STANDUP_MON, HOUR),
        digestAt: later(STANDUP_MON, 2 * HOUR),
      });
      const now = later(STANDUP_TUE, HOUR);
      const due = async () => ({
        rituals: (await store.dueRituals(now, 100)).filter((r) => r.planId === p.planId).map((r) => r.id),
        escalations: await store.dueEscalations(now, 100),
        reminders: (await store.dueReminders(now, 100)).map((r) => r.id),
        digests: (await store.dueDigests(now, 100)).map((r) => r.id),
        slips: (await store.plansWithOverdueTasks(now)).filter((id) => id === p.planId),
      });
      const before = await due();
      expect(before).toEqual({
        rituals: expect.arrayContaining([p.ritual('standup').id]),
        escalations: [{ id: blocker.blockerId, planId: p.planId }],
        reminders: [mon.id],
        digests: [mon.id],
        slips: [p.planId],
      });
      const nextDue = await store.nextDueAt();

      await s.setUninstalled(p.planId, true);
      expect(await due()).toEqual({ rituals: [], escalations: [], reminders: [], digests: [], slips: [] });
      // Another workspace's plan runs on; the uninstalled plan is kept, not archived.
      expect((await store.dueRituals(now, 100)).some((r) => r.planId === other.planId)).toBe(true);
      expect(await store.listPlans(acme)).toHaveLength(1);

      await s.setUninstalled(p.planId, false);
      expect(await due()).toEqual(before);
      expect(await store.nextDueAt()).toEqual(nextDue);
    });

    it('latestOccurrence: the last posted prompt of the kinds asked, at or before now, of that plan', async () => {
      const p = await seed();
      const other = await seed(globex);
      expect(await store.latestOccurrence(p.planId, ['standup', 'weekend_checkin'], CHECKIN_SAT)).toBeNull();
      const mon = await posted(p.ritual('standup').id, STANDUP_MON);
      await posted(p.ritual('triage').id, TRIAGE_MON);
      await store.apply([claim(p.ritual('standup').id, STANDUP_TUE, { status: 'skipped' })]);
      const sat = await posted(p.ritual('weekend_checkin').id, CHECKIN_SAT);
      await posted(other.ritual('standup').id, STANDUP_TUE);

      const answered = ['standup', 'weekend_checkin'] as const;
      expect(await store.latestOccurrence(p.planId, answered, later(CHECKIN_SAT, HOUR))).toEqual(sat);
      expect(await store.latestOccurrence(p.planId, answered, CHECKIN_SAT)).toEqual(sat);
      expect(await store.latestOccurrence(p.planId, answered, later(CHECKIN_SAT, -1))).toEqual(mon);
      expect(await store.latestOccurrence(p.planId, ['standup'], later(CHECKIN_SAT, HOUR))).toEqual(mon);
      expect(await store.latestOccurrence(p.planId, answered, later(STANDUP_MON, -1))).toBeNull();
      expect(sat).toMatchObject({ kind: 'weekend_checkin', planId: p.planId, scheduledAt: CHECKIN_SAT });
    });

    it('findOccurrence: a posted occurrence by id or by ritual and instant; nothing for skipped or unknown ones', async () => {
      const p = await seed();
      const mon = await posted(p.ritual('standup').id, STANDUP_MON);
      expect(await store.findOccurrence({ id: mon.id })).toEqual(mon);
      expect(await store.findOccurrence({ ritualId: p.ritual('standup').id, scheduledAt: STANDUP_MON })).toEqual(mon);
      expect(await store.findOccurrence({ ritualId: p.ritual('standup').id, scheduledAt: STANDUP_TUE })).toBeNull();
      expect(await store.findOccurrence({ ritualId: p.ritual('triage').id, scheduledAt: STANDUP_MON })).toBeNull();
      expect(await store.findOccurrence({ id: randomUUID() })).toBeNull();
      await store.apply([claim(p.ritual('standup').id, STANDUP_TUE, { status: 'skipped' })]);
      expect(await store.findOccurrence({ ritualId: p.ritual('standup').id, scheduledAt: STANDUP_TUE })).toBeNull();
    });

    it('repliesFor: the members who answered that occurrence, and only that one', async () => {
      const p = await seed();
      const mon = await posted(p.ritual('standup').id, STANDUP_MON);
      const tue = await posted(p.ritual('standup').id, STANDUP_TUE);
      await store.apply([
        {
          type: 'standup.reply',
          occurrenceId: mon.id,
          memberId: p.member('sam').id,
          taskStatuses: {},
          at: STANDUP_MON,
        },
        {
          type: 'standup.reply',
          occurrenceId: tue.id,
          memberId: p.member('luis').id,
          taskStatuses: {},
          at: STANDUP_TUE,
        },
      ]);
      expect(await store.repliesFor(mon.id)).toEqual([p.member('sam').id]);
      expect(await store.repliesFor(tue.id)).toEqual([p.member('luis').id]);
      expect(await store.repliesFor(randomUUID())).toEqual([]);
    });

    it('nextDueAt: the earliest ritual firing, ladder tier or reminder still to come', async () => {
      expect(await store.nextDueAt()).toBeNull();
      const p = await seed();
      expect(await store.nextDueAt()).toEqual(STANDUP_MON);
      const open = openBlocker(p, 1, { nextEscalationAt: later(IMPORTED, 10 * 60_000) });
      await store.apply([open]);
      expect(await store.nextDueAt()).toEqual(later(IMPORTED, 10 * 60_000));
      // An acknowledged blocker waits for nobody.
      await store.apply([
        { type: 'blocker.update', blockerId: open.blockerId, expectStatus: ['open'], data: { status: 'acknowledged' } },
      ]);
      expect(await store.nextDueAt()).toEqual(STANDUP_MON);
      await posted(p.ritual('triage').id, TRIAGE_MON, { remindAt: later(IMPORTED, 5 * 60_000) });
      expect(await store.nextDueAt()).toEqual(later(IMPORTED, 5 * 60_000));
      // A ritual the plan dropped is not waited for.
      await importPlanYaml(
        s.versions,
        acme,
        sprintPlanYaml.replace('  - { kind: standup, localTime: "09:00", days: [1, 2, 3, 4, 5] }\n', ''),
        { now: IMPORTED },
      );
      const o = await store.findOccurrence({ ritualId: p.ritual('triage').id, scheduledAt: TRIAGE_MON });
      await store.apply([{ type: 'occurrence.reminded', occurrenceId: o!.id, at: IMPORTED }]);
      expect(await store.nextDueAt()).toEqual(TRIAGE_MON);
    });
  });

  describe('reading what happened, for reports', () => {
    it('planActivity: the posted prompts and their answers, and the blockers the window touched with their tiers', async () => {
      const p = await seed();
      const other = await seed(globex);
      const week = { from: later(STANDUP_MON, -9 * HOUR), to: later(STANDUP_MON, 7 * 24 * HOUR - 9 * HOUR) };
      expect(await store.planActivity(p.planId, week)).toEqual({ prompts: [], blockers: [] });
      const mon = await posted(p.ritual('standup').id, STANDUP_MON, {
        asked: [p.member('sam').id, p.member('luis').id],
      });
      // Claimed without a record of whom it named (as before planbot kept one): null, not "nobody".
      const sat = await posted(p.ritual('weekend_checkin').id, CHECKIN_SAT);
      // Not prompts: a triage post, a skipped stand-up, another plan's stand-up, next week's stand-up.
      await posted(p.ritual('triage').id, TRIAGE_MON);
      await store.apply([claim(p.ritual('standup').id, STANDUP_TUE, { status: 'skipped' })]);
      await posted(other.ritual('standup').id, STANDUP_TUE);
      await posted(p.ritual('standup').id, week.to);
      const answer = (occurrenceId: string, member: string, at: Date): Effect => ({
        type: 'standup.reply',
        occurrenceId,
        memberId: p.member(member).id,
        taskStatuses: {},
        at,
      });
      await store.apply([
        answer(mon.id, 'sam', later(STANDUP_MON, 12 * 60_000)),
        answer(mon.id, 'luis', later(STANDUP_MON, HOUR)),
        answer(sat.id, 'luis', later(CHECKIN_SAT, 5 * 60_000)),
      ]);

      const acked = openBlocker(p, 1, { at: STANDUP_TUE });
      const before = openBlocker(p, 2, { at: later(week.from, -24 * HOUR) });
      const untouched = openBlocker(p, 3, { at: later(week.from, -24 * HOUR) });
      const step = (blockerId: string, tier: number, at: Date): Effect => ({
        type: 'escalation.claim',
        blockerId,
        tier,
        target: 'member:sam',
        dueAt: at,
        at,
        nextEscalationAt: null,
      });
      await store.apply([acked, before, untouched, openBlocker(other, 1, { at: STANDUP_TUE })]);
      await store.apply([
        step(acked.blockerId, 0, STANDUP_TUE),
        step(acked.blockerId, 1, later(STANDUP_TUE, 4 * HOUR)),
      ]);
      await store.apply([
        {
          type: 'blocker.update',
          blockerId: acked.blockerId,
          expectStatus: ['open'],
          data: { status: 'acknowledged', acknowledgedAt: later(STANDUP_TUE, 5 * HOUR) },
        },
        // Opened the week before, resolved in this one.
        {
          type: 'blocker.update',
          blockerId: before.blockerId,
          expectStatus: ['open'],
          data: { status: 'resolved', resolvedAt: STANDUP_TUE },
        },
      ]);

      const activity = await store.planActivity(p.planId, week);
      expect(activity.prompts).toEqual([
        {
          id: mon.id,
          kind: 'standup',
          scheduledAt: STANDUP_MON,
          asked: [p.member('sam').id, p.member('luis').id],
          replies: expect.arrayContaining([
            { memberId: p.member('sam').id, receivedAt: later(STANDUP_MON, 12 * 60_000) },
            { memberId: p.member('luis').id, receivedAt: later(STANDUP_MON, HOUR) },
          ]),
        },
        {
          id: sat.id,
          kind: 'weekend_checkin',
          scheduledAt: CHECKIN_SAT,
          asked: null,
          replies: [{ memberId: p.member('luis').id, receivedAt: later(CHECKIN_SAT, 5 * 60_000) }],
        },
      ]);
      expect(activity.prompts[0]!.replies).toHaveLength(2);
      expect(activity.blockers).toEqual([
        {
          id: acked.blockerId,
          number: 1,
          taskId: p.task('d3').id,
          reporterId: p.member('luis').id,
          openedAt: STANDUP_TUE,
          acknowledgedAt: later(STANDUP_TUE, 5 * HOUR),
          resolvedAt: null,
          steps: [
            { tier: 0, sentAt: STANDUP_TUE },
            { tier: 1, sentAt: later(STANDUP_TUE, 4 * HOUR) },
          ],
        },
        expect.objectContaining({ id: before.blockerId, number: 2, resolvedAt: STANDUP_TUE, steps: [] }),
      ]);
    });

    it('runningPlans: plans not archived whose workspace has planbot installed, oldest first, at most `limit`', async () => {
      const first = await seed();
      const second = await seed(globex);
      const third = await seed({ platform: 'teams', externalId: 'tenant-initech', name: 'Initech' });
      const listed = await store.runningPlans(10);
      expect(listed.map((p) => p.id)).toEqual([first.planId, second.planId, third.planId]);
      expect(listed[0]).toEqual({
        id: first.planId,
        name: 'Checkout sprint',
        stamp: (await store.listPlans(acme))[0]!.stamp,
      });
      expect((await store.runningPlans(2)).map((p) => p.id)).toEqual([first.planId, second.planId]);
      await s.archive(second.planId);
      await s.setUninstalled(third.planId, true);
      expect((await store.runningPlans(10)).map((p) => p.id)).toEqual([first.planId]);
    });
  });
}
