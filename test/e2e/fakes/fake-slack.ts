import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A local stand-in for https://slack.com/api/ speaking the subset of the Web API planbot calls.
 * planbot is pointed at it with SLACK_API_URL, so the product code under test is unchanged. It
 * keeps what Slack would keep (messages per channel, with ts and metadata, so a history lookup
 * finds what an earlier, crashed delivery posted), records every call with its decoded arguments
 * and timestamps, and misbehaves on request: latency, 5xx, 429 with Retry-After, error codes.
 */

export interface FakeSlackCall {
  /** 1-based, in arrival order. */
  n: number;
  method: string;
  /** Form fields, with JSON-encoded ones (blocks, metadata) decoded. */
  args: Record<string, unknown>;
  /** Date.now() when the request arrived and when its answer was written. */
  receivedAt: number;
  answeredAt?: number;
  /** HTTP status sent (undefined while in flight or when the caller went away first). */
  status?: number;
  /** Slack's `error` code for an ok:false answer. */
  error?: string;
  retryAfterS?: number;
  /** The ts of the message this call stored (chat.postMessage). */
  ts?: string;
  /** A 429 from the per-channel posting limit (`postsPerChannelPerSecond`), not from an injected fault. */
  channelLimited?: boolean;
  /** A 429 from the method's workspace-wide rate (`methodLimits`), not from an injected fault. */
  tierLimited?: boolean;
}

/**
 * A Web API method's rate for one app in one workspace, as Slack states its tiers: a sustained
 * number of calls per minute, with a burst allowance on top (a token bucket of `burst` calls,
 * refilled at `perMinute`). A call refused is not counted against the rate.
 */
export interface MethodLimit {
  perMinute: number;
  burst: number;
}

/**
 * Slack's documented rates (https://docs.slack.dev/apis/web-api/rate-limits): Tier 3 is "50+ per
 * minute" with "sporadic bursts welcome"; conversations.open is a Tier 3 method. chat.postMessage
 * is "special": about one post per second per channel (`postsPerChannelPerSecond`) "while also
 * maintaining a workspace-wide limit", for which Slack publishes no figure: a bench chooses one.
 */
export const SLACK_TIER_3: MethodLimit = { perMinute: 50, burst: 50 };

export interface StoredMessage {
  ts: string;
  channel: string;
  text: string;
  blocks?: unknown;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  thread_ts?: string;
  /** Set from `metadata.event_payload.outbox_id`, for the tests' bookkeeping. */
  outboxId?: string;
}

/** What to do instead of (or before) the normal answer. */
export type Fault =
  | { kind: 'rate_limited'; retryAfterS: number }
  /** `stored`: Slack acted on the call (a post is kept) and then a proxy answered with this status. */
  | { kind: 'http'; status: number; stored?: boolean }
  | { kind: 'error'; error: string }
  /** Handle the call normally (a post is stored), then never answer: the caller times out or dies. */
  | { kind: 'hang' };

/** Picks a fault for a call (or none); `nth` counts calls of that method, from 1. */
export type FaultRule = (call: FakeSlackCall, nth: number) => Fault | undefined;

export interface FakeSlackOptions {
  teamId?: string;
  /** Delay before each answer, in ms (a number, or a function for a range). Stored effects happen on arrival. */
  latencyMs?: number | (() => number);
  /** Email → Slack user id, for users.lookupByEmail; others answer users_not_found. */
  directory?: Record<string, string>;
  /** Users whom users.info calls workspace admins (`is_admin`). */
  admins?: string[];
  /**
   * Slack's posting limit, about one message per second per channel: a chat.postMessage to a
   * channel that accepted a post less than a second before it arrived is answered 429 with
   * Retry-After: 1 and not stored. Off unless set (only 1 is supported: Slack's own figure).
   */
  postsPerChannelPerSecond?: 1;
  /**
   * Per-method rates for the whole workspace (e.g. `{ 'conversations.open': SLACK_TIER_3 }`): a
   * call beyond the rate is answered 429 with Retry-After (whole seconds until a call is allowed
   * again, at least 1) and has no effect. Methods not named are not limited.
   */
  methodLimits?: Record<string, MethodLimit>;
  /**
   * How long an idle keep-alive connection stays open (default 1 s). Node's fetch subtracts a
   * second from the server's hint, so at 1 s every call opens a new connection; a benchmark that
   * should reuse connections, as planbot does with Slack, sets more.
   */
  keepAliveTimeoutMs?: number;
}

