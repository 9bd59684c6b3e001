import type { SendResult } from '../service/ports/sender.js';
import { backoffDelayMs, type BackoffPolicy } from './backoff.js';

export interface RetryPolicy {
  maxAttempts: number;
  backoff: BackoffPolicy;
}

/** What the dispatcher writes back for one delivery attempt. */
export type DeliveryOutcome =
  /** `alreadyDelivered`: found on the platform from an earlier try, not sent now. */
  | { kind: 'sent'; ref: string; channel?: string; alreadyDelivered?: boolean }
  | { kind: 'retry'; nextAttemptAt: Date; lastError: string }
  | { kind: 'rate_limited'; nextAttemptAt: Date; lastError: string }
  | { kind: 'park'; reason: string };

/**
 * Turns a sender's answer into the next state of the message. Pure, so the retry rules are tested
 * without a database: `attempt` counts tries so far including this one, `now` is when the answer came.
 */
export function decideOutcome(
  result: SendResult,
  attempt: number,
  now: Date,
  policy: RetryPolicy,
  random: () => number,
): DeliveryOutcome {
  if (result.ok) return { kind: 'sent', ref: result.ref, ...(result.channel ? { channel: result.channel } : {}) };
  const at = (delayMs: number) => new Date(now.getTime() + delayMs);
  switch (result.kind) {
    case 'permanent':
      return { kind: 'park', reason: result.reason };
    case 'rate_limited': {
      // Retry-After is the platform's own number: waiting less only earns another 429, and
      // jitter on top would only delay. Without one we fall back to the usual backoff.
      const retryAfter = validDelay(result.retryAfterMs) ?? backoffDelayMs(attempt, policy.backoff, random);
      const nextAttemptAt = at(retryAfter);
      return {
        kind: 'rate_limited',
        nextAttemptAt,
        lastError: `rate limited by the platform (${result.reason}); retrying at ${nextAttemptAt.toISOString()}`,
      };
    }
    case 'transient': {
      if (attempt >= policy.maxAttempts) {
        return { kind: 'park', reason: `gave up after ${attempt} attempts; last error: ${result.reason}` };
      }
      const nextAttemptAt = at(backoffDelayMs(attempt, policy.backoff, random));
      return {
        kind: 'retry',
        nextAttemptAt,
        lastError: `attempt ${attempt} of ${policy.maxAttempts} failed: ${result.reason}; retrying at ${nextAttemptAt.toISOString()}`,
      };
    }
  }
}

function validDelay(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms >= 0 ? Math.ceil(ms) : undefined;
}

/** A sender that throws did not classify its failure; we assume the network, which is worth a retry. */
export function thrownToResult(error: unknown): SendResult {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ok: false, kind: 'transient', reason: `sender threw ${message}` };
}
