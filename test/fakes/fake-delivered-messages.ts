import type { DeliveredMessage, DeliveredMessages } from '../../src/service/ports/delivered-messages.js';
import type { SenderJson } from '../../src/service/ports/sender.js';
import type { ChatPlatform } from '../../src/service/read-model/platform.js';
import type { FakePlanStore, QueuedMessage } from './fake-plan-store.js';

/**
 * DeliveredMessages over a FakePlanStore's outbox. Nothing is delivered until a test says so
 * (`deliver`, `deliverAll`), as a dispatcher records the platform's reference once a send succeeds.
 */
export class FakeDeliveredMessages implements DeliveredMessages {
  private readonly sent = new Map<string, { ref: string; at: Date }>();
  private refs = 0;

  constructor(private readonly store: FakePlanStore) {}

  /** Marks a queued message delivered at `at` with platform reference `ref` (default "ref-N"); returns the ref. */
  deliver(idempotencyKey: string, at: Date, ref?: string): string {
    if (!this.store.queued.some((m) => m.idempotencyKey === idempotencyKey))
      throw new Error(`nothing queued under ${idempotencyKey}`);
    const platformRef = ref ?? `ref-${(this.refs += 1)}`;
    this.sent.set(idempotencyKey, { ref: platformRef, at });
    return platformRef;
  }

  /** Delivers everything queued and not yet delivered, in enqueue order. */
  deliverAll(at: Date): void {
    for (const m of this.store.queued) if (!this.sent.has(m.idempotencyKey)) this.deliver(m.idempotencyKey, at);
  }

  /** The platform reference a delivered message got. */
  refOf(idempotencyKey: string): string | undefined {
    return this.sent.get(idempotencyKey)?.ref;
  }

  async byPlatformRef(
    platform: ChatPlatform,
    platformRef: string,
    targets?: readonly string[],
  ): Promise<DeliveredMessage | null> {
    return this.newest(
      (m) =>
        m.platform === platform &&
        this.sent.get(m.idempotencyKey)?.ref === platformRef &&
        (targets === undefined || targets.includes(m.target)),
    );
  }

  async latestSentTo(
    platform: ChatPlatform,
    target: string,
    since: Date,
    keyPrefix: string,
  ): Promise<DeliveredMessage | null> {
    return this.newest((m) => {
      const sent = this.sent.get(m.idempotencyKey);
      return (
        m.platform === platform &&
        m.target === target &&
        m.idempotencyKey.startsWith(keyPrefix) &&
        sent !== undefined &&
        sent.at >= since
      );
    });
  }

  private newest(match: (m: QueuedMessage) => boolean): DeliveredMessage | null {
    const found = this.store.queued.filter(match).at(-1);
    if (!found) return null;
    return {
      idempotencyKey: found.idempotencyKey,
      target: found.target,
      payload: found.message as SenderJson,
      sentAt: this.sent.get(found.idempotencyKey)?.at ?? null,
    };
  }
}
