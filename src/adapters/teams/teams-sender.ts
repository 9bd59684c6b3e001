import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { ChartImages } from '../../service/ports/chart-renderer.js';
import type { OutgoingMessage, Sender, SendFailure, SendResult } from '../../service/ports/sender.js';
import { chartAttachment, type ImageAttachment } from './chart-attachment.js';
import { classifyConnectorError, type ConnectorCall } from './connector-errors.js';
import { withConnector } from './connector-turn.js';
import type { ConversationReferences, StoredConversation } from './conversation-references.js';
import { findDirectChatRoute } from './direct-chat-route.js';
import { asMessage, toOutboundActivity, type OutboundActivity } from './outbound-activity.js';

export interface TeamsSenderDeps {
  adapter: CloudAdapter;
  /** The bot's Microsoft app id: proactive turns are authenticated as this bot. */
  appId: string;
  conversations: ConversationReferences;
  logger?: Logger;
  /** How long one Bot Connector call may take; default 10 s, well inside the dispatcher's lease. */
  timeoutMs?: number;
  /** Draws the chart a message names (the weekly memo's); without it, messages go out without one. */
  charts?: ChartImages;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Channel and chat ids in Teams look like `19:…@thread.tacv2` or `a:…`; a user target is an AAD object id (or a `29:` id). */
const CONVERSATION_ID = /^(19:|a:)|@thread\./;

/**
 * Delivers outbox messages to Microsoft Teams through the Bot Connector. A target is either a
 * conversation planbot was added to (a plan's channel, a group or 1:1 chat), found by its stored
 * reference, or a user's AAD object id, reached in their 1:1 chat with planbot, which is opened
 * when planbot has never talked to them. Failures come back classified so the dispatcher retries
 * or parks them; the result's ref is the activity id, which thread replies use as their parent.
 */
export class TeamsSender implements Sender {
  private readonly adapter: CloudAdapter;
  private readonly appId: string;
  private readonly conversations: ConversationReferences;
  private readonly logger: Logger | undefined;
  private readonly timeoutMs: number;
  private readonly charts: ChartImages | undefined;

  constructor(deps: TeamsSenderDeps) {
    this.adapter = deps.adapter;
    this.appId = deps.appId;
    this.conversations = deps.conversations;
    this.logger = deps.logger;
    // The ConnectorClient has no timeout of its own: one call the connector never answers would
    // hold the dispatcher's whole batch, and with it every platform's delivery, indefinitely.
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.charts = deps.charts;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const content = asMessage(message.payload);
    if (!content)
      return permanent(
        `invalid_payload: outbox message ${message.id} is not a planbot message (kind, text, blocks); it cannot be shown in Teams`,
      );
    const activity = toOutboundActivity(content);
    const image =
      content.chart && this.charts
        ? await chartAttachment(this.charts, content.chart, { outboxId: message.id, logger: this.logger })
        : null;
    let result = await this.deliver(message, image ? withImage(activity, image) : activity);
    // Should Teams count the picture against the message size after all, the memo goes without it.
    if (image && !result.ok && result.reason.startsWith('message_too_large')) {
      this.logger?.warn(
        { outboxId: message.id, target: message.target, reason: result.reason },
        'teams refused the message with its chart; sending it without the chart',
      );
      result = await this.deliver(message, activity);
    }
    if (!result.ok)
      this.logger?.warn(
        {
          outboxId: message.id,
          target: message.target,
          attempt: message.attempt,
          kind: result.kind,
          reason: result.reason,
        },
        'teams delivery failed',
      );
    return result;
  }

  private async deliver(message: OutgoingMessage, activity: OutboundActivity): Promise<SendResult> {
    const base = channelOf(message.target);
    const conversation =
      (await this.conversations.find(base)) ??
      (base === message.target ? null : await this.conversations.find(message.target));
    if (conversation) return this.postInto(conversation, message, activity);
    if (CONVERSATION_ID.test(message.target)) {
      return permanent(
        `not_installed: planbot has not been added to the Teams conversation ${base} yet (no stored reference); add the app to the team (or chat) that owns it, then retry the message`,
      );
    }
    return this.sendDirect(message, activity);
  }

  /** A post into a known conversation: a channel thread reply when the message has a parent. */
  private async postInto(
    conversation: StoredConversation,
    message: OutgoingMessage,
    activity: OutboundActivity,
  ): Promise<SendResult> {
    const reference = usableReference(conversation);
    if (!reference) return brokenReference(conversation.conversationId);
    const conversationId =
      conversation.kind === 'channel' && message.parentRef
        ? threadId(conversation.conversationId, message.parentRef)
        : conversation.conversationId;
    const call: ConnectorCall = conversation.kind === 'personal' ? 'direct_message' : 'channel_post';
    return this.attempt(call, () =>
      withConnector(this.adapter, this.appId, reference, (connector) =>
        connector.sendToConversation(conversationId, withConversation(activity, conversationId, reference), {
          timeout: this.timeoutMs,
        }),
      ),
    );
  }

