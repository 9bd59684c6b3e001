import type { DeliveryPlatform } from '../read-model/platform.js';

/** Undelivered messages of one platform: how many, and how long the oldest has waited. */
export interface OutboxBacklog {
  platform: DeliveryPlatform;
  depth: number;
  oldestAgeSeconds: number;
}

/** The undelivered outbox per platform, for /metrics; `src/store` reads it from the database. */
export interface OutboxBacklogReader {
  /** Only platforms with something undelivered; age by the database's clock, never negative. */
  readBacklog(): Promise<OutboxBacklog[]>;
}
