import { describe, expect, it } from 'vitest';
import { DeliveryLoop } from '../../../src/scheduler/delivery-loop.js';

/** A round the test finishes by hand, so it decides what is in flight when. */
function manualRounds() {
  const pending: { finish: (more: boolean) => void; fail: (error: Error) => void }[] = [];
  let started = 0;
  const round = () =>
    new Promise<boolean>((resolve, reject) => {
      started += 1;
      pending.push({ finish: resolve, fail: reject });
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { round, pending, started: () => started, settle };
}

describe('the delivery loop', () => {
  it('keeps delivering while rounds find more, and stops when one finds nothing', async () => {
    const rounds = manualRounds();
    const loop = new DeliveryLoop(rounds.round, () => {});
    const done = loop.wake();
    rounds.pending.shift()!.finish(true);
    await rounds.settle();
    expect(rounds.started()).toBe(2);
    rounds.pending.shift()!.finish(false);
    await done;
    expect(rounds.started()).toBe(2);
  });

  it('never runs two rounds at once: a wake during a round asks for one more after it', async () => {
    const rounds = manualRounds();
    const loop = new DeliveryLoop(rounds.round, () => {});
    const first = loop.wake();
    const second = loop.wake();
    const third = loop.wake();
    expect(rounds.started()).toBe(1);
    rounds.pending.shift()!.finish(false);
    await rounds.settle();
    // The wakes during the first round were folded into one more round.
    expect(rounds.started()).toBe(2);
    rounds.pending.shift()!.finish(false);
    await Promise.all([first, second, third]);
    expect(rounds.started()).toBe(2);
  });

  it('reports a failed round and carries on at the next wake', async () => {
    const rounds = manualRounds();
    const errors: unknown[] = [];
    const loop = new DeliveryLoop(rounds.round, (error) => errors.push(error));
    const done = loop.wake();
    rounds.pending.shift()!.fail(new Error('database unreachable'));
    await done;
    expect(errors).toEqual([new Error('database unreachable')]);
    const again = loop.wake();
    expect(rounds.started()).toBe(2);
    rounds.pending.shift()!.finish(false);
    await again;
  });

  it('stop lets the round in progress finish and starts no other', async () => {
    const rounds = manualRounds();
    const loop = new DeliveryLoop(rounds.round, () => {});
    void loop.wake();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await rounds.settle();
    expect(stopped).toBe(false);
    rounds.pending.shift()!.finish(true);
    await stopping;
    expect(rounds.started()).toBe(1);
    await loop.wake();
    expect(rounds.started()).toBe(1);
  });
});
