// The fake Slack (test/e2e/fakes/fake-slack.ts) in a process of its own, for benchmarks: run in
// the bench's process it would take event-loop time and memory from the planbot under test, and
// the bench's RSS would count its 10,000 stored messages. The bench asks it for statistics over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFakeSlack, type FakeSlack, type FakeSlackCall, type MethodLimit } from '../test/e2e/fakes/fake-slack.js';

export interface FakeSlackProcessOptions {
  latencyMs: number;
  postsPerChannelPerSecond?: 1;
  /** Per-method workspace-wide rates (the fake's `methodLimits`). */
  methodLimits?: Record<string, MethodLimit>;
  keepAliveTimeoutMs?: number;
}

/** What the fake saw, summed up (all times are the fake's Date.now()). */
export interface FakeSlackStats {
  postCalls: number;
  /** Posts stored (answered ok, or stored before a fault). */
  accepted: number;
  /** Of `accepted`: into DM channels (D…) and into other channels. */
  acceptedDm: number;
  acceptedChannel: number;
  /** When the last accepted post of each kind was answered; undefined if none. */
  lastDmAnsweredAt?: number;
  lastChannelAnsweredAt?: number;
  /** Answers with HTTP 429, of which from the per-channel posting limit, and from a method's workspace-wide rate. */
  rateLimited: number;
  channelLimited: number;
  tierLimited: number;
  /** When the first call arrived (the fan-out's first post). */
  firstCallAt?: number;
  conversationsOpen: number;
  historyLookups: number;
  /** Extra copies of an outbox message (by the outbox id in the post's metadata). */
  duplicated: number;
  /** Channels with more than one accepted post, and the smallest gap between two accepted posts in any of them. */
  busyChannels: number;
  minGapMs?: number;
  /** Calls to a channel before the Retry-After of an earlier 429 on it had passed (from when the 429 was answered). */
  callsBeforeRetryAfter: number;
  /** The most any of those was early by. */
  maxEarlyMs: number;
  /** Calls of a method made while a workspace-wide 429 on that method (`tierLimited`) still had Retry-After to run. */
  callsBeforeWorkspaceRetryAfter: number;
  /** Texts accepted per channel, in order, for the channels given to `stats`. */
  texts: Record<string, string[]>;
}

export interface FakeSlackProcess {
  url: string;
  stats(channels?: readonly string[]): Promise<FakeSlackStats>;
  close(): Promise<void>;
}

type Request = { id: number; type: 'stats'; channels: string[] } | { id: number; type: 'close' };
type Reply =
  | { type: 'ready'; url: string }
  | { id: number; type: 'stats'; stats: FakeSlackStats }
  | { id: number; type: 'closed' };

