import type { DeliveryPlatform } from '../read-model/platform.js';
/**
 * The port through which queued messages leave planbot. One Sender per chat platform lives in
 * src/adapters; the dispatcher only sees this shape, so retries, ordering and parking are decided
 * once for every platform and can be tested with a fake.
 */

export type SenderJson = string | number | boolean | null | SenderJson[] | { [key: string]: SenderJson };

/** One outbox message, as handed to a sender. */
export interface OutgoingMessage {
  /** Outbox row id: stable across retries, handy for logs. */
  id: string;
  /** Stable per logical message: a sender that can dedupe on the platform side should pass it on. */
  idempotencyKey: string;
  platform: DeliveryPlatform;
  /** The workspace's id on its platform (Slack team id, Teams tenant id): picks the install's token. */
  workspace?: string;
  /** Channel / conversation id, or a user id for a DM. */
  target: string;
  payload: SenderJson;
  /** The platform reference of the message this one threads under (set only when it has a parent). */
  parentRef?: string;
  /** 1 on the first try; lets a sender log or vary behaviour on retries. */
  attempt: number;
  /** When the message was queued (database time): findDelivered need not look further back than this. */
  createdAt?: Date;
}

export type SendFailureKind =
  /** Worth retrying later with backoff: timeouts, 5xx, connection resets. */
  | 'transient'
  /** The platform asked us to slow down (HTTP 429); `retryAfterMs` says for how long. */
  | 'rate_limited'
  /** Retrying cannot help (channel gone, bot not invited, payload invalid); the message is parked. */
  | 'permanent';

export interface SendSuccess {
  ok: true;
  /** Platform message reference (Slack `ts`, Teams activity id) so replies and edits can follow it. */
  ref: string;
  /**
   * The conversation the platform put the message in, when that is not `target` itself: a Slack
   * DM is posted to the user id and lands in the app's DM (D…), which a later lookup or edit needs.
   */
  channel?: string;
}

export interface SendFailure {
  ok: false;
  kind: SendFailureKind;
  /** Readable by the team lead who looks at a parked message: what happened and what to do. */
  reason: string;
  /** From Retry-After, for `rate_limited`. */
  retryAfterMs?: number;
}

export type SendResult = SendSuccess | SendFailure;

/** A sender classifies failures itself; if it throws instead, the dispatcher treats that as transient. */
export interface Sender {
  send(message: OutgoingMessage): Promise<SendResult>;
  /**
   * Before a retry of a message whose earlier try may have reached the platform (a crash between
   * "sent" and "recorded"), the dispatcher asks here; a platform reference means "already
   * delivered: record it, do not send again". Senders that cannot look this up leave it out.
   */
  findDelivered?(message: OutgoingMessage): Promise<string | undefined>;
}

/**
 * What `findDelivered` throws when the lookup itself failed in a way the platform classified
 * (e.g. rate limited): the dispatcher treats it like that failure of a send — a 429 holds the
 * conversation until Retry-After and does not use up an attempt.
 */
export class LookupFailedError extends Error {
  constructor(
    readonly failure: SendFailure,
    options?: { cause?: unknown },
  ) {
    super(`could not check whether an earlier try was delivered: ${failure.reason}`, options);
    this.name = 'LookupFailedError';
  }
}

export type SendersByPlatform = Partial<Record<DeliveryPlatform, Sender>>;