export interface FakeSlack {
  /** Base URL for SLACK_API_URL, ending in /api/. */
  url: string;
  calls: FakeSlackCall[];
  /** Channel id → messages in posting order (threads included, with thread_ts). */
  channels: Map<string, StoredMessage[]>;
  /** Faults by method; the first rule that answers wins. */
  faults: Map<string, FaultRule>;
  /** Runs on every call after it is recorded and stored, before the (delayed) answer. */
  onCall?: (call: FakeSlackCall) => void;
  /** While set, answers wait for it: the test does something (stops a database) while calls are in flight. */
  holdAnswers?: Promise<unknown>;
  /** Every message posted, in order. */
  posted(): StoredMessage[];
  /** Calls of one method. */
  callsOf(method: string): FakeSlackCall[];
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0FAKE';
  const channels = new Map<string, StoredMessage[]>();
  const calls: FakeSlackCall[] = [];
  const perMethod = new Map<string, number>();
  const faults = new Map<string, FaultRule>();
  /** Method → its token bucket (`methodLimits`): calls allowed now, and when that was worked out. */
  const buckets = new Map<string, { tokens: number; at: number }>();
  /** Channel id → Date.now() when it last accepted a post (the per-channel limit's window). */
  const lastPostAt = new Map<string, number>();
  let lastTsMicros = 0;

  // Slack's ts is seconds.microseconds and unique per channel; ours is unique overall and
  // follows the real clock, so `oldest` filters work as they do against Slack.
  const nextTs = () => {
    lastTsMicros = Math.max(Date.now() * 1000, lastTsMicros + 1);
    return `${Math.floor(lastTsMicros / 1e6)}.${String(lastTsMicros % 1e6).padStart(6, '0')}`;
  };
  const channelOf = (name: string) => {
    // Names are accepted for posting (as Slack does) and answered with a stable id; a user id
    // (U…, W…) is the app's DM with that person, the same D… that conversations.open answers.
    const id = /^[CGD][A-Z0-9]{2,}$/.test(name)
      ? name
      : /^[UW][A-Z0-9]{2,}$/.test(name)
        ? `D${name}`
        : `C${name
            .replace(/^#/, '')
            .toUpperCase()
            .replace(/[^A-Z0-9]/g, '')}`;
    if (!channels.has(id)) channels.set(id, []);
    return id;
  };