  private async sendDirect(message: OutgoingMessage, activity: OutboundActivity): Promise<SendResult> {
    const userId = message.target;
    const route = await findDirectChatRoute(this.conversations, userId, message.workspace);
    if (route.kind === 'existing') return this.postInto(route.conversation, message, activity);
    if (route.kind === 'unknown') {
      return permanent(
        `no_teams_tenant: planbot does not know which Teams tenant user ${userId} is in (they never messaged it and no team with planbot lists them); install planbot for this user or add it to a team they are in first`,
      );
    }
    const reference = usableReference(route.via);
    if (!reference) return brokenReference(route.via.conversationId);
    const { tenantId } = route;
    let opened: string | undefined;
    const result = await this.attempt('direct_message', () =>
      withConnector(this.adapter, this.appId, reference, async (connector) => {
        const created = await connector
          .createConversation(
            {
              isGroup: false,
              bot: reference.bot ?? { id: this.appId },
              members: [{ id: userId }],
              tenantId,
              channelData: { tenant: { id: tenantId } },
            },
            { timeout: this.timeoutMs },
          )
          .catch((error: unknown) => Promise.reject(new OpenChatError(error)));
        if (!created.id)
          throw new OpenChatError(new Error('the Bot Connector created a chat but returned no conversation id'));
        opened = created.id;
        return connector.sendToConversation(created.id, withConversation(activity, created.id, reference), {
          timeout: this.timeoutMs,
        });
      }),
    );
    // Once created the chat exists even if the post then failed: remember it so the retry and the
    // next DM skip the create call. Storing it is a shortcut, so a failure is only logged.
    if (opened) await this.rememberChat(tenantId, userId, opened, reference);
    return result;
  }

  private async attempt(call: ConnectorCall, post: () => Promise<{ id?: string }>): Promise<SendResult> {
    try {
      const response = await post();
      // Delivered either way; retrying would post it twice. Without an id, replies to it are
      // posted at the top of the channel instead of in its thread.
      if (!response.id) this.logger?.warn({ call }, 'the Bot Connector accepted a message but returned no activity id');
      return { ok: true, ref: response.id ?? '' };
    } catch (error) {
      const cause = error instanceof OpenChatError ? error.cause : error;
      // Retried like any network failure; the connector may have taken the post before going quiet.
      if (cause instanceof Error && cause.name === 'AbortError')
        return { ok: false, kind: 'transient', reason: `no answer from the Bot Connector within ${this.timeoutMs} ms` };
      if (error instanceof OpenChatError) return classifyConnectorError(error.cause, 'open_direct_chat');
      return classifyConnectorError(error, call);
    }
  }

  private async rememberChat(
    tenantId: string,
    userId: string,
    conversationId: string,
    via: Partial<ConversationReference>,
  ): Promise<void> {
    const reference = {
      channelId: via.channelId ?? 'msteams',
      serviceUrl: via.serviceUrl,
      bot: via.bot,
      conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false },
      user: { id: userId, aadObjectId: userId },
    };
    try {
      await this.conversations.save({ tenantId, conversationId, kind: 'personal', userId, reference });
    } catch (error) {
      this.logger?.warn(
        { err: error, conversationId },
        'could not store the new Teams 1:1 chat; the next DM will open it again',
      );
    }
  }
}

/** Failures of the create-chat call, told apart from failures of the post that follows it. */
class OpenChatError extends Error {
  constructor(override readonly cause: unknown) {
    super('could not open a 1:1 chat');
    this.name = 'OpenChatError';
  }
}

function withImage(activity: OutboundActivity, image: ImageAttachment): OutboundActivity {
  return { ...activity, attachments: [...activity.attachments, image] };
}

function permanent(reason: string): SendFailure {
  return { ok: false, kind: 'permanent', reason };
}

function brokenReference(conversationId: string): SendFailure {
  return permanent(
    `broken_reference: the stored reference for Teams conversation ${conversationId} has no service URL; remove planbot from the team and add it again so Teams sends a fresh one`,
  );
}

function usableReference(conversation: StoredConversation): Partial<ConversationReference> | undefined {
  const stored = conversation.reference;
  if (!stored.serviceUrl) return undefined;
  return {
    ...stored,
    channelId: stored.channelId ?? 'msteams',
    conversation: {
      isGroup: false,
      conversationType: conversation.kind,
      tenantId: conversation.tenantId,
      name: '',
      ...stored.conversation,
      id: conversation.conversationId,
    },
  } as Partial<ConversationReference>;
}

/** A channel post's id without the `;messageid=` suffix a thread adds. */
function channelOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/**
 * Teams threads a channel reply by conversation id, `<channel>;messageid=<root activity id>`: the
 * form Teams itself sends for activities in a thread, and what the Teams SDK's
 * ToThreadedConversationId builds for proactive thread replies.
 */
function threadId(channelId: string, parentRef: string): string {
  return `${channelOf(channelId)};messageid=${parentRef}`;
}

function withConversation(
  activity: OutboundActivity,
  conversationId: string,
  reference: Partial<ConversationReference>,
) {
  return { ...activity, conversation: { id: conversationId }, ...(reference.bot ? { from: reference.bot } : {}) };
}
