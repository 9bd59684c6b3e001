import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'e3b0c44298fc1c149afbf4c8996fb924';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** Signs a body as Slack does: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"), timestamp in seconds. */
export function signSlack(
  body: string,
  contentType: 'form' | 'json',
  options: { timestamp?: number; secret?: string } = {},
): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
  };
}

let triggers = 1337;

export function slashCommand(fields: { team: string; channel: string; user: string; text: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.team,
    team_domain: 'acme',
    channel_id: fields.channel,
    channel_name: 'checkout',
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: '/plan',
    text: fields.text,
    api_app_id: 'A0PLANBOT',
    response_url: 'https://hooks.slack.com/commands/T0/1/abc',
    // Slack's trigger ids are unique per request, so two commands in one second sign differently.
    trigger_id: `${(triggers += 1)}.42.abcd`,
  }).toString();
}

export function interactivePayload(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function blockAction(fields: {
  team: string;
  channel: string;
  user: string;
  actionId: string;
  value: string;
  blockId: string;
  message: { ts: string; text: string; blocks: unknown[] };
  ephemeral?: boolean;
}) {
  return {
    type: 'block_actions',
    api_app_id: 'A0PLANBOT',
    token: 'legacy-verification-token',
    team: { id: fields.team, domain: 'acme' },
    user: { id: fields.user, team_id: fields.team, username: fields.user.toLowerCase() },
    container: {
      type: 'message',
      message_ts: fields.message.ts,
      channel_id: fields.channel,
      is_ephemeral: fields.ephemeral ?? false,
    },
    trigger_id: '1337.42.trigger',
    channel: { id: fields.channel, name: 'checkout' },
    message: {
      type: 'message',
      ts: fields.message.ts,
      text: fields.message.text,
      blocks: fields.message.blocks,
      user: 'U0BOT',
      bot_id: 'B0BOT',
    },
    response_url: 'https://hooks.slack.com/actions/T0/1/xyz',
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: fields.blockId,
        value: fields.value,
        action_ts: '1700000000.000100',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
}

/** A button pressed on planbot's Home tab: no channel, no message, no response_url; the view it sits on. */
export function homeBlockAction(fields: {
  team: string;
  user: string;
  actionId: string;
  value: string;
  blockId: string;
}) {
  return {
    type: 'block_actions',
    api_app_id: 'A0PLANBOT',
    token: 'legacy-verification-token',
    team: { id: fields.team, domain: 'acme' },
    user: { id: fields.user, team_id: fields.team, username: fields.user.toLowerCase() },
    container: { type: 'view', view_id: 'V0HOME' },
    trigger_id: '1337.42.home',
    view: {
      id: 'V0HOME',
      type: 'home',
      team_id: fields.team,
      blocks: [],
      private_metadata: '',
      callback_id: '',
      state: { values: {} },
      hash: 'h',
      app_id: 'A0PLANBOT',
      bot_id: 'B0PLANBOT',
    },
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: fields.blockId,
        value: fields.value,
        action_ts: '1700000000.000100',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
}

/** `app_home_opened` as Slack sends it when a member opens one of planbot's App Home tabs. */
export function appHomeOpened(fields: { team: string; user: string; eventId: string; tab?: 'home' | 'messages' }) {
  return eventCallback({
    team: fields.team,
    eventId: fields.eventId,
    event: { type: 'app_home_opened', user: fields.user, channel: `D${fields.user}`, tab: fields.tab ?? 'home' },
  });
}

export function viewSubmission(fields: {
  team: string;
  user: string;
  callbackId: string;
  privateMetadata: string;
  values: object;
}) {
  return {
    type: 'view_submission',
    api_app_id: 'A0PLANBOT',
    token: 'legacy-verification-token',
    team: { id: fields.team, domain: 'acme' },
    user: { id: fields.user, team_id: fields.team, username: fields.user.toLowerCase() },
    trigger_id: '1337.42.view',
    view: {
      id: 'V0VIEW',
      type: 'modal',
      callback_id: fields.callbackId,
      private_metadata: fields.privateMetadata,
      state: { values: fields.values },
      hash: 'h',
      title: { type: 'plain_text', text: 'x' },
      blocks: [],
    },
  };
}

export function messageEvent(fields: {
  team: string;
  channel: string;
  user: string;
  text: string;
  ts: string;
  threadTs?: string;
  eventId?: string;
  channelType?: 'channel' | 'im';
}): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: fields.team,
    api_app_id: 'A0PLANBOT',
    type: 'event_callback',
    event_id: fields.eventId ?? `Ev${fields.ts.replace('.', '')}`,
    event_time: 1700000000,
    event: {
      type: 'message',
      channel: fields.channel,
      user: fields.user,
      text: fields.text,
      ts: fields.ts,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
      channel_type: fields.channelType ?? 'channel',
      event_ts: fields.ts,
    },
  });
}

/** An Events API callback carrying `event` (app_uninstalled, tokens_revoked, …) for a team. */
export function eventCallback(fields: { team: string; eventId: string; event: Record<string, unknown> }): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: fields.team,
    api_app_id: 'A0PLANBOT',
    type: 'event_callback',
    event_id: fields.eventId,
    event_time: 1700000000,
    event: { event_ts: '1700000000.000100', ...fields.event },
  });
}

/** POSTs a signed request to a running planbot and returns status and body. */
export async function postSlack(
  base: string,
  request: SignedRequest,
  headers: Record<string, string | undefined> = {},
): Promise<{ status: number; text: string }> {
  const merged = Object.fromEntries(
    Object.entries({ ...request.headers, ...headers }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const response = await fetch(`${base}/slack/events`, { method: 'POST', body: request.body, headers: merged });
  return { status: response.status, text: await response.text() };
}
