import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, type Effect } from '../../src/service/effects.js';
import { PrismaPlanStore } from '../../src/store/prisma-plan-store.js';
import { claimDeliverableOutbox, enqueueOutbox, enqueueOutboxMany } from '../../src/store/outbox-repository.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

const at = (iso: string) => new Date(iso);

describe.each(storeKinds())('store on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const claim = (now: Date) =>
    claimDeliverableOutbox(db.prisma, { now, limit: 10, leaseMs: 30_000, platforms: ['slack'] });

  async function seedPlan(name: string) {
    const workspace = await db.prisma.workspace.create({
      data: { platform: 'slack', externalId: `T-${name}`, name: 'Acme' },
    });
    return db.prisma.plan.create({ data: { workspaceId: workspace.id, name, timezone: 'America/Los_Angeles' } });
  }

  it('stores a plan with members, identities, tasks and dependencies and reads it back', async () => {
    const plan = await seedPlan('Sprint');
    const sam = await db.prisma.member.create({
      data: {
        planId: plan.id,
        key: 'sam-jackson',
        displayName: 'Sam Jackson',
        roles: ['lead', 'on_call'],
        email: 'sam@example.com',
        identities: { create: [{ platform: 'slack', externalId: 'U01SAM', handle: 'sam.jackson' }] },
      },
    });
    const day3 = await db.prisma.task.create({
      data: {
        planId: plan.id,
        key: 'D3',
        title: 'Data ingestion',
        ownerId: sam.id,
        dueDate: at('2026-12-09'),
        plannedDate: at('2026-12-09'),
        planDay: 3,
        details: { checklist: ['GA4', 'HubSpot'] },
      },
    });
    await db.prisma.task.create({
      data: {
        planId: plan.id,
        key: 'D4',
        title: 'Data quality',
        dueDate: at('2026-12-10'),
        plannedDate: at('2026-12-10'),
        planDay: 4,
        critical: true,
        dependsOn: { create: [{ dependsOnId: day3.id }] },
      },
    });

    const loaded = await db.prisma.plan.findUniqueOrThrow({
      where: { id: plan.id },
      include: {
        members: { include: { identities: true } },
        tasks: { include: { dependsOn: { include: { dependsOn: true } } }, orderBy: { key: 'asc' } },
      },
    });
    expect(loaded.members[0]?.roles).toEqual(['lead', 'on_call']);
    expect(loaded.members[0]?.identities[0]?.externalId).toBe('U01SAM');
    expect(loaded.tasks.map((t) => t.key)).toEqual(['D3', 'D4']);
    expect(loaded.tasks[0]?.details).toEqual({ checklist: ['GA4', 'HubSpot'] });
    expect(loaded.tasks[1]?.dependsOn.map((d) => d.dependsOn.key)).toEqual(['D3']);
    // A date column holds the plan-local calendar day, with no time-zone drift.
    expect(loaded.tasks[1]?.dueDate.toISOString()).toBe('2026-12-10T00:00:00.000Z');
  });

  it('refuses a second plan of the same name in a workspace (P2002)', async () => {
    const plan = await seedPlan('Unique');
    await expect(
      db.prisma.plan.create({ data: { workspaceId: plan.workspaceId, name: 'Unique', timezone: 'UTC' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('lets exactly one claimant own a ritual occurrence; the loser changes nothing', async () => {
    const plan = await seedPlan('Claims');
    const ritual = await db.prisma.ritual.create({
      data: {
        planId: plan.id,
        key: 'standup',
        kind: 'standup',
        localTime: '09:00',
        timezone: 'America/Los_Angeles',
        days: [1, 2, 3, 4, 5],
      },
    });
    const store = new PrismaPlanStore(db.prisma);
    const firing = (instant: string, claimedBy: string, key: string): Effect[] => [
      { type: 'occurrence.claim', ritualId: ritual.id, scheduledAt: at(instant), claimedBy, status: 'posted' },
      {
        type: 'outbox',
        draft: {
          idempotencyKey: key,
          platform: 'teams',
          target: 'C-claims',
          message: { kind: 'standup_prompt', text: 'Stand-up', blocks: [] },
          notBefore: at(instant),
        },
      },
    ];

    await store.apply(firing('2026-12-07T17:00:00Z', 'replica-a', 'claims:a'));
    // (Queued for Teams so the Slack outbox test in this file does not pick these up.)
    // The loser's whole transaction rolls back: no second occurrence and no message queued.
    await expect(store.apply(firing('2026-12-07T17:00:00Z', 'replica-b', 'claims:b'))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await store.apply(firing('2026-12-08T17:00:00Z', 'replica-b', 'claims:c'));

    const rows = await db.prisma.occurrence.findMany({
      where: { ritualId: ritual.id },
      orderBy: { scheduledAt: 'asc' },
    });
    expect(rows.map((o) => [o.scheduledAt.toISOString(), o.claimedBy])).toEqual([
      ['2026-12-07T17:00:00.000Z', 'replica-a'],
      ['2026-12-08T17:00:00.000Z', 'replica-b'],
    ]);
    expect(
      (await db.prisma.outboxMessage.findMany({ where: { target: 'C-claims' }, orderBy: { seq: 'asc' } })).map(
        (m) => m.idempotencyKey,
      ),
    ).toEqual(['claims:a', 'claims:c']);
  });

  it('fires each ladder tier of a blocker once, and not once the blocker is acknowledged', async () => {
    const plan = await seedPlan('Ladder');
    const blocker = await db.prisma.blocker.create({
      data: { planId: plan.id, number: 1, summary: 'GA4 keys missing', openedAt: at('2026-12-09T18:00:00Z') },
    });
    const store = new PrismaPlanStore(db.prisma);
    const tier = (n: number): Effect => ({
      type: 'escalation.claim',
      blockerId: blocker.id,
      tier: n,
      target: 'role:sponsor',
      dueAt: at('2026-12-09T22:00:00Z'),
      at: at('2026-12-09T22:00:00Z'),
      nextEscalationAt: null,
    });
    await store.apply([tier(1)]);
    await expect(store.apply([tier(1)])).rejects.toBeInstanceOf(ConflictError);
    await db.prisma.blocker.update({ where: { id: blocker.id }, data: { status: 'acknowledged' } });
    await expect(store.apply([tier(2)])).rejects.toBeInstanceOf(ConflictError);
    expect((await db.prisma.escalationStep.findMany({ where: { blockerId: blocker.id } })).map((s) => s.tier)).toEqual([
      1,
    ]);
  });

  it('queues an outbox message once per idempotency key and hands due messages out once', async () => {
    const now = at('2026-12-07T17:00:00Z');
    const draft = { platform: 'slack' as const, target: 'C-outbox', payload: { text: 'Stand-up' }, notBefore: now };
    expect(await enqueueOutbox(db.prisma, { ...draft, idempotencyKey: 'outbox-test:1' })).toBe(true);
    expect(await enqueueOutbox(db.prisma, { ...draft, idempotencyKey: 'outbox-test:1' })).toBe(false);
    await enqueueOutbox(db.prisma, {
      ...draft,
      idempotencyKey: 'outbox-test:later',
      notBefore: at('2026-12-07T18:00:00Z'),
    });

    const batch = await claim(now);
    expect(batch.map((m) => m.idempotencyKey)).toEqual(['outbox-test:1']);
    expect(batch[0]?.attempts).toBe(1);
    // Leased: not handed out again while the lease runs…
    expect(await claim(at('2026-12-07T17:00:10Z'))).toEqual([]);
    // …but a sender that died leaves it due again once the lease is over: nothing queued is lost.
    const retaken = await claim(at('2026-12-07T17:00:31Z'));
    expect(retaken.map((m) => [m.idempotencyKey, m.attempts])).toEqual([['outbox-test:1', 2]]);
  });

  it('queues a batch in the order given, once per key, sharing repeated payloads', async () => {
    const at = new Date('2026-12-07T17:00:00Z');
    const draft = (key: string, target: string, payload: object) => ({
      idempotencyKey: key,
      platform: 'slack' as const,
      target,
      payload,
      notBefore: at,
    });
    const ping = { text: 'ping' };
    const drafts = [
      draft('batch:a', 'C-batch', ping),
      draft('batch:b', 'C-batch', { text: 'pong' }),
      draft('batch:c', 'C-batch', ping),
      draft('batch:d', 'U1', ping),
      draft('batch:e', 'U2', ping),
    ];
    expect(await enqueueOutboxMany(db.prisma, drafts)).toBe(5);
    expect(await enqueueOutboxMany(db.prisma, drafts)).toBe(0);
    const rows = await db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: 'batch:' } },
      orderBy: { seq: 'asc' },
    });
    expect(rows.map((r) => [r.idempotencyKey, r.target, (r.payload as { text: string }).text])).toEqual([
      ['batch:a', 'C-batch', 'ping'],
      ['batch:b', 'C-batch', 'pong'],
      ['batch:c', 'C-batch', 'ping'],
      ['batch:d', 'U1', 'ping'],
      ['batch:e', 'U2', 'ping'],
    ]);
  });

  it('finds due rituals, escalations and outbox messages by index range scans', async () => {
    const plan = await seedPlan('Indexes');
    const base = Date.parse('2026-12-01T00:00:00Z');
    const minutes = Array.from({ length: 3000 }, (_, i) => new Date(base + i * 60_000));
    await db.prisma.ritual.createMany({
      data: minutes.map((nextRunAt, i) => ({
        planId: plan.id,
        key: `standup-${i}`,
        kind: 'standup' as const,
        localTime: '09:00',
        timezone: 'UTC',
        days: [1],
        nextRunAt,
      })),
    });
    await db.prisma.blocker.createMany({
      data: minutes.map((t, i) => ({ planId: plan.id, number: i + 1, summary: 'x', openedAt: t, nextEscalationAt: t })),
    });
    await db.prisma.outboxMessage.createMany({
      data: minutes.map((t, i) => ({
        idempotencyKey: `idx:${i}`,
        platform: 'slack' as const,
        target: 'C1',
        payload: {},
        nextAttemptAt: t,
        status: i < 2990 ? ('sent' as const) : ('pending' as const),
      })),
    });
    await db.prisma.$executeRawUnsafe('ANALYZE');

    const plans = await Promise.all(
      [
        `SELECT id FROM ritual WHERE active AND next_run_at <= '2026-12-01T00:05:00Z'`,
        `SELECT id FROM blocker WHERE next_escalation_at <= '2026-12-01T00:05:00Z'`,
        `SELECT id FROM outbox_message WHERE status = 'pending' AND next_attempt_at <= '2026-12-03T00:00:00Z'`,
      ].map(async (sql) => {
        const rows = await db.prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      }),
    );
    for (const plan of plans) {
      expect(plan).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
      expect(plan).not.toMatch(/Seq Scan/);
    }
  }, 120_000);
});
