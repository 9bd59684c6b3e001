import type { Clock } from '../ports/clock.js';

/**
 * Time that runs `speed` times faster than another clock from the moment it is made, so the
 * console can play a day of rituals in minutes. It reads time only through the clock it wraps.
 */
export class ScaledClock implements Clock {
  private readonly origin: number;
  private readonly startedAt: number;

  constructor(
    private readonly base: Clock,
    private readonly speed: number,
    start?: Date,
  ) {
    if (!Number.isFinite(speed) || speed < 1) throw new RangeError(`speed must be 1 or more, got ${speed}`);
    this.startedAt = base.now().getTime();
    this.origin = (start ?? base.now()).getTime();
  }

  now(): Date {
    return new Date(this.origin + (this.base.now().getTime() - this.startedAt) * this.speed);
  }
}
