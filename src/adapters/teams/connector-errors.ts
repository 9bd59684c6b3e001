import { clampText } from '../../domain/text-clamp.js';
import type { SendFailure } from '../../service/ports/sender.js';

/** What planbot was doing when the Bot Connector said no: the fix a lead needs differs. */
export type ConnectorCall = 'channel_post' | 'direct_message' | 'open_direct_chat';

// A connector message is free text from Microsoft; it is kept short in a parked reason.
const MAX_DETAIL = 200;

/**
 * Turns what botbuilder throws into the outbox's vocabulary. ConnectorClient errors are
 * @azure/core-rest-pipeline RestErrors: `statusCode`, `code` (the body's `error.code`, e.g.
 * `BotNotInConversationRoster`) and `response.headers` (a `get(name)` map). Token failures come
 * from MSAL with an `errorCode` instead. Anything without a status is the network: retry it.
 */
export function classifyConnectorError(error: unknown, call: ConnectorCall): SendFailure {
  const status = statusOf(error);
  const detail = detailOf(error);
  if (status === undefined) return tokenOrNetworkFailure(error, detail);
  if (status === 429) {
    const retryAfterMs = retryAfterMsOf(error);
    return {
      ok: false,
      kind: 'rate_limited',
      reason: `HTTP 429 from the Bot Connector${detail}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 500 || status === 408)
    return { ok: false, kind: 'transient', reason: `HTTP ${status} from the Bot Connector${detail}` };
  return { ok: false, kind: 'permanent', reason: permanentReason(status, call, detail) };
}

function permanentReason(status: number, call: ConnectorCall, detail: string): string {
  const http = `HTTP ${status}${detail}`;
  if (call === 'open_direct_chat' && (status === 401 || status === 403 || status === 404)) {
    return `app_not_installed_for_user (${http}): Teams would not open a 1:1 chat with this person; install planbot for them (personal scope, or add it to a team they are in) and have them message it once`;
  }
  switch (status) {
    case 401:
      return `unauthorized (${http}): the Bot Connector refused planbot's credentials; check MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId`;
    case 403:
      return call === 'channel_post'
        ? `bot_not_in_conversation (${http}): planbot is no longer in this team or channel (the app was removed); add the app to the team again or change the plan's channel`
        : `bot_not_in_conversation (${http}): this person removed or blocked planbot; ask them to reinstall the app, or link another contact for this ladder tier`;
    case 404:
      return call === 'channel_post'
        ? `conversation_not_found (${http}): the channel or thread no longer exists (deleted or archived); change the plan's channel and re-add the app to the team`
        : `conversation_not_found (${http}): the 1:1 chat with this person no longer exists; have them message planbot once so it learns the new chat`;
    case 413:
      return `message_too_large (${http}): Teams refused the message size; this is a planbot bug, please report it`;
    default:
      return `rejected (${http}): Teams refused the message as invalid; this is a planbot bug, please report it with this reason`;
  }
}

// MSAL's codes for credentials Microsoft login will never accept: retrying only repeats the refusal.
const BAD_CREDENTIAL_CODES = new Set(['invalid_client', 'unauthorized_client', 'invalid_request']);

function tokenOrNetworkFailure(error: unknown, detail: string): SendFailure {
  const code = stringField(error, 'errorCode');
  if (code !== undefined && BAD_CREDENTIAL_CODES.has(code)) {
    return {
      ok: false,
      kind: 'permanent',
      reason: `bot_credentials_refused (${code}): Microsoft login would not issue planbot a Bot Framework token; check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId`,
    };
  }
  const name = error instanceof Error ? error.name : 'Error';
  return {
    ok: false,
    kind: 'transient',
    reason: `network or token error talking to Teams (${name}${code ? ` ${code}` : ''})${detail}`,
  };
}

function statusOf(error: unknown): number | undefined {
  const direct = numberField(error, 'statusCode');
  if (direct !== undefined) return direct;
  const response = field(error, 'response');
  return numberField(response, 'status');
}

/** Retry-After in seconds (what the Bot Connector sends); an HTTP date is left to the dispatcher's backoff. */
function retryAfterMsOf(error: unknown): number | undefined {
  const headers = field(field(error, 'response'), 'headers');
  let value: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function')
    value = (headers as { get(name: string): unknown }).get('retry-after');
  else value = field(headers, 'retry-after');
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}

function detailOf(error: unknown): string {
  const code = stringField(error, 'code');
  const message = error instanceof Error ? error.message : undefined;
  const parts = [code, message && message !== code ? message : undefined].filter((p): p is string => Boolean(p));
  if (parts.length === 0) return '';
  // A network error's text can echo request headers; a parked reason must never carry the bot's token.
  const text = parts
    .join(': ')
    .replace(/Bearer\s+[^\s"',}]+/gi, 'Bearer [redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return `: ${clampText(text, MAX_DETAIL)}`;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

function numberField(value: unknown, key: string): number | undefined {
  const v = field(value, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
