import { describe, expect, it } from 'vitest';
import { WorkspacePostPause } from '../../../../src/adapters/slack/workspace-post-pause.js';

const T0 = Date.parse('2026-12-07T17:00:00Z');

/** Starts (admits and accepts) `n` DMs to distinct users at `at`; returns how many were let through. */
function post(pause: WorkspacePostPause, n: number, at: number, from = 0): number {
  let through = 0;
  for (let i = from; i < from + n; i += 1) {
    if (pause.admit(at) !== undefined) continue;
    pause.posted(`U${i}`, at);
    through += 1;
  }
  return through;
}

describe('WorkspacePostPause', () => {
  it("takes a 429 right after a post in the same conversation as that channel's limit: nothing else waits", () => {
    const pause = new WorkspacePostPause();
    pause.posted('C0PLAN', T0);
    expect(pause.rateLimited('C0PLAN', 1_000, T0 + 300)).toBe(false);
    expect(pause.admit(T0 + 300)).toBeUndefined();
  });

  it("holds every post for the workspace's Retry-After, then lets through per window what Slack accepted in the last one", () => {
    const pause = new WorkspacePostPause();
    // A burst: 10 DMs accepted within the second, then Slack refuses one to someone new.
    expect(post(pause, 10, T0 + 500)).toBe(10);
    expect(pause.rateLimited('U99', 1_000, T0 + 900)).toBe(true);

    expect(pause.admit(T0 + 1_000)).toEqual({ waitMs: 900 });
    expect(pause.admit(T0 + 1_899)).toEqual({ waitMs: 1 });
    // The pause is over: 10 may start in the next second, the 11th waits for the window to end.
    expect(post(pause, 10, T0 + 1_900, 100)).toBe(10);
    expect(pause.admit(T0 + 2_000)).toEqual({ waitMs: 900, pacedAt: { posts: 10, windowMs: 1_000 } });
    // A window with no 429 allows one more in the next.
    expect(post(pause, 20, T0 + 2_900, 200)).toBe(11);
  });

  it('does not shrink the pace for posts that were already on their way when the first 429 came back', () => {
    const pause = new WorkspacePostPause();
    post(pause, 8, T0);
    expect(pause.rateLimited('U50', 1_000, T0 + 100)).toBe(true);
    // Three more refusals from the same round of concurrent sends.
    for (const user of ['U51', 'U52', 'U53']) expect(pause.rateLimited(user, 1_000, T0 + 102)).toBe(true);
    expect(post(pause, 20, T0 + 1_102, 100)).toBe(8);
  });

  it('stops pacing once fewer posts are waiting than a window allows', () => {
    const pause = new WorkspacePostPause();
    post(pause, 5, T0);
    pause.rateLimited('U50', 2_000, T0 + 10);
    expect(post(pause, 2, T0 + 2_010, 100)).toBe(2);
    // The window ends having used 2 of its 5: demand is below the pace, so posts flow freely again.
    expect(post(pause, 50, T0 + 4_010, 200)).toBe(50);
  });
});
