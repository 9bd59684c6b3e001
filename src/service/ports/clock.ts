/** The one way planbot learns the time: decisions are functions of `clock.now()`, so tests can move time. */
export interface Clock {
  now(): Date;
}
