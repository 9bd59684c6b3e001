import { describe } from 'vitest';
import { PrismaDeliveredMessages } from '../../src/store/prisma-delivered-messages.js';
import { PrismaPlanStore } from '../../src/store/prisma-plan-store.js';
import { FakeDeliveredMessages } from '../fakes/fake-delivered-messages.js';
import { FakePlanStore } from '../fakes/fake-plan-store.js';
import { openTestDatabase, storeKinds, type StoreKind } from '../support/test-databases.js';
import { deliveredMessagesContract, type DeliveredUnderTest } from './delivered-messages.contract.js';

async function fake(): Promise<DeliveredUnderTest> {
  const store = new FakePlanStore();
  const delivered = new FakeDeliveredMessages(store);
  return {
    store,
    delivered,
    deliver: async (key, at, ref) => void delivered.deliver(key, at, ref),
    close: async () => {},
  };
}

async function prisma(kind: StoreKind): Promise<DeliveredUnderTest> {
  const db = await openTestDatabase(kind);
  return {
    store: new PrismaPlanStore(db.prisma),
    delivered: new PrismaDeliveredMessages(db.prisma),
    deliver: async (idempotencyKey, sentAt, platformRef) => {
      await db.prisma.outboxMessage.update({
        where: { idempotencyKey },
        data: { status: 'sent', sentAt, platformRef },
      });
    },
    close: () => db.destroy(),
  };
}

const implementations: [string, () => Promise<DeliveredUnderTest>][] = [
  ['the in-memory fake', fake],
  ...storeKinds().map((kind): [string, () => Promise<DeliveredUnderTest>] => [
    `PrismaDeliveredMessages on ${kind}`,
    () => prisma(kind),
  ]),
];

describe.each(implementations)('DeliveredMessages contract: %s', (_name, open) => {
  deliveredMessagesContract(open);
});
