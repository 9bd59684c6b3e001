import { ErrorCode } from '@slack/web-api';
import type { SendFailure } from '../../service/ports/sender.js';

/** What was being attempted when Slack failed: the reason names it so a lead knows where to look. */
export interface SlackCallContext {
  /** Web API method, e.g. `chat.postMessage`. */
  method: string;
  /** The outbox target (channel id or name, or a user id for a DM). */
  target: string;
  /** Slack team id, when known. */
  workspace?: string | undefined;
}

const reinstall = (workspace: string | undefined) =>
  `reinstall planbot in ${workspace ? `Slack workspace ${workspace}` : 'the Slack workspace'} (OAuth installs) or check SLACK_BOT_TOKEN`;

/**
 * Slack error codes that no retry can fix, with what a team lead should do about each. Codes from
 * the Web API method pages (chat.postMessage, conversations.open, conversations.history).
 */
const permanentReasons: Record<string, (c: SlackCallContext) => string> = {
  // A DM is posted to the user id, so an unknown or unreachable user comes back as a missing channel.
  channel_not_found: (c) =>
    /^[UW][A-Z0-9]{2,}$/.test(c.target)
      ? `planbot cannot reach Slack user ${c.target} by direct message (not in this workspace, or not allowed to message apps): relink the member with /plan link`
      : `planbot cannot see channel ${c.target}: invite it with /invite @planbot, or check the plan's channel`,
  not_in_channel: (c) => `planbot is not a member of channel ${c.target}: invite it with /invite @planbot`,
  is_archived: (c) =>
    `channel ${c.target} is archived: unarchive it, or point the plan at another channel and re-import`,
  restricted_action: (c) =>
    `a workspace policy stops planbot posting in ${c.target}: ask a Slack admin to allow apps to post there, or use another channel`,
  restricted_action_read_only_channel: (c) =>
    `channel ${c.target} is read-only for apps: use another channel for the plan`,
  restricted_action_thread_only_channel: (c) =>
    `channel ${c.target} only allows thread replies: use another channel for the plan`,
  restricted_action_non_threadable_channel: (c) =>
    `channel ${c.target} does not allow threads: use another channel for the plan`,
  cannot_reply_to_message: (c) => `Slack does not allow replies to the message this one threads under in ${c.target}`,
  thread_not_found: (c) => `the thread this message replies to no longer exists in ${c.target} (deleted?)`,
  user_not_found: (c) => `Slack user ${c.target} does not exist in this workspace: relink the member with /plan link`,
  user_not_visible: (c) =>
    `planbot cannot see Slack user ${c.target} (another organisation?): relink the member with /plan link`,
  user_disabled: (c) => `Slack user ${c.target} is deactivated: move their tasks or escalation tier to someone else`,
  cannot_dm_bot: (c) =>
    `${c.target} is a bot and cannot get direct messages: link the member to a person's Slack account`,
  account_inactive: (c) =>
    `the Slack account behind planbot's token is deactivated (app removed or workspace closed): ${reinstall(c.workspace)}`,
  invalid_auth: (c) => `Slack rejected planbot's token: ${reinstall(c.workspace)}`,
  not_authed: (c) => `no Slack token was sent: ${reinstall(c.workspace)}`,
  token_revoked: (c) => `planbot's Slack token was revoked (app uninstalled?): ${reinstall(c.workspace)}`,
  token_expired: (c) => `planbot's Slack token expired: ${reinstall(c.workspace)}`,
  not_allowed_token_type: (c) => `planbot needs a bot token (xoxb-): ${reinstall(c.workspace)}`,
  team_access_not_granted: (c) => `planbot's token has no access to this workspace: ${reinstall(c.workspace)}`,
  missing_scope: (c) =>
    `planbot's Slack app lacks a permission needed for ${c.method}: add the scope in the app manifest and ${reinstall(c.workspace)}`,
  ekm_access_denied: (c) => `Slack admins have revoked access to ${c.target} (EKM): ask a Slack admin`,
  invalid_blocks: () =>
    `Slack refused the message layout (Block Kit): this is a planbot bug, report it with this message`,
  invalid_blocks_format: () =>
    `Slack refused the message layout (Block Kit): this is a planbot bug, report it with this message`,
  msg_too_long: () =>
    `the message is longer than Slack allows: shorten the plan text involved (task titles, notes) or report it`,
  no_text: () => `the message was empty: this is a planbot bug, report it with this message`,
  invalid_metadata_format: () => `Slack refused the delivery metadata: this is a planbot bug, report it`,
  invalid_metadata_schema: () => `Slack refused the delivery metadata: this is a planbot bug, report it`,
  invalid_arguments: (c) =>
    `Slack refused the arguments of ${c.method}: this is a planbot bug, report it with this message`,
};

