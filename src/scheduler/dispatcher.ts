import type { Clock } from '../service/ports/clock.js';
import type { DeliveryResult, MetricsPort } from '../service/ports/metrics-port.js';
import {
  LookupFailedError,
  type OutgoingMessage,
  type Sender,
  type SendersByPlatform,
  type SendResult,
} from '../service/ports/sender.js';
import type { ClaimedMessage, Outbox, OutboxDelivery } from '../service/ports/outbox.js';
import { uninstalledReason } from '../service/messages/uninstalled-reason.js';
import { decideOutcome, thrownToResult, type DeliveryOutcome, type RetryPolicy } from './delivery-outcome.js';
import type { DeliveryPlatform } from '../service/read-model/platform.js';

export interface DispatcherOptions {
  /** Messages claimed per dispatchOnce; at most one per target. */
  batchSize: number;
  /** How long a claim holds a message; must outlast the slowest send (sender timeouts stay below it). */
  leaseMs: number;
  /** Tries before a transiently failing message is parked; 429s don't count. */
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Sends in flight at once (all to different targets). */
  concurrency: number;
}

// 2 s doubling to a 10 min cap over 10 tries: worst case ~27 min (expected ~14) of retrying,
// long enough to ride out a typical platform incident, short enough that a lead hears about a
// parked standup the same morning.
export const defaultDispatcherOptions: DispatcherOptions = {
  batchSize: 100,
  leaseMs: 60_000,
  maxAttempts: 10,
  baseBackoffMs: 2_000,
  maxBackoffMs: 600_000,
  concurrency: 16,
};

export interface DispatcherDeps {
  outbox: Outbox;
  senders: SendersByPlatform;
  clock: Clock;
  /** [0, 1) for backoff jitter; tests pin it. */
  random?: () => number;
  options?: Partial<DispatcherOptions>;
  /** Told each recorded delivery result; optional (tests and `simulate` run without). */
  metrics?: MetricsPort;
}

export interface DispatchReport {
  claimed: number;
  sent: number;
  /** Back to pending after a transient failure. */
  retried: number;
  /** Back to pending after a 429, with its target held back until Retry-After. */
  rateLimited: number;
  parked: number;
  /**
   * Results that were not recorded because our lease had run out and another dispatcher had
   * taken the message over: the message may have been delivered twice (at-least-once).
   */
  leaseLost: number;
  /** Of `sent`: re-claimed messages the platform already had (a crash between send and record), recorded without sending again. */
  reconciled: number;
}

/**
 * Delivers due outbox messages through the platform senders. It has no timer: the scheduler loop
 * calls dispatchOnce repeatedly, so tests drive it step by step with a ManualClock.
 */
export class Dispatcher {
  private readonly outbox: Outbox;
  private readonly senders: SendersByPlatform;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly options: DispatcherOptions;
  private readonly policy: RetryPolicy;
  private readonly metrics: MetricsPort | undefined;

  constructor(deps: DispatcherDeps) {
    this.outbox = deps.outbox;
    this.metrics = deps.metrics;
    this.senders = deps.senders;
    this.clock = deps.clock;
    this.random = deps.random ?? Math.random;
    this.options = { ...defaultDispatcherOptions, ...deps.options };
    this.policy = {
      maxAttempts: this.options.maxAttempts,
      backoff: { baseMs: this.options.baseBackoffMs, maxMs: this.options.maxBackoffMs },
    };
  }

  async dispatchOnce(): Promise<DispatchReport> {
    const report: DispatchReport = {
      claimed: 0,
      sent: 0,
      retried: 0,
      rateLimited: 0,
      parked: 0,
      leaseLost: 0,
      reconciled: 0,
    };
    const platforms = (Object.keys(this.senders) as DeliveryPlatform[]).filter((p) => this.senders[p] !== undefined);
    const batch = await this.outbox.claimDeliverable({
      now: this.clock.now(),
      limit: this.options.batchSize,
      leaseMs: this.options.leaseMs,
      platforms,
    });
    report.claimed = batch.length;
    // Successes are recorded a wave at a time (one statement per `concurrency` sends) rather than
    // one by one: per-row round trips, not the database, cap throughput to a fast platform. A
    // wave, not the whole batch, so a crash re-sends at most one wave.
    let unrecorded: (OutboxDelivery & { reconciled: boolean; platform: DeliveryPlatform })[] = [];
    const flush = async () => {
      const wave = unrecorded;
      unrecorded = [];
      const recorded = await this.outbox.markSentMany(wave, this.clock.now());
      report.sent += recorded.size;
      report.leaseLost += wave.length - recorded.size;
      report.reconciled += wave.filter((d) => d.reconciled && recorded.has(d.id)).length;
      for (const d of wave) if (recorded.has(d.id)) this.metrics?.messageDelivered(d.platform, 'sent');
    };
    await forEachBounded(batch, this.options.concurrency, async (message) => {
      const outcome = await this.deliver(message);
      if (outcome.kind === 'sent') {
        unrecorded.push({
          id: message.id,
          attempts: message.attempts,
          ref: outcome.ref,
          ...(outcome.channel === undefined ? {} : { channel: outcome.channel }),
          reconciled: outcome.alreadyDelivered === true,
          platform: message.platform,
        });
        if (unrecorded.length >= this.options.concurrency) await flush();
        return;
      }
      const recorded = await this.recordFailure(message, outcome);
      if (!recorded) report.leaseLost += 1;
      else if (outcome.kind === 'retry') report.retried += 1;
      else if (outcome.kind === 'rate_limited') report.rateLimited += 1;
      else report.parked += 1;
      if (recorded) this.metrics?.messageDelivered(message.platform, failureResult(outcome));
    });
    if (unrecorded.length > 0) await flush();
    return report;
  }

