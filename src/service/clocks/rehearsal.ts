import type { Clock } from '../ports/clock.js';
import { ScaledClock } from './scaled-clock.js';
import { LookupFailedError, type SendResult, type Sender } from '../ports/sender.js';

/** A rehearsal: the plan's time starts at `start` and runs `speed` times faster than real time. */
export interface Rehearsal {
  start: Date;
  speed: number;
}

/**
 * A rehearsal runs a plan on its own timeline (a staging workspace, the fault suite's DST and
 * downtime runs): decisions read `plan`, while anything the outside world times in real seconds
 * (request signatures, token expiry) keeps reading `real`.
 */
export interface Timeline {
  plan: Clock;
  real: Clock;
  /** Real milliseconds as plan milliseconds: a 60 s lease must still last 60 real seconds. */
  toPlanMs(realMs: number): number;
  /** A sender whose Retry-After waits are given in plan time, so a sped-up rehearsal still honours them. */
  sender(sender: Sender): Sender;
}

export function timeline(real: Clock, rehearsal: Rehearsal | undefined): Timeline {
  if (!rehearsal) return { plan: real, real, toPlanMs: (ms) => ms, sender: (s) => s };
  const { speed } = rehearsal;
  const scale = (result: SendResult): SendResult =>
    !result.ok && result.retryAfterMs !== undefined ? { ...result, retryAfterMs: result.retryAfterMs * speed } : result;
  return {
    plan: new ScaledClock(real, speed, rehearsal.start),
    real,
    toPlanMs: (ms) => ms * speed,
    sender: (inner) => ({
      send: async (message) => scale(await inner.send(message)),
      ...(inner.findDelivered
        ? {
            findDelivered: async (message) => {
              try {
                return await inner.findDelivered!(message);
              } catch (error) {
                if (error instanceof LookupFailedError)
                  throw new LookupFailedError(scale(error.failure) as typeof error.failure, { cause: error });
                throw error;
              }
            },
          }
        : {}),
    }),
  };
}
