import type { ChatPlatform } from '../read-model/platform.js';
import type { CommandName } from '../commands/command.js';
import type { DeliveryPlatform } from '../read-model/platform.js';

/** How one delivery attempt ended, as the dispatcher recorded it. */
export type DeliveryResult =
  | 'sent'
  /** Back to pending after a timeout, 5xx or network error; backoff applies. */
  | 'transient'
  /** Back to pending after a 429, until Retry-After. */
  | 'rate_limited'
  /** The platform refused it for good (channel gone, bot not invited): parked. */
  | 'permanent'
  /** Given up by planbot (retries used up, a parent that never arrived): parked. */
  | 'parked';

/**
 * What planbot tells its operators about its own work (src/metrics implements it with
 * prom-client). The core reports through this port so it needs no metrics library, and every
 * part takes it as optional: tests and `simulate` pass none. Durations are measured by the
 * implementation's monotonic source: callers only say when something starts and ends.
 */
export interface MetricsPort {
  /** New outbox rows, counted once their transaction committed (a key queued again is not new). */
  messagesQueued(platform: DeliveryPlatform, count: number): void;
  /** A delivery result that was recorded (a result lost with its lease is not). */
  messageDelivered(platform: DeliveryPlatform, result: DeliveryResult): void;
  /** A ladder tier fired (committed), numbered from 1 as the plan and the messages number it. */
  escalationFired(tier: number): void;
  /** Starts timing a scheduler tick; call the result when the tick ends, however it ends. */
  startTick(): () => void;
  /** Starts timing a chat command; call the result when its reply is ready, however it ends. */
  startCommand(platform: ChatPlatform, command: CommandName): () => void;
}
