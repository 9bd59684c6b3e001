/**
 * Request keys already accepted, shared by every replica, so a signed request replayed to
 * another replica is refused too. Each key is kept until it expires (when the platform's own
 * timestamp check refuses the request anyway).
 */
export interface SeenRequests {
  /** Records `key` until `expiresAt`; false when it was already recorded (the request is a replay). */
  firstSeen(key: string, expiresAt: Date): Promise<boolean>;
  /** Drops keys that expired before `now`: housekeeping, a replay of them is refused by its timestamp. */
  forgetExpired(now: Date): Promise<void>;
}
