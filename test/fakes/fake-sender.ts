import type { OutgoingMessage, Sender, SendFailure, SendResult } from '../../src/service/ports/sender.js';

/** What a scripted call does instead of succeeding. */
export type ScriptedFailure =
  | { fail: 'transient'; reason?: string }
  | { fail: 'permanent'; reason?: string }
  | { fail: 'rate_limited'; retryAfterMs?: number; reason?: string }
  | { fail: 'throw'; error?: Error }
  /** Never answers: a dispatcher that dies between claim and record. */
  | { fail: 'hang' }
  /** The platform takes the message, but the answer never comes back: a crash between send and record. */
  | { fail: 'deliver_then_hang' }
  /** Succeeds, but only once `until` settles: a slow platform call that outlives its lease. */
  | { fail: 'wait'; until: Promise<unknown> };

export interface SentRecord {
  message: OutgoingMessage;
  ref: string;
}

/**
 * A platform that records every message it accepted, in order, and answers with refs
 * "ref-1", "ref-2", … Failures are scripted per idempotency key, one entry per call: the
 * second call for a key uses the second entry, and calls past the script succeed.
 */
export class FakeSender implements Sender {
  readonly sent: SentRecord[] = [];
  /** Every call, including failed ones, in order. */
  readonly calls: OutgoingMessage[] = [];
  private readonly scripts = new Map<string, ScriptedFailure[]>();
  private readonly callsByKey = new Map<string, number>();
  private refs = 0;
  private readonly callWaiters: { count: number; resolve: () => void }[] = [];
  /** Every findDelivered call, in order. */
  readonly lookups: OutgoingMessage[] = [];
  /** When set, findDelivered throws it: the platform's history cannot be read right now. */
  lookupError: Error | undefined;

  /** The next calls for `key` fail as listed, in order. */
  script(key: string, ...failures: ScriptedFailure[]): this {
    this.scripts.set(key, [...(this.scripts.get(key) ?? []), ...failures]);
    return this;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    this.calls.push(message);
    const n = this.callsByKey.get(message.idempotencyKey) ?? 0;
    this.callsByKey.set(message.idempotencyKey, n + 1);
    this.wakeCallWaiters();
    const scripted = this.scripts.get(message.idempotencyKey)?.[n];
    if (scripted?.fail === 'wait') await scripted.until;
    else if (scripted?.fail === 'deliver_then_hang') {
      this.accept(message);
      return new Promise<never>(() => {});
    } else if (scripted) return this.fail(scripted);
    return { ok: true, ref: this.accept(message) };
  }

  /** Like a platform that can search its history: finds what it accepted under this outbox id. */
  async findDelivered(message: OutgoingMessage): Promise<string | undefined> {
    this.lookups.push(message);
    if (this.lookupError) throw this.lookupError;
    return this.sent.find((s) => s.message.id === message.id)?.ref;
  }

  private accept(message: OutgoingMessage): string {
    this.refs += 1;
    const ref = `ref-${this.refs}`;
    this.sent.push({ message, ref });
    return ref;
  }

  /** Resolves once `count` calls have arrived, so a test can act while a send is in flight. */
  waitForCalls(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.callWaiters.push({ count, resolve }));
  }

  private wakeCallWaiters(): void {
    for (const waiter of this.callWaiters.filter((w) => this.calls.length >= w.count)) {
      this.callWaiters.splice(this.callWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** Keys in the order they were accepted. */
  sentKeys(target?: string): string[] {
    return this.sent
      .filter((s) => target === undefined || s.message.target === target)
      .map((s) => s.message.idempotencyKey);
  }

  private fail(
    scripted: Exclude<ScriptedFailure, { fail: 'wait' } | { fail: 'deliver_then_hang' }>,
  ): Promise<SendResult> {
    switch (scripted.fail) {
      case 'hang':
        return new Promise<never>(() => {});
      case 'throw':
        return Promise.reject(scripted.error ?? new Error('socket hang up'));
      case 'rate_limited': {
        const failure: SendFailure = { ok: false, kind: 'rate_limited', reason: scripted.reason ?? 'ratelimited' };
        if (scripted.retryAfterMs !== undefined) failure.retryAfterMs = scripted.retryAfterMs;
        return Promise.resolve(failure);
      }
      case 'transient':
        return Promise.resolve({
          ok: false,
          kind: 'transient',
          reason: scripted.reason ?? 'HTTP 503 service_unavailable',
        });
      case 'permanent':
        return Promise.resolve({
          ok: false,
          kind: 'permanent',
          reason:
            scripted.reason ??
            "channel_not_found: the bot is not in this channel — invite it or change the plan's channel",
        });
    }
  }
}