export async function startFakeSlackProcess(options: FakeSlackProcessOptions): Promise<FakeSlackProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (reply: Reply) => void>();
  let nextId = 1;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake Slack process exited (code ${code}) before it was ready`)));
    child.on('message', (reply: Reply) => {
      if (reply.type === 'ready') resolve(reply.url);
      else waiting.get(reply.id)?.(reply);
    });
  });
  const ask = (request: { type: 'stats'; channels: string[] } | { type: 'close' }) =>
    new Promise<Reply>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ ...request, id });
    });
  return {
    url,
    stats: async (channels = []) =>
      ((await ask({ type: 'stats', channels: [...channels] })) as Extract<Reply, { type: 'stats' }>).stats,
    close: async () => {
      await ask({ type: 'close' });
      child.disconnect();
    },
  };
}

export function summarise(slack: FakeSlack, channels: readonly string[]): FakeSlackStats {
  const posts = slack.callsOf('chat.postMessage');
  const accepted = posts.filter((c) => c.ts !== undefined);
  // A DM is posted to its D… conversation, or straight to the user id.
  const isDm = (c: FakeSlackCall) => /^[DUW]/.test(String(c.args.channel));
  const lastAnswered = (calls: FakeSlackCall[]) =>
    calls.length === 0 ? undefined : Math.max(...calls.map((c) => c.answeredAt ?? c.receivedAt));
  const copies = new Map<string, number>();
  for (const messages of slack.channels.values())
    for (const m of messages) if (m.outboxId) copies.set(m.outboxId, (copies.get(m.outboxId) ?? 0) + 1);

  let busyChannels = 0;
  let minGapMs: number | undefined;
  const byChannel = new Map<string, FakeSlackCall[]>();
  for (const call of slack.calls) {
    const channel = call.args.channel === undefined ? undefined : String(call.args.channel);
    if (channel === undefined) continue;
    if (!byChannel.has(channel)) byChannel.set(channel, []);
    byChannel.get(channel)!.push(call);
  }
  let early = 0;
  let maxEarlyMs = 0;
  for (const calls of byChannel.values()) {
    const stored = calls.filter((c) => c.ts !== undefined);
    if (stored.length > 1) busyChannels += 1;
    for (let i = 1; i < stored.length; i += 1) {
      const gap = stored[i]!.receivedAt - stored[i - 1]!.receivedAt;
      minGapMs = minGapMs === undefined ? gap : Math.min(minGapMs, gap);
    }
    for (const limit of calls.filter((c) => c.status === 429 && c.answeredAt !== undefined)) {
      const until = limit.answeredAt! + (limit.retryAfterS ?? 0) * 1000;
      for (const call of calls.filter((c) => c.n > limit.n && c.receivedAt < until)) {
        early += 1;
        maxEarlyMs = Math.max(maxEarlyMs, until - call.receivedAt);
      }
    }
  }
  // Slack's workspace-wide rates hold for every channel: a 429 from one asks the app to wait with all of them.
  const blockedUntil = new Map<string, number>();
  let workspaceEarly = 0;
  for (const call of slack.calls) {
    if (call.receivedAt < (blockedUntil.get(call.method) ?? 0)) workspaceEarly += 1;
    if (call.tierLimited && call.answeredAt !== undefined)
      blockedUntil.set(
        call.method,
        Math.max(blockedUntil.get(call.method) ?? 0, call.answeredAt + (call.retryAfterS ?? 0) * 1000),
      );
  }
  return {
    postCalls: posts.length,
    callsBeforeWorkspaceRetryAfter: workspaceEarly,
    accepted: accepted.length,
    acceptedDm: accepted.filter(isDm).length,
    acceptedChannel: accepted.filter((c) => !isDm(c)).length,
    ...optional('lastDmAnsweredAt', lastAnswered(accepted.filter(isDm))),
    ...optional('lastChannelAnsweredAt', lastAnswered(accepted.filter((c) => !isDm(c)))),
    rateLimited: slack.calls.filter((c) => c.status === 429).length,
    channelLimited: slack.calls.filter((c) => c.channelLimited).length,
    tierLimited: slack.calls.filter((c) => c.tierLimited).length,
    ...optional('firstCallAt', slack.calls[0]?.receivedAt),
    conversationsOpen: slack.callsOf('conversations.open').length,
    historyLookups: slack.callsOf('conversations.history').length + slack.callsOf('conversations.replies').length,
    duplicated: [...copies.values()].reduce((sum, n) => sum + n - 1, 0),
    busyChannels,
    ...optional('minGapMs', minGapMs),
    callsBeforeRetryAfter: early,
    maxEarlyMs,
    texts: Object.fromEntries(
      channels.map((channel) => [channel, (slack.channels.get(channel) ?? []).map((m) => m.text)]),
    ),
  };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

// Run as the child: serve the fake until told to close.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const options = JSON.parse(process.argv[2] ?? '{}') as FakeSlackProcessOptions;
  const slack = await startFakeSlack({
    latencyMs: options.latencyMs,
    ...(options.postsPerChannelPerSecond ? { postsPerChannelPerSecond: options.postsPerChannelPerSecond } : {}),
    ...(options.keepAliveTimeoutMs ? { keepAliveTimeoutMs: options.keepAliveTimeoutMs } : {}),
    ...(options.methodLimits ? { methodLimits: options.methodLimits } : {}),
  });
  process.on('message', (request: Request) => {
    if (request.type === 'stats')
      process.send!({ id: request.id, type: 'stats', stats: summarise(slack, request.channels) } satisfies Reply);
    else
      void slack.close().then(() => {
        process.send!({ id: request.id, type: 'closed' } satisfies Reply);
        process.disconnect();
      });
  });
  process.send({ type: 'ready', url: slack.url } satisfies Reply);
}
