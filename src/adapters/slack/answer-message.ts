/**
 * A Slack message event as planbot reads it for stand-up answers, whatever its subtype: a plain
 * message, a thread reply also sent to the channel (`thread_broadcast`), one with a file attached
 * (`file_share`), or an edit (`message_changed`, whose author and text are in `message`).
 */
export interface AnswerMessage {
  user: string;
  channel: string;
  text: string;
  /** The message's own ts: where a reaction goes. */
  ts: string;
  /** The thread it replies in, when it is a reply. */
  threadTs?: string;
  inDm: boolean;
  /** An edit of a message already sent: it replaces that answer. */
  edited: boolean;
  subtype?: string;
}

// What people send; every other subtype (joins, topic changes, bot posts, deletions) is not an answer.
const READ_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'message_changed']);

interface RawMessage {
  type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  channel?: string;
  channel_type?: string;
  message?: RawMessage;
  previous_message?: RawMessage;
}

/** The answer-shaped view of a message event, or null when nobody wrote anything new in it. */
export function readAnswerMessage(event: object): AnswerMessage | null {
  const raw = event as RawMessage;
  if (!READ_SUBTYPES.has(raw.subtype) || !raw.channel) return null;
  const edited = raw.subtype === 'message_changed';
  const message = edited ? raw.message : raw;
  if (!message?.user || message.bot_id || !message.ts) return null;
  // Slack also sends message_changed when it unfurls a link: the words did not change, nothing to read again.
  if (edited && (raw.previous_message?.text ?? '') === (message.text ?? '')) return null;
  const threadTs = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
  return {
    user: message.user,
    channel: raw.channel,
    text: message.text ?? '',
    ts: message.ts,
    ...(threadTs ? { threadTs } : {}),
    inDm: raw.channel_type === 'im',
    edited,
    ...(raw.subtype ? { subtype: raw.subtype } : {}),
  };
}
