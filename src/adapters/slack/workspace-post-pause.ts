/** Slack's per-channel posting rate is about one a second; a 429 this soon after our last post there is that channel's. */
const CHANNEL_WINDOW_MS = 1_500;
/** Recent posts remembered per install before old ones are dropped (a fan-out posts to thousands of DMs). */
const MAX_REMEMBERED = 5_000;

/**
 * chat.postMessage has two limits: about one post per second per channel, and one for the whole
 * workspace (Slack publishes no figure). The dispatcher holds back the one conversation a 429
 * came from, which is right for the first and wrong for the second: in a fan-out every other DM
 * would be tried, and refused, in turn. So a 429 on a conversation planbot has not just posted
 * in is taken as the workspace's, and every post to that workspace waits out its Retry-After
 * here, without calling Slack ("continuing to send messages after being rate limited runs the
 * risk of having your application permanently disabled"). Times are epoch milliseconds from the
 * sender's clock.
 */
export class WorkspacePostPause {
  private pausedUntil = 0;
  private readonly lastPostAt = new Map<string, number>();

  /** How long posts must still wait, in ms (0: post now). */
  remainingMs(now: number): number {
    return Math.max(0, this.pausedUntil - now);
  }

  posted(target: string, now: number): void {
    if (this.lastPostAt.size >= MAX_REMEMBERED) {
      for (const [key, at] of this.lastPostAt) if (now - at >= CHANNEL_WINDOW_MS) this.lastPostAt.delete(key);
    }
    this.lastPostAt.set(target, now);
  }

  /** A 429 on a post to `target`; returns whether it was taken as the workspace's (and pauses every post). */
  rateLimited(target: string, retryAfterMs: number | undefined, now: number): boolean {
    const last = this.lastPostAt.get(target);
    if (last !== undefined && now - last < CHANNEL_WINDOW_MS) return false;
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? 1_000));
    return true;
  }
}