  const methods: Record<string, (args: Record<string, unknown>, call: FakeSlackCall) => object> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://fake.slack.com/',
      team: 'Fake',
      user: 'planbot',
      team_id: teamId,
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
    }),
    'chat.postMessage': (args, call) => {
      const channel = channelOf(String(args.channel));
      const metadata = args.metadata as StoredMessage['metadata'];
      const outboxId = metadata?.event_payload?.outbox_id;
      const stored: StoredMessage = {
        ts: nextTs(),
        channel,
        text: String(args.text ?? ''),
        ...(args.blocks === undefined ? {} : { blocks: args.blocks }),
        ...(metadata ? { metadata } : {}),
        ...(args.thread_ts === undefined ? {} : { thread_ts: String(args.thread_ts) }),
        ...(typeof outboxId === 'string' ? { outboxId } : {}),
      };
      channels.get(channel)!.push(stored);
      lastPostAt.set(channel, call.receivedAt);
      call.ts = stored.ts;
      return { ok: true, channel, ts: stored.ts, message: { text: stored.text, ts: stored.ts } };
    },
    'chat.update': (args) => {
      const found = channels.get(String(args.channel))?.find((m) => m.ts === args.ts);
      if (!found) return { ok: false, error: 'message_not_found' };
      found.text = String(args.text ?? found.text);
      if (args.blocks !== undefined) found.blocks = args.blocks;
      return { ok: true, channel: found.channel, ts: found.ts };
    },
    'conversations.open': (args) => ({ ok: true, channel: { id: channelOf(String(args.users).split(',')[0]!) } }),
    'conversations.history': (args) => {
      const all = channels.get(String(args.channel));
      if (!all) return { ok: false, error: 'channel_not_found' };
      const oldest = Number(args.oldest ?? 0);
      const latest = args.latest === undefined ? Infinity : Number(args.latest);
      const inRange = all
        .filter((m) => m.thread_ts === undefined && Number(m.ts) >= oldest && Number(m.ts) <= latest)
        .reverse();
      return page(inRange, args);
    },
    'conversations.replies': (args) => {
      const all = channels.get(String(args.channel));
      if (!all) return { ok: false, error: 'channel_not_found' };
      const thread = all.filter((m) => m.ts === args.ts || m.thread_ts === args.ts);
      if (thread.length === 0) return { ok: false, error: 'thread_not_found' };
      return page(thread, args);
    },
    'users.lookupByEmail': (args) => {
      const id = options.directory?.[String(args.email)];
      return id
        ? { ok: true, user: { id, team_id: teamId, profile: { email: args.email } } }
        : { ok: false, error: 'users_not_found' };
    },
    'users.info': (args) => ({
      ok: true,
      user: {
        id: args.user,
        team_id: teamId,
        name: String(args.user).toLowerCase(),
        tz: 'UTC',
        is_admin: options.admins?.includes(String(args.user)) ?? false,
      },
    }),
    'views.open': () => ({ ok: true, view: { id: 'V0FAKE' } }),
    'reactions.add': () => ({ ok: true }),
  };

  const channelLimit = (method: string, args: Record<string, unknown>, call: FakeSlackCall): Fault | undefined => {
    if (!options.postsPerChannelPerSecond || method !== 'chat.postMessage') return undefined;
    const last = lastPostAt.get(channelOf(String(args.channel)));
    if (last === undefined || call.receivedAt - last >= 1000) return undefined;
    call.channelLimited = true;
    return { kind: 'rate_limited', retryAfterS: 1 };
  };

  const tierLimit = (method: string, call: FakeSlackCall): Fault | undefined => {
    const limit = options.methodLimits?.[method];
    if (!limit) return undefined;
    const perMs = limit.perMinute / 60_000;
    const last = buckets.get(method) ?? { tokens: limit.burst, at: call.receivedAt };
    const tokens = Math.min(limit.burst, last.tokens + (call.receivedAt - last.at) * perMs);
    if (tokens >= 1) {
      buckets.set(method, { tokens: tokens - 1, at: call.receivedAt });
      return undefined;
    }
    buckets.set(method, { tokens, at: call.receivedAt });
    call.tierLimited = true;
    return { kind: 'rate_limited', retryAfterS: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.url ?? '').split('?')[0]!.replace(/^\/api\//, '');
    const args = decodeArgs(await readBody(req), req.headers['content-type']);
    const nth = (perMethod.get(method) ?? 0) + 1;
    perMethod.set(method, nth);
    const call: FakeSlackCall = { n: calls.length + 1, method, args, receivedAt: Date.now() };
    calls.push(call);
    const fault = faults.get(method)?.(call, nth) ?? channelLimit(method, args, call) ?? tierLimit(method, call);

    // Slack acts on a request before answering: a post is stored even if the answer never arrives.
    let body: object | undefined;
    if (!fault || fault.kind === 'hang' || (fault.kind === 'http' && fault.stored)) {
      const run = methods[method];
      body = run ? run(args, call) : { ok: false, error: 'unknown_method' };
    }
    fakeSlack.onCall?.(call);
    const latency = typeof options.latencyMs === 'function' ? options.latencyMs() : (options.latencyMs ?? 0);
    if (latency > 0) await sleep(latency);
    if (fakeSlack.holdAnswers) await fakeSlack.holdAnswers;
    if (fault?.kind === 'hang' || res.destroyed) return;

    call.answeredAt = Date.now();
    if (fault?.kind === 'rate_limited') {
      call.status = 429;
      call.retryAfterS = fault.retryAfterS;
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfterS) })
        .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (fault?.kind === 'http') {
      call.status = fault.status;
      res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('upstream trouble');
      return;
    }
    if (fault?.kind === 'error') body = { ok: false, error: fault.error };
    call.status = 200;
    const error = (body as { error?: unknown }).error;
    if (typeof error === 'string') call.error = error;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  // planbot's HTTP agent keeps connections alive; a killed planbot leaves them half-open.
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const fakeSlack: FakeSlack = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    calls,
    channels,
    faults,
    posted: () => calls.filter((c) => c.method === 'chat.postMessage' && c.ts).map((c) => findByTs(channels, c.ts!)),
    callsOf: (method) => calls.filter((c) => c.method === method),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fakeSlack;
}

/** Cursor pagination as Slack does it: an opaque next_cursor while more remain. */
function page(messages: StoredMessage[], args: Record<string, unknown>): object {
  const start = Number(args.cursor ?? 0);
  const limit = Number(args.limit ?? 100);
  const slice = messages.slice(start, start + limit);
  const includeMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
  const more = start + limit < messages.length;
  return {
    ok: true,
    messages: slice.map(({ outboxId: _outboxId, metadata, channel: _channel, ...m }) => ({
      type: 'message',
      ...m,
      ...(includeMetadata && metadata ? { metadata } : {}),
    })),
    has_more: more,
    response_metadata: { next_cursor: more ? String(start + limit) : '' },
  };
}

function findByTs(channels: Map<string, StoredMessage[]>, ts: string): StoredMessage {
  for (const messages of channels.values()) {
    const found = messages.find((m) => m.ts === ts);
    if (found) return found;
  }
  throw new Error(`no stored message with ts ${ts}`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += (chunk as Buffer).toString();
  return body;
}

/**
 * The Web API client posts application/x-www-form-urlencoded, with nested values (blocks,
 * metadata) JSON-encoded in one field; JSON bodies are accepted too.
 */
function decodeArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
