import type { WebClient } from '@slack/web-api';

/** Slack's clock and the database's may disagree a little; look this far before the row was queued. */
const SKEW_MARGIN_MS = 5 * 60_000;
/** Pages of 200 messages: a busy channel gets 1,000 messages of look-back, then we give up and post. */
const MAX_PAGES = 5;
const PAGE_SIZE = 200;

/** The metadata event every planbot post carries; its payload names the outbox row. */
export const OUTBOX_EVENT_TYPE = 'planbot_outbox';

export interface PostedMessageQuery {
  channel: string;
  outboxId: string;
  /** The parent's ts when the message is a thread reply: it was posted in the thread, not the channel. */
  threadTs?: string;
  /** When the outbox row was queued: nothing of it can be older, so the search starts there. */
  since?: Date;
}

/**
 * Finds the message a previous delivery posted, by the outbox id in its metadata
 * (`include_all_metadata`), reading newest first within a bounded window. Returns its ts.
 */
export async function findPostedMessage(client: WebClient, query: PostedMessageQuery): Promise<string | undefined> {
  const oldest = query.since ? slackTs(query.since.getTime() - SKEW_MARGIN_MS) : undefined;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const common = {
      channel: query.channel,
      include_all_metadata: true,
      limit: PAGE_SIZE,
      ...(oldest ? { oldest } : {}),
      ...(cursor ? { cursor } : {}),
    };
    const result = query.threadTs
      ? await client.conversations.replies({ ...common, ts: query.threadTs })
      : await client.conversations.history(common);
    const match = (result.messages ?? []).find((m) => carriesOutboxId(m.metadata, query.outboxId));
    if (match?.ts) return match.ts;
    cursor = result.response_metadata?.next_cursor;
    if (!cursor) return undefined;
  }
  return undefined;
}

function carriesOutboxId(
  metadata: { event_type?: string; event_payload?: unknown } | undefined,
  outboxId: string,
): boolean {
  if (metadata?.event_type !== OUTBOX_EVENT_TYPE) return false;
  const payload = metadata.event_payload as { outbox_id?: unknown } | undefined;
  return payload?.outbox_id === outboxId;
}

function slackTs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}
