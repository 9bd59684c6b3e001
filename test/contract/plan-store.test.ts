import { describe } from 'vitest';
import { PrismaPlanStore } from '../../src/store/prisma-plan-store.js';
import { prismaPlanVersionStore } from '../../src/store/prisma-plan-version-store.js';
import { FakePlanStore } from '../fakes/fake-plan-store.js';
import { openTestDatabase, storeKinds, type StoreKind } from '../support/test-databases.js';
import { planStoreContract, type StoreUnderTest } from './plan-store.contract.js';

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
    close: async () => {},
  };
}

async function prismaStore(kind: StoreKind): Promise<StoreUnderTest> {
  const db = await openTestDatabase(kind);
  return {
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
    close: () => db.destroy(),
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
