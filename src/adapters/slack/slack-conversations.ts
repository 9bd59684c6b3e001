import type { WebClient } from '@slack/web-api';
import type { SlackDmChannels } from './slack-dm-channels.js';

/** Slack user ids start with U (or W on Enterprise Grid); a target like that means "DM this person". */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
/** Channel, private group and DM ids. Names are lower case, so they never match. */
const CONVERSATION_ID = /^[CGD][A-Z0-9]{2,}$/;
/** conversations.list pages read to find a channel by name: bounded, since a big workspace has thousands. */
const MAX_LIST_PAGES = 5;

/**
 * Turns an outbox target into the conversation to post in, for one install (one token). Posting
 * needs no lookup: a user id goes to chat.postMessage as is (Slack posts it in the app's DM with
 * that person, the App Home's Messages tab, and answers with the DM's D… id), a channel id or
 * name too. Reading history needs the conversation id: a channel name is resolved by listing
 * channels, a user's DM is the id an earlier post was answered with (kept here, and recorded with
 * the outbox row for a new process), and only a DM never posted to costs a `conversations.open`.
 */
export class SlackConversations {
  /** Target (user id or channel name) → conversation id. */
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly client: WebClient,
    private readonly dmChannels?: SlackDmChannels,
  ) {}

  /** Where chat.postMessage should go. */
  channelFor(target: string): string {
    if (USER_ID.test(target)) return target;
    return this.ids.get(target) ?? target.replace(/^#/, '');
  }

  /** The conversation id, which history needs (names are not accepted); undefined if no such channel is visible. */
  async channelIdFor(target: string, workspace?: string): Promise<string | undefined> {
    if (USER_ID.test(target)) return this.dmChannel(target, workspace);
    if (CONVERSATION_ID.test(target)) return target;
    return this.ids.get(target) ?? (await this.findByName(target));
  }

  /** chat.postMessage answers with the conversation id (a DM's D…, a named channel's C…): keep it for a later history lookup. */
  remember(target: string, channelId: string): void {
    if (!CONVERSATION_ID.test(target)) this.ids.set(target, channelId);
  }

  /** After a failure the cached conversation may be the problem (DM closed, channel renamed). */
  forget(target: string): void {
    this.ids.delete(target);
  }

  private async dmChannel(user: string, workspace: string | undefined): Promise<string> {
    const known = this.ids.get(user) ?? (await this.dmChannels?.dmChannelOf(user, workspace));
    if (known) {
      this.ids.set(user, known);
      return known;
    }
    // Only for someone planbot never reached: the try being checked failed before Slack answered.
    const opened = await this.client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id) throw new Error(`conversations.open for ${user} returned no channel id`);
    this.ids.set(user, id);
    return id;
  }

  private async findByName(target: string): Promise<string | undefined> {
    const name = target.replace(/^#/, '');
    let cursor: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
      const result = await this.client.conversations.list({
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: 999,
        ...(cursor ? { cursor } : {}),
      });
      const found = result.channels?.find((c) => c.name === name)?.id;
      if (found) {
        this.ids.set(target, found);
        return found;
      }
      cursor = result.response_metadata?.next_cursor;
      if (!cursor) return undefined;
    }
    return undefined;
  }
}
