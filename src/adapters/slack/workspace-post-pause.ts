/** Slack's per-channel posting rate is about one a second; a 429 this soon after our last post there is that channel's. */
const CHANNEL_WINDOW_MS = 1_500;
/** How long a post is remembered: past the channel window, for counting what Slack accepted before a long Retry-After. */
const REMEMBER_MS = 60_000;

/** Why a post must wait: the workspace's Retry-After is running, or this window's share of posts has started. */
export interface PostWait {
  waitMs: number;
  /** Posts let through per window while pacing (absent while paused). */
  pacedAt?: { posts: number; windowMs: number };
}

interface Pacing {
  /** Posts that may start per window: what Slack accepted in the window a 429 ended, plus one per clean window. */
  budget: number;
  windowMs: number;
  windowEnd: number;
  started: number;
  accepted: number;
}

/**
 * chat.postMessage has two limits: about one post per second per channel, and one for the whole
 * workspace (Slack publishes no figure). The dispatcher holds back the one conversation a 429
 * came from, which is right for the first and wrong for the second: in a fan-out every other DM
 * would be tried, and refused, in turn. So a 429 on a conversation planbot has not just posted in
 * is taken as the workspace's: every post there waits out its Retry-After here, without calling
 * Slack ("continuing to send messages after being rate limited runs the risk of having your
 * application permanently disabled"), and afterwards posts are paced, one Retry-After window at a
 * time, to what Slack accepted in the window that drew the 429 (one more per window that draws
 * none; pacing ends when fewer posts are waiting than it allows). Times are epoch ms from the
 * sender's clock.
 */
export class WorkspacePostPause {
  private pausedUntil = 0;
  private pacing: Pacing | undefined;
  /** Conversation → when planbot last posted there (within REMEMBER_MS), oldest first. */
  private readonly lastPostAt = new Map<string, number>();

  /** Whether a post may start now; when it may, it is counted against the window. */
  admit(now: number): PostWait | undefined {
    if (now < this.pausedUntil) return { waitMs: this.pausedUntil - now };
    let pacing = this.pacing;
    if (!pacing) return undefined;
    if (now >= pacing.windowEnd) {
      if (pacing.started < pacing.budget) {
        this.pacing = undefined;
        return undefined;
      }
      pacing = { ...pacing, budget: pacing.budget + 1, windowEnd: now + pacing.windowMs, started: 0, accepted: 0 };
      this.pacing = pacing;
    }
    if (pacing.started >= pacing.budget)
      return { waitMs: pacing.windowEnd - now, pacedAt: { posts: pacing.budget, windowMs: pacing.windowMs } };
    pacing.started += 1;
    return undefined;
  }

  posted(target: string, now: number): void {
    // Kept in posting order (a Map iterates in insertion order), so forgetting old posts stops at the first recent one.
    this.lastPostAt.delete(target);
    this.lastPostAt.set(target, now);
    for (const [key, at] of this.lastPostAt) {
      if (now - at < REMEMBER_MS) break;
      this.lastPostAt.delete(key);
    }
    if (this.pacing) this.pacing.accepted += 1;
  }

  /** A 429 on a post to `target`; returns whether it was taken as the workspace's (and holds every post). */
  rateLimited(target: string, retryAfterMs: number | undefined, now: number): boolean {
    const last = this.lastPostAt.get(target);
    if (last !== undefined && now - last < CHANNEL_WINDOW_MS) return false;
    const windowMs = Math.max(1, retryAfterMs ?? 1_000);
    // Posts that were already on their way when the first 429 came back add to that pause; they say nothing new.
    const sameRound = now < this.pausedUntil;
    this.pausedUntil = Math.max(this.pausedUntil, now + windowMs);
    if (sameRound && this.pacing) {
      this.pacing.windowEnd = this.pausedUntil + windowMs;
      return true;
    }
    const accepted = this.pacing?.accepted ?? this.acceptedSince(now - windowMs);
    this.pacing = {
      budget: Math.max(1, accepted),
      windowMs,
      windowEnd: this.pausedUntil + windowMs,
      started: 0,
      accepted: 0,
    };
    return true;
  }

  private acceptedSince(since: number): number {
    let count = 0;
    for (const at of this.lastPostAt.values()) if (at >= since) count += 1;
    return count;
  }
}
