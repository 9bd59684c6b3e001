import { describe, expect, it } from 'vitest';
import { backoffCeilingMs, backoffDelayMs } from '../../src/scheduler/backoff.js';
import { decideOutcome, thrownToResult, type RetryPolicy } from '../../src/scheduler/delivery-outcome.js';

const policy = { baseMs: 2_000, maxMs: 600_000 };
const retry: RetryPolicy = { maxAttempts: 10, backoff: policy };
const now = new Date('2026-12-07T17:00:00Z');
const after = (ms: number) => new Date(now.getTime() + ms);

describe('backoff', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 9, 10, 11, 60, 5000].map((a) => backoffCeilingMs(a, policy))).toEqual([
      2_000, 4_000, 8_000, 16_000, 512_000, 600_000, 600_000, 600_000, 600_000,
    ]);
  });

  it('picks uniformly below the ceiling (full jitter), never past it, whatever random returns', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.25)).toBe(2_000);
    expect(backoffDelayMs(3, policy, () => 0.999999)).toBeLessThan(8_000);
    for (const bad of [1, 7, -1, Number.NaN]) {
      const delay = backoffDelayMs(12, policy, () => bad);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(600_000);
    }
  });
});

describe('decideOutcome', () => {
  const half = () => 0.5;

  it('records a success', () => {
    expect(decideOutcome({ ok: true, ref: '1765.0001' }, 1, now, retry, half)).toEqual({
      kind: 'sent',
      ref: '1765.0001',
    });
  });

  it('retries a transient failure after the jittered backoff, and parks it on the last attempt', () => {
    expect(decideOutcome({ ok: false, kind: 'transient', reason: 'HTTP 503' }, 2, now, retry, half)).toEqual({
      kind: 'retry',
      nextAttemptAt: after(2_000),
      lastError: `attempt 2 of 10 failed: HTTP 503; retrying at ${after(2_000).toISOString()}`,
    });
    expect(decideOutcome({ ok: false, kind: 'transient', reason: 'HTTP 503' }, 10, now, retry, half)).toEqual({
      kind: 'park',
      reason: 'gave up after 10 attempts; last error: HTTP 503',
    });
  });

  it('waits exactly Retry-After on a 429, however many attempts came before', () => {
    const outcome = decideOutcome(
      { ok: false, kind: 'rate_limited', reason: 'ratelimited', retryAfterMs: 30_000 },
      10,
      now,
      retry,
      () => 0.99,
    );
    expect(outcome).toMatchObject({ kind: 'rate_limited', nextAttemptAt: after(30_000) });
  });

  it('falls back to backoff on a 429 without a usable Retry-After', () => {
    for (const retryAfterMs of [undefined, -5, Number.NaN]) {
      const outcome = decideOutcome(
        {
          ok: false,
          kind: 'rate_limited',
          reason: 'ratelimited',
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        },
        1,
        now,
        retry,
        half,
      );
      expect(outcome).toMatchObject({ kind: 'rate_limited', nextAttemptAt: after(1_000) });
    }
  });

  it('parks a permanent failure with the sender’s reason', () => {
    const reason = "channel_not_found: the bot is not in this channel — invite it or change the plan's channel";
    expect(decideOutcome({ ok: false, kind: 'permanent', reason }, 1, now, retry, half)).toEqual({
      kind: 'park',
      reason,
    });
  });

  it('treats a thrown error as transient', () => {
    expect(thrownToResult(new TypeError('fetch failed'))).toEqual({
      ok: false,
      kind: 'transient',
      reason: 'sender threw TypeError: fetch failed',
    });
  });
});
