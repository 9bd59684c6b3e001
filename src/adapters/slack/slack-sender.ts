import { LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Message } from '../../service/messages/message.js';
import type { ChartImages } from '../../service/ports/chart-renderer.js';
import type { Clock } from '../../service/ports/clock.js';
import {
  LookupFailedError,
  type OutgoingMessage,
  type SendFailure,
  type SendResult,
  type Sender,
} from '../../service/ports/sender.js';
import { toSlackMessage } from './block-kit.js';
import { uploadChart } from './chart-upload.js';
import { SlackConversations } from './slack-conversations.js';
import type { SlackDmChannels } from './slack-dm-channels.js';
import { findPostedMessage, OUTBOX_EVENT_TYPE } from './slack-delivery-lookup.js';
import { classifySlackError, type SlackCallContext } from './slack-errors.js';
import { WorkspacePostPause, type PostWait } from './workspace-post-pause.js';

export interface SlackSenderOptions {
  /** Web API base URL (config `SLACK_API_URL`, normally https://slack.com/api/). */
  apiUrl: string;
  /**
   * The bot token for a Slack team id (`OutgoingMessage.workspace`), or undefined when planbot is
   * not installed there. Single-workspace installs ignore the argument and return SLACK_BOT_TOKEN.
   */
  tokenFor(workspace: string | undefined): Promise<string | undefined>;
  /** Real time, for waiting out a workspace-wide Retry-After (see WorkspacePostPause). */
  clock: Clock;
  logger?: Logger;
  /**
   * DM channel ids recorded with earlier deliveries, so that checking whether a DM was already
   * posted (after a crash) reads its history without a `conversations.open` (Tier 3).
   */
  dmChannels?: SlackDmChannels;
  /** Per Web API call; keep several of them below the dispatcher's lease (60 s by default). */
  timeoutMs?: number;
  /** Draws the chart a message names (the weekly memo's); without it, messages go out without one. */
  charts?: ChartImages;
}

interface Install {
  client: WebClient;
  conversations: SlackConversations;
  pause: WorkspacePostPause;
}

/**
 * Delivers outbox messages to Slack. Retries and Retry-After belong to the outbox: the client
 * never retries and rejects a 429 at once (`rejectRateLimitedCalls`), so a rate-limited channel
 * frees the dispatcher instead of parking a worker inside the SDK for the wait.
 *
 * A DM is posted to the user id itself, one call per DM: Slack puts it in the app's DM with that
 * person and answers with the DM's id (D…), which goes back with the result to be recorded with
 * the outbox row. Opening the DM first (`conversations.open`, Tier 3: about 50 a minute) would
 * cap a fan-out at 50 people a minute.
 *
 * The platform reference is the message `ts` alone. A thread reply goes to the same target as
 * its parent (the plan's channel, or the same user's DM), so `thread_ts` is all it needs.
 */
export class SlackSender implements Sender {
  private readonly installs = new Map<string, Install>();
  private readonly timeoutMs: number;

  constructor(private readonly options: SlackSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const install = await this.install(message.workspace);
    if (!install) return notInstalled(message.workspace);
    const payload = asMessage(message.payload);
    if (!payload)
      return {
        ok: false,
        kind: 'permanent',
        reason:
          'invalid_payload: the queued message is not a planbot message (no text or blocks); this is a planbot bug',
      };
    let rendered: ReturnType<typeof toSlackMessage>;
    try {
      rendered = toSlackMessage(payload);
    } catch (error) {
      return {
        ok: false,
        kind: 'permanent',
        reason: `render_failed: the message could not be turned into Block Kit (${String(error)}); this is a planbot bug`,
      };
    }

    const wait = install.pause.admit(this.now());
    if (wait) return workspaceLimited(message.workspace, wait);
    const context: SlackCallContext = {
      method: 'chat.postMessage',
      target: message.target,
      workspace: message.workspace,
    };
    try {
      const result = await install.client.chat.postMessage({
        channel: install.conversations.channelFor(message.target),
        text: rendered.text,
        blocks: rendered.blocks,
        metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: message.id } },
        ...(message.parentRef === undefined ? {} : { thread_ts: message.parentRef }),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (result.channel) install.conversations.remember(message.target, result.channel);
      install.pause.posted(message.target, this.now());
      if (!result.ts)
        return {
          ok: false,
          kind: 'transient',
          reason: `no_ts: Slack accepted chat.postMessage to ${message.target} but returned no message ts`,
        };
      if (payload.chart && this.options.charts && result.channel)
        await uploadChart({
          client: install.client,
          charts: this.options.charts,
          ref: payload.chart,
          channel: result.channel,
          threadTs: result.ts,
          outboxId: message.id,
          logger: this.options.logger,
        });
      return {
        ok: true,
        ref: result.ts,
        ...(result.channel && result.channel !== message.target ? { channel: result.channel } : {}),
      };
    } catch (error) {
      install.conversations.forget(message.target);
      const failure = classifySlackError(error, context);
      if (
        failure.kind === 'rate_limited' &&
        install.pause.rateLimited(message.target, failure.retryAfterMs, this.now())
      )
        failure.reason += "; the limit is the workspace's, so every post there waits";
      this.options.logger?.warn(
        {
          outboxId: message.id,
          target: message.target,
          workspace: message.workspace,
          kind: failure.kind,
          reason: failure.reason,
        },
        'slack delivery failed',
      );
      return failure;
    }
  }

