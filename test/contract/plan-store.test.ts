import { afterAll, describe } from 'vitest';
import { PrismaPlanStore } from '../../src/store/prisma-plan-store.js';
import { prismaPlanVersionStore } from '../../src/store/prisma-plan-version-store.js';
import { FakePlanStore } from '../fakes/fake-plan-store.js';
import { openTestDatabase, storeKinds, type StoreKind, type TestDatabase } from '../support/test-databases.js';
import { planStoreContract, type StoreUnderTest } from './plan-store.contract.js';

/** When a test marks a workspace uninstalled; the store reads only whether it is set. */
const UNINSTALLED_AT = new Date('2026-12-07T17:00:00Z');

async function fakeStore(): Promise<StoreUnderTest> {
  const fake = new FakePlanStore();
  return {
    store: fake,
    versions: fake,
    queued: async () =>
      fake.queued.map((m) => ({
        key: m.idempotencyKey,
        platform: m.platform,
        target: m.target,
        parentKey: m.parentKey ?? null,
      })),
    audit: async () => fake.auditLog.map(({ planId, actor, action, detail }) => ({ planId, actor, action, detail })),
    archive: async (planId) => fake.archive(planId),
    setUninstalled: async (planId, uninstalled) => fake.setUninstalled(planId, uninstalled),
    close: async () => {},
  };
}

// One migrated database per kind, emptied before each test: migrating a fresh one per test cost
// about a second each, most of this suite's time.
const databases = new Map<StoreKind, Promise<TestDatabase>>();

async function emptied(kind: StoreKind): Promise<TestDatabase> {
  if (!databases.has(kind)) databases.set(kind, openTestDatabase(kind));
  const db = await databases.get(kind)!;
  const tables = await db.prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  await db.prisma.$executeRawUnsafe(
    `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
  );
  return db;
}

afterAll(async () => {
  for (const db of databases.values()) await (await db).destroy();
});

async function prismaStore(kind: StoreKind): Promise<StoreUnderTest> {
  const db = await emptied(kind);
  return {
    // A new store per test: its cache of plan states must not outlive the rows it cached.
    store: new PrismaPlanStore(db.prisma),
    versions: prismaPlanVersionStore(db.prisma),
    queued: async () =>
      (await db.prisma.outboxMessage.findMany({ orderBy: { seq: 'asc' } })).map((m) => ({
        key: m.idempotencyKey,
        platform: m.platform,
        target: m.target,
        parentKey: m.parentKey,
      })),
    audit: async () =>
      (await db.prisma.auditLog.findMany()).map(({ planId, actor, action, detail }) => ({
        planId,
        actor,
        action,
        detail,
      })),
    archive: async (planId) => {
      await db.prisma.plan.update({ where: { id: planId }, data: { archived: true, revision: { increment: 1 } } });
    },
    setUninstalled: async (planId, uninstalled) => {
      const { workspaceId } = await db.prisma.plan.findUniqueOrThrow({ where: { id: planId } });
      await db.prisma.workspace.update({
        where: { id: workspaceId },
        data: { uninstalledAt: uninstalled ? UNINSTALLED_AT : null },
      });
    },
    close: async () => {},
  };
}

const stores: [string, () => Promise<StoreUnderTest>][] = [
  ['the in-memory fake', fakeStore],
  ...storeKinds().map((kind): [string, () => Promise<StoreUnderTest>] => [
    `PrismaPlanStore on ${kind}`,
    () => prismaStore(kind),
  ]),
];

describe.each(stores)('PlanStore contract: %s', (_name, open) => {
  planStoreContract(open);
});
