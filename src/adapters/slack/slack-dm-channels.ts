/**
 * Where planbot's DM with a Slack user is. planbot posts a DM to the user id and Slack answers
 * with the DM's conversation id (D…), which the outbox records with the post; reading history
 * (to find a post an earlier, crashed try made) needs that id, and a new process has no other
 * way to learn it than `conversations.open`, a Tier 3 method (about 50 a minute).
 */
export interface SlackDmChannels {
  /** The DM conversation id recorded with the newest delivered post to `user` (in `workspace`, a Slack team id, when given). */
  dmChannelOf(user: string, workspace?: string): Promise<string | undefined>;
}
