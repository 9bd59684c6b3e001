import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/service/clocks/manual-clock.js';
import { timeline } from '../../../src/service/clocks/rehearsal.js';
import {
  LookupFailedError,
  type OutgoingMessage,
  type SendResult,
  type Sender,
} from '../../../src/service/ports/sender.js';

const message: OutgoingMessage = {
  id: 'o1',
  idempotencyKey: 'k1',
  platform: 'slack',
  target: 'C1',
  payload: 'hi',
  attempt: 1,
};
const rateLimited: SendResult = { ok: false, kind: 'rate_limited', reason: 'ratelimited', retryAfterMs: 1_000 };

describe('a rehearsal timeline', () => {
  it('without a rehearsal is real time, unchanged', async () => {
    const real = new ManualClock('2026-11-23T10:00:00Z');
    const sender: Sender = { send: async () => rateLimited };
    const time = timeline(real, undefined);
    expect(time.plan.now()).toEqual(real.now());
    expect(time.toPlanMs(60_000)).toBe(60_000);
    expect(await time.sender(sender).send(message)).toEqual(rateLimited);
  });

  it('starts plan time at the rehearsal start and runs it `speed` times faster, leaving real time alone', () => {
    const real = new ManualClock('2026-11-23T10:00:00Z');
    const time = timeline(real, { start: new Date('2027-03-14T09:50:00Z'), speed: 300 });
    expect(time.plan.now().toISOString()).toBe('2027-03-14T09:50:00.000Z');
    real.advance(2_000);
    expect(time.plan.now().toISOString()).toBe('2027-03-14T10:00:00.000Z');
    expect(time.real.now().toISOString()).toBe('2026-11-23T10:00:02.000Z');
  });

  it('stretches real waits into plan time: a 60 s lease, a Retry-After of 1 s from send or lookup', async () => {
    const time = timeline(new ManualClock('2026-11-23T10:00:00Z'), {
      start: new Date('2027-03-14T09:50:00Z'),
      speed: 300,
    });
    expect(time.toPlanMs(60_000)).toBe(18_000_000);
    const sender: Sender = {
      send: async () => rateLimited,
      findDelivered: async () => {
        throw new LookupFailedError({
          ok: false,
          kind: 'rate_limited',
          reason: 'history ratelimited',
          retryAfterMs: 2_000,
        });
      },
    };
    const scaled = time.sender(sender);
    expect(await scaled.send(message)).toEqual({ ...rateLimited, retryAfterMs: 300_000 });
    const lookup = await scaled.findDelivered!(message).catch((error: unknown) => error);
    expect(lookup).toBeInstanceOf(LookupFailedError);
    expect((lookup as LookupFailedError).failure.retryAfterMs).toBe(600_000);
  });

  it('keeps a sender without a delivery lookup without one', () => {
    const time = timeline(new ManualClock('2026-11-23T10:00:00Z'), {
      start: new Date('2027-03-14T09:50:00Z'),
      speed: 2,
    });
    expect(time.sender({ send: async () => ({ ok: true, ref: 'r' }) }).findDelivered).toBeUndefined();
  });
});
