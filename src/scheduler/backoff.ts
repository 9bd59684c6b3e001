export interface BackoffPolicy {
  /** Ceiling of the first retry's delay; each further attempt doubles the ceiling. */
  baseMs: number;
  /** No retry waits longer than this, however many attempts failed. */
  maxMs: number;
}

/**
 * Delay before retrying after `attempt` failed tries (1 = the first try failed), with "full
 * jitter": a uniform pick in [0, min(max, base·2^(attempt−1))). Full jitter rather than a fixed
 * ladder so that many messages failing together (a Slack outage) don't come back in lockstep.
 * `random` returns [0, 1) like Math.random; tests inject it.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  return Math.floor(clampUnit(random()) * backoffCeilingMs(attempt, policy));
}

/** The upper bound of `backoffDelayMs` for an attempt; what a test asserts the window against. */
export function backoffCeilingMs(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  // 2^exponent overflows to Infinity long after it passed maxMs; min() absorbs that.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 1 - Number.EPSILON : value;
}
