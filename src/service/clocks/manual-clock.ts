import type { Clock } from '../ports/clock.js';

/**
 * A clock that only moves when told to. Tests drive it explicitly, and `planbot simulate`
 * uses it to replay a plan's days without waiting for them.
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = toMillis(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    const next = toMillis(to);
    // Time only moves forward: a scheduler that saw `now` must never see an earlier `now`.
    if (next < this.current)
      throw new RangeError(
        `ManualClock cannot move back from ${this.now().toISOString()} to ${new Date(next).toISOString()}`,
      );
    this.current = next;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`ManualClock.advance needs a non-negative number of ms, got ${ms}`);
    this.current += ms;
  }
}

function toMillis(value: Date | string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${String(value)}`);
  return ms;
}
