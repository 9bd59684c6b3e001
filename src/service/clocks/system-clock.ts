import type { Clock } from '../ports/clock.js';

/** The only place in planbot that reads the wall clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