/** Slack's own hiccups: the same call later will likely work. */
const transientCodes = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** Per-team throttles that come back as an error code rather than an HTTP 429. */
const rateLimitCodes = new Set(['ratelimited', 'rate_limited', 'message_limit_exceeded']);

/**
 * Maps anything a `WebClient` call threw to the Sender port's failure kinds, with a reason a team
 * lead can act on. The reason starts with Slack's code, so a parked message can be searched for.
 * Matches on the web-api `code` rather than `instanceof`, so a second copy of the package (Bolt
 * bundles one) classifies the same.
 */
export function classifySlackError(error: unknown, context: SlackCallContext): SendFailure {
  const code = codeOf(error);
  if (code === ErrorCode.RateLimitedError) {
    const seconds = (error as { retryAfter?: unknown }).retryAfter;
    return rateLimited(context, typeof seconds === 'number' ? seconds : undefined);
  }
  if (code === ErrorCode.PlatformError)
    return classifyPlatformError(
      error as { data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } } },
      context,
    );
  if (code === ErrorCode.HTTPError) return classifyHttpError((error as { statusCode?: unknown }).statusCode, context);
  if (code === ErrorCode.RequestError) return classifyRequestError((error as { original?: unknown }).original, context);
  // web-api throws a plain Error for a 429 without a usable Retry-After (its own TODO says so).
  if (error instanceof Error && error.message.startsWith('Retry header did not contain a valid timeout'))
    return rateLimited(context, undefined);
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    ok: false,
    kind: 'transient',
    reason: `${context.method} to ${context.target} failed unexpectedly (${detail})`,
  };
}

function classifyPlatformError(
  error: { data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } } },
  context: SlackCallContext,
): SendFailure {
  const slackCode = typeof error.data?.error === 'string' ? error.data.error : 'unknown_error';
  if (rateLimitCodes.has(slackCode)) {
    const seconds = error.data?.response_metadata?.retryAfter;
    return rateLimited(context, typeof seconds === 'number' ? seconds : undefined, slackCode);
  }
  if (transientCodes.has(slackCode)) {
    return {
      ok: false,
      kind: 'transient',
      reason: `${slackCode}: Slack had a problem with ${context.method} to ${context.target}; planbot will retry`,
    };
  }
  const explain = permanentReasons[slackCode];
  // An unknown code is still Slack's considered answer to this request: repeating it would only
  // repeat the refusal, so the message is parked with the code for a lead to look up.
  const reason = explain
    ? explain(context)
    : `Slack refused ${context.method} to ${context.target}; see https://api.slack.com/methods/${context.method}#errors`;
  return { ok: false, kind: 'permanent', reason: `${slackCode}: ${reason}` };
}

function classifyHttpError(status: unknown, context: SlackCallContext): SendFailure {
  const statusCode = typeof status === 'number' ? status : 0;
  if (statusCode >= 500 || statusCode === 408) {
    return {
      ok: false,
      kind: 'transient',
      reason: `HTTP ${statusCode}: Slack was unavailable for ${context.method} to ${context.target}; planbot will retry`,
    };
  }
  if (statusCode === 401 || statusCode === 403) {
    return {
      ok: false,
      kind: 'permanent',
      reason: `HTTP ${statusCode}: Slack refused planbot's credentials: ${reinstall(context.workspace)}`,
    };
  }
  return {
    ok: false,
    kind: 'permanent',
    reason: `HTTP ${statusCode}: Slack's API did not accept ${context.method}: check SLACK_API_URL (normally https://slack.com/api/)`,
  };
}

function classifyRequestError(original: unknown, context: SlackCallContext): SendFailure {
  const name = original instanceof Error ? original.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return {
      ok: false,
      kind: 'transient',
      reason: `timeout: Slack did not answer ${context.method} to ${context.target} in time; planbot will retry`,
    };
  }
  const cause = networkCode(original);
  return {
    ok: false,
    kind: 'transient',
    reason: `${cause}: could not reach Slack for ${context.method} to ${context.target}; planbot will retry`,
  };
}

function rateLimited(context: SlackCallContext, seconds: number | undefined, slackCode = 'ratelimited'): SendFailure {
  const failure: SendFailure = {
    ok: false,
    kind: 'rate_limited',
    reason: `${slackCode}: Slack asked planbot to slow down on ${context.method} to ${context.target}`,
  };
  if (seconds !== undefined && Number.isFinite(seconds) && seconds >= 0) failure.retryAfterMs = seconds * 1000;
  return failure;
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
}

/** `fetch` hides the socket error (ECONNRESET, ENOTFOUND …) in `cause`, sometimes two levels down. */
function networkCode(error: unknown): string {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error && error.message ? `network error (${error.message})` : 'network error';
}