  private async deliver(message: ClaimedMessage): Promise<Delivery> {
    const refused = this.refuseBeforeSending(message);
    if (refused) return { kind: 'park', reason: refused };
    const sender = this.senders[message.platform];
    const outgoing = toOutgoing(message);
    let result: SendResult;
    try {
      if (!sender) throw new Error(`no sender for ${message.platform}`);
      const found = await this.findEarlierDelivery(sender, outgoing);
      if (found.ref !== undefined) return { kind: 'sent', ref: found.ref, alreadyDelivered: true };
      result = found.failure ?? (await sender.send(outgoing));
    } catch (error) {
      result = thrownToResult(error);
    }
    const outcome = decideOutcome(result, message.attempts, this.clock.now(), this.policy, this.random);
    // Operators tell "the platform refused it" from "we gave up on it": different fixes.
    return outcome.kind === 'park' && !result.ok && result.kind === 'permanent'
      ? { ...outcome, permanent: true }
      : outcome;
  }

  /**
   * A message claimed before may have reached the platform even though no result was recorded:
   * the dispatcher died between send and record (the lease ran out while `sending`), or the
   * platform took the message and then timed out. Asking first turns that crash into a record
   * instead of a duplicate post. First tries skip it: nothing can be out there yet, and the
   * lookup costs a platform call. A lookup that fails is retried like a failed send; sending
   * blind could post twice.
   */
  private async findEarlierDelivery(
    sender: Sender,
    message: OutgoingMessage,
  ): Promise<{ ref?: string; failure?: SendResult }> {
    if (message.attempt <= 1 || !sender.findDelivered) return {};
    try {
      const ref = await sender.findDelivered(message);
      return ref === undefined ? {} : { ref };
    } catch (error) {
      // A classified lookup failure (a 429 on history) keeps its kind, so Retry-After is honoured.
      if (error instanceof LookupFailedError)
        return { failure: { ...error.failure, reason: `reconcile: ${error.failure.reason}` } };
      const detail = error instanceof Error ? error.message : String(error);
      return { failure: { ok: false, kind: 'transient', reason: `reconcile: ${detail}` } };
    }
  }

  /** Reasons to park without calling the platform at all. */
  private refuseBeforeSending(message: ClaimedMessage): string | undefined {
    if (message.parentProblem === 'parked') {
      return `parent_not_delivered: the message this one replies to (${message.parentKey}) was parked, so there is no thread to reply in`;
    }
    if (message.parentProblem === 'missing') {
      return `parent_missing: no queued message has the key ${message.parentKey} to thread under`;
    }
    // Queued after the uninstall parked the rest (a transaction racing it), or in flight then.
    if (message.workspaceUninstalled) return uninstalledReason(message.platform);
    // Only claims that never recorded a result push attempts past the limit: something (a crash,
    // a hung sender or lookup) keeps killing delivery of this message, so stop feeding it to the
    // platform, even at the price of parking one that may have arrived.
    if (message.attempts > this.options.maxAttempts) {
      return `abandoned: ${message.attempts} deliveries were started but none finished; the dispatcher may be crashing on this message`;
    }
    return undefined;
  }

  private async recordFailure(
    message: ClaimedMessage,
    outcome: Exclude<DeliveryOutcome, { kind: 'sent' }>,
  ): Promise<boolean> {
    const lease = { id: message.id, attempts: message.attempts };
    switch (outcome.kind) {
      case 'retry':
        return this.outbox.reschedule(lease, { nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.lastError });
      case 'rate_limited': {
        const recorded = await this.outbox.reschedule(lease, {
          nextAttemptAt: outcome.nextAttemptAt,
          lastError: outcome.lastError,
          refundAttempt: true,
        });
        // Slack limits per channel: the rest of this conversation waits out the same Retry-After.
        await this.outbox.holdTargetUntil(message.target, outcome.nextAttemptAt);
        return recorded;
      }
      case 'park':
        return this.outbox.park(lease, outcome.reason);
    }
  }
}

/** An outcome, and for a park whether the platform refused the message (rather than planbot giving up). */
type Delivery = DeliveryOutcome | (Extract<DeliveryOutcome, { kind: 'park' }> & { permanent: true });

function failureResult(outcome: Exclude<Delivery, { kind: 'sent' }>): DeliveryResult {
  if (outcome.kind === 'retry') return 'transient';
  if (outcome.kind === 'rate_limited') return 'rate_limited';
  return 'permanent' in outcome ? 'permanent' : 'parked';
}

function toOutgoing(message: ClaimedMessage): OutgoingMessage {
  return {
    id: message.id,
    idempotencyKey: message.idempotencyKey,
    platform: message.platform,
    target: message.target,
    payload: message.payload,
    attempt: message.attempts,
    createdAt: message.createdAt,
    ...(message.workspace === null ? {} : { workspace: message.workspace }),
    ...(message.parentRef === null ? {} : { parentRef: message.parentRef }),
  };
}

/** Runs `fn` over items with at most `limit` in flight; waits for all, then rethrows the first failure. */
async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) {
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}