  /**
   * Looks for this outbox message in its channel (or thread) by the metadata every post carries.
   * Throws when Slack could not be asked (the dispatcher retries later); answers "not found"
   * when asking can never work (no install, bot not in the channel, missing history scope),
   * since the send itself will then say what is wrong.
   */
  async findDelivered(message: OutgoingMessage): Promise<string | undefined> {
    const install = await this.install(message.workspace);
    if (!install) return undefined;
    const context: SlackCallContext = {
      method: 'conversations.history',
      target: message.target,
      workspace: message.workspace,
    };
    try {
      const channel = await install.conversations.channelIdFor(message.target, message.workspace);
      if (!channel) return undefined;
      const ts = await findPostedMessage(install.client, {
        channel,
        outboxId: message.id,
        ...(message.parentRef === undefined ? {} : { threadTs: message.parentRef }),
        ...(message.createdAt === undefined ? {} : { since: message.createdAt }),
      });
      if (ts)
        this.options.logger?.info(
          { outboxId: message.id, target: message.target, ts },
          'slack message was already delivered; recording it instead of posting again',
        );
      return ts;
    } catch (error) {
      const failure = classifySlackError(error, context);
      if (failure.kind === 'permanent') {
        this.options.logger?.warn(
          { outboxId: message.id, target: message.target, reason: failure.reason },
          'cannot check slack history before re-sending',
        );
        return undefined;
      }
      throw new LookupFailedError(failure, { cause: error });
    }
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  /** One client per token (not per workspace: a re-install rotates the token). */
  private async install(workspace: string | undefined): Promise<Install | undefined> {
    const token = await this.options.tokenFor(workspace);
    if (!token) return undefined;
    let install = this.installs.get(token);
    if (!install) {
      const client = new WebClient(token, {
        slackApiUrl: this.options.apiUrl,
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
        timeout: this.timeoutMs,
        logger: quietLogger(this.options.logger),
      });
      install = {
        client,
        conversations: new SlackConversations(client, this.options.dmChannels),
        pause: new WorkspacePostPause(),
      };
      this.installs.set(token, install);
    }
    return install;
  }
}

function workspaceLimited(workspace: string | undefined, wait: PostWait): SendFailure {
  const where = workspace ? `workspace ${workspace}` : 'this workspace';
  const seconds = Math.ceil(wait.waitMs / 1000);
  const why = wait.pacedAt
    ? `after Slack's rate limit, posting in ${where} is paced to ${wait.pacedAt.posts} every ${wait.pacedAt.windowMs / 1000} s`
    : `Slack asked planbot to slow down posting in ${where}`;
  return {
    ok: false,
    kind: 'rate_limited',
    retryAfterMs: wait.waitMs,
    reason: `ratelimited: ${why}; this post waits ${seconds} s more (not sent)`,
  };
}

function notInstalled(workspace: string | undefined): SendFailure {
  const reason = workspace
    ? `not_installed: Slack workspace ${workspace} is not installed: install planbot there (/slack/install) or, for a single workspace, check SLACK_BOT_TOKEN`
    : 'not_installed: this message names no Slack workspace and no SLACK_BOT_TOKEN is set: re-import the plan from Slack or set SLACK_BOT_TOKEN';
  return { ok: false, kind: 'permanent', reason };
}

function asMessage(payload: unknown): Message | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const candidate = payload as Partial<Message>;
  return typeof candidate.text === 'string' && Array.isArray(candidate.blocks) ? (payload as Message) : undefined;
}

/**
 * The SDK's own log lines, through our logger: its warnings duplicate what we report with the
 * outbox id, and its debug lines echo request bodies, so only errors keep their level.
 */
function quietLogger(logger: Logger | undefined): SlackLogger {
  const child = logger?.child({ component: 'slack-web-api' });
  const noop = () => {};
  return {
    debug: noop,
    info: noop,
    warn: (...msg: unknown[]) => child?.debug(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child?.error(msg.map(String).join(' ')),
    setLevel: noop,
    getLevel: () => LogLevel.ERROR,
    setName: noop,
  };
}
