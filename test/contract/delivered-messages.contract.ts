import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Effect } from '../../src/service/effects.js';
import type { DeliveredMessages } from '../../src/service/ports/delivered-messages.js';
import type { PlanStore } from '../../src/service/ports/plan-store.js';

/** A DeliveredMessages with the store that queues its messages, and a way to say one was delivered. */
export interface DeliveredUnderTest {
  store: PlanStore;
  delivered: DeliveredMessages;
  /** Records a queued message as sent at `at` with the platform's reference `ref`, as the dispatcher does. */
  deliver(idempotencyKey: string, at: Date, ref: string): Promise<void>;
  close(): Promise<void>;
}

const T0 = new Date('2026-12-07T17:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const queue = (key: string, target: string, platform: 'slack' | 'teams' = 'slack'): Effect => ({
  type: 'outbox',
  draft: { idempotencyKey: key, platform, target, message: { kind: 'reply', text: key, blocks: [] }, notBefore: T0 },
});

/** The DeliveredMessages contract: what the adapters ask of delivered messages, whichever store answers. */
export function deliveredMessagesContract(open: () => Promise<DeliveredUnderTest>): void {
  let s: DeliveredUnderTest;
  beforeEach(async () => {
    s = await open();
  });
  afterEach(async () => {
    await s.close();
  });

  it('byPlatformRef: the message delivered as that reference on that platform, to one of the targets when given', async () => {
    await s.store.apply([
      queue('occurrence:a', 'C-ACME'),
      queue('occurrence:b', 'C-OTHER'),
      queue('teams:c', '19:x', 'teams'),
    ]);
    expect(await s.delivered.byPlatformRef('slack', 'ts-1')).toBeNull();
    await s.deliver('occurrence:a', later(1), 'ts-1');
    await s.deliver('occurrence:b', later(2), 'ts-2');
    await s.deliver('teams:c', later(3), 'ts-1');
    expect(await s.delivered.byPlatformRef('slack', 'ts-1')).toEqual({
      idempotencyKey: 'occurrence:a',
      target: 'C-ACME',
      payload: { kind: 'reply', text: 'occurrence:a', blocks: [] },
      sentAt: later(1),
    });
    expect((await s.delivered.byPlatformRef('teams', 'ts-1'))?.idempotencyKey).toBe('teams:c');
    expect(await s.delivered.byPlatformRef('slack', 'ts-1', ['C-OTHER'])).toBeNull();
    expect((await s.delivered.byPlatformRef('slack', 'ts-2', ['C-ACME', 'C-OTHER']))?.idempotencyKey).toBe(
      'occurrence:b',
    );
  });

  it('latestSentTo: the newest message sent to the target since then, under the key prefix', async () => {
    await s.store.apply([
      queue('occurrence:mon:U1', 'U1'),
      queue('escalation:x:U1', 'U1'),
      queue('occurrence:tue:U1', 'U1'),
      queue('occurrence:tue:U2', 'U2'),
    ]);
    expect(await s.delivered.latestSentTo('slack', 'U1', T0, 'occurrence:')).toBeNull();
    await s.deliver('occurrence:mon:U1', later(1), 'd-1');
    await s.deliver('escalation:x:U1', later(2), 'd-2');
    // Tuesday's prompt is queued but not sent yet: Monday's is the latest sent under the prefix.
    expect((await s.delivered.latestSentTo('slack', 'U1', T0, 'occurrence:'))?.idempotencyKey).toBe(
      'occurrence:mon:U1',
    );
    expect((await s.delivered.latestSentTo('slack', 'U1', T0, 'occurrence:'))?.sentAt).toEqual(later(1));
    await s.deliver('occurrence:tue:U1', later(3), 'd-3');
    expect((await s.delivered.latestSentTo('slack', 'U1', T0, 'occurrence:'))?.idempotencyKey).toBe(
      'occurrence:tue:U1',
    );
    expect(await s.delivered.latestSentTo('slack', 'U1', later(4), 'occurrence:')).toBeNull();
    expect(await s.delivered.latestSentTo('slack', 'U2', T0, 'occurrence:')).toBeNull();
    expect(await s.delivered.latestSentTo('teams', 'U1', T0, 'occurrence:')).toBeNull();
    expect((await s.delivered.latestSentTo('slack', 'U1', T0, 'escalation:'))?.idempotencyKey).toBe('escalation:x:U1');
  });
}
