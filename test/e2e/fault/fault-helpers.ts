import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { message } from '../../../src/service/messages/message.js';
import type { PrismaClient } from '../../../src/store/database.js';
import { PrismaConversationReferences } from '../../../src/store/prisma-conversation-references.js';
import { enqueueOutboxMany, type OutboxRow } from '../../../src/store/outbox-repository.js';
import type { FakeConnector, FakeConnectorCall } from '../fakes/fake-connector.js';
import type { FakeSlack } from '../fakes/fake-slack.js';
import { signSlack } from '../../support/slack-requests.js';
import { waitFor } from '../../support/wait-for.js';

export const workdir = () => mkdtempSync(join(tmpdir(), 'planbot-fault-'));

/** One Slack message to queue: `target` is a channel id or a user id (a DM). */
export interface QueuedMessage {
  key: string;
  target: string;
  text: string;
}

/**
 * Queues messages through the store's own enqueue (the path the scheduler's fan-outs take), so a
 * fault test starts with a known backlog instead of waiting for a ritual or ladder tier.
 */
async function queueMessages(
  db: PrismaClient,
  platform: OutboxRow['platform'],
  messages: readonly QueuedMessage[],
  at: Date,
): Promise<number> {
  const drafts: OutboxRow[] = messages.map((m) => ({
    idempotencyKey: m.key,
    platform,
    target: m.target,
    // A neutral Message, as the service queues it; JSON to the store.
    payload: message('escalation', m.text) as unknown as OutboxRow['payload'],
    notBefore: at,
  }));
  return enqueueOutboxMany(db, drafts);
}

/** Slack messages for the fake Slack: `target` is a channel id or a user id (a DM). */
export function queueSlackMessages(db: PrismaClient, messages: readonly QueuedMessage[], at: Date): Promise<number> {
  return queueMessages(db, 'slack', messages, at);
}

/** Waits until no outbox row is pending or being sent; returns the rows by status. */
export async function waitForDrain(db: PrismaClient, timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const byStatus = await outboxByStatus(db);
    if (!byStatus.pending && !byStatus.sending) return byStatus;
    if (Date.now() > deadline)
      throw new Error(`outbox did not drain within ${timeoutMs} ms: ${JSON.stringify(byStatus)}`);
    await sleep(200);
  }
}

/**
 * Scheduler ticks a planbot process has finished, failed ones included: the count of its
 * `planbot_tick_duration_seconds` histogram on /metrics (observed when a tick ends, however it ends).
 */
export async function ticksCompleted(server: { port: number }): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
  const body = await response.text();
  const count = /^planbot_tick_duration_seconds_count (\d+)$/m.exec(body)?.[1];
  if (!response.ok || count === undefined)
    throw new Error(`no tick count on /metrics of port ${server.port} (HTTP ${response.status})`);
  return Number(count);
}

/**
 * Waits until each process has finished `ticks` whole scheduler ticks that began after this call:
 * the positive sign that it has had its chance to act on everything committed before the call
 * (a second post, a second claim), rather than a sleep that hopes it did. Ticks never overlap, so
 * of the ticks counted after a reading only the first can have begun before it.
 */
export async function waitForTicksFromNow(
  servers: readonly { port: number }[],
  options: { ticks: number; timeoutMs: number; what: string },
): Promise<void> {
  const from = await Promise.all(servers.map(ticksCompleted));
  const wanted = from.map((n) => n + 1 + options.ticks);
  let seen = from;
  await waitFor(
    async () => {
      seen = await Promise.all(servers.map(ticksCompleted));
      return seen.every((n, i) => n >= wanted[i]!);
    },
    {
      timeoutMs: options.timeoutMs,
      intervalMs: 200,
      what: () =>
        `${options.what} (${options.ticks} whole tick(s) each; tick counts ${JSON.stringify(from)} → ${JSON.stringify(seen)}, want ${JSON.stringify(wanted)})`,
    },
  );
}

export async function outboxByStatus(db: PrismaClient): Promise<Record<string, number>> {
  const groups = await db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}

export interface DeliveryCounts {
  queued: number;
  /** Distinct outbox rows that reached the fake Slack. */
  sent: number;
  /** Queued rows Slack refused for good, parked with a reason a lead can read. */
  parked: number;
  /** Queued rows Slack never got and nobody was told about. */
  lost: number;
  /** Extra copies of rows Slack got more than once. */
  duplicated: number;
}

/** Compares what was queued with what the fake Slack stored, by the outbox id every post carries. */
export async function deliveryCounts(
  db: PrismaClient,
  slack: FakeSlack,
): Promise<DeliveryCounts & { copies: Map<string, number> }> {
  const rows = await db.outboxMessage.findMany({ select: { id: true, status: true } });
  const ids = rows.map((r) => r.id);
  const copies = new Map<string, number>();
  for (const posted of slack.posted()) {
    if (posted.outboxId) copies.set(posted.outboxId, (copies.get(posted.outboxId) ?? 0) + 1);
  }
  const sent = ids.filter((id) => copies.has(id)).length;
  const parked = rows.filter((r) => r.status === 'parked' && !copies.has(r.id)).length;
  const duplicated = [...copies.values()].reduce((sum, n) => sum + n - 1, 0);
  return { queued: ids.length, sent, parked, lost: ids.length - sent - parked, duplicated, copies };
}

/** The one-line summary the lead quotes in the README's reliability table. */
export function summary(scenario: string, counts: DeliveryCounts, extra: Record<string, number | string> = {}): string {
  const more = Object.entries(extra)
    .map(([k, v]) => ` ${k}=${v}`)
    .join('');
  return `[fault] ${scenario}: queued=${counts.queued} sent=${counts.sent} parked=${counts.parked} lost=${counts.lost} duplicated=${counts.duplicated}${more}`;
}

// ---- Teams (the fake Bot Connector) ----

/** The tenant the Teams fault tests install planbot in. */
export const FAULT_TENANT = '9d2f7c1e-0000-4fa5-8b7e-00000000fa17';

/**
 * Teams credentials a fault test runs planbot with: its Bot Framework token comes from the fake's
 * login (MICROSOFT_LOGIN_URL), whose self-signed certificate the child process trusts through
 * NODE_EXTRA_CA_CERTS. The connector is reached through the service URL of stored references.
 */
export function teamsEnv(connector: FakeConnector, databaseUrl: string): Record<string, string> {
  return {
    MICROSOFT_APP_ID: '6f1c2a7e-4444-4c3b-9f00-00000000fa17',
    MICROSOFT_APP_PASSWORD: 'fault-suite-secret',
    MICROSOFT_LOGIN_URL: connector.loginUrl,
    NODE_EXTRA_CA_CERTS: connector.caFile,
    DATABASE_URL: databaseUrl,
    PORT: '0',
  };
}

/**
 * Stores the conversation references planbot learns when it is installed (what the Teams route
 * saves on install and on each 1:1 message), with the fake as their service URL: `channels` are
 * channel ids, `chats` are users whose 1:1 chat with planbot is already known.
 */
export async function storeTeamsConversations(
  db: PrismaClient,
  connector: FakeConnector,
  conversations: { channels?: readonly string[]; chats?: readonly string[] },
): Promise<void> {
  const bot = { id: '28:6f1c2a7e-4444-4c3b-9f00-00000000fa17', name: 'planbot' };
  const references = new PrismaConversationReferences(db);
  for (const channel of conversations.channels ?? []) {
    await references.save({
      tenantId: FAULT_TENANT,
      tenantName: 'Fault suite',
      conversationId: channel,
      kind: 'channel',
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        bot,
        conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: FAULT_TENANT },
      },
    });
  }
  for (const user of conversations.chats ?? []) {
    const chat = teamsChatOf(user);
    await references.save({
      tenantId: FAULT_TENANT,
      conversationId: chat,
      kind: 'personal',
      userId: user,
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        bot,
        user: { id: `29:${user}`, aadObjectId: user },
        conversation: { id: chat, conversationType: 'personal', isGroup: false, tenantId: FAULT_TENANT },
      },
    });
  }
}

/** The 1:1 chat id the fake Bot Connector gives a user (it opens the same one every time, as Teams does). */
export function teamsChatOf(user: string): string {
  return `a:dm-${user}`;
}

/**
 * Queues Teams messages through the store's enqueue, like queueSlackMessages. `target` is a
 * channel id or a user's AAD object id (a DM). Each text must be unique: planbot's Teams
 * activities carry no outbox id, so the fake's records are matched to rows by text.
 */
export async function queueTeamsMessages(
  db: PrismaClient,
  messages: readonly QueuedMessage[],
  at: Date,
): Promise<number> {
  if (new Set(messages.map((m) => m.text)).size !== messages.length)
    throw new Error(
      'queueTeamsMessages: give every message its own text (the fake Bot Connector tells them apart by it)',
    );
  return queueMessages(db, 'teams', messages, at);
}

/**
 * deliveryCounts for Teams: what was queued against what the fake Bot Connector stored, matched
 * by the message text (shown as the activity's summary). `copies` is by outbox row id.
 */
export async function teamsDeliveryCounts(
  db: PrismaClient,
  connector: FakeConnector,
): Promise<DeliveryCounts & { copies: Map<string, number> }> {
  const rows = await db.outboxMessage.findMany({ select: { id: true, status: true, payload: true } });
  const idByText = new Map(rows.map((r) => [(r.payload as { text?: string }).text ?? '', r.id]));
  const copies = new Map<string, number>();
  for (const posted of connector.posted()) {
    const id = idByText.get(posted.text);
    if (id) copies.set(id, (copies.get(id) ?? 0) + 1);
  }
  const sent = rows.filter((r) => copies.has(r.id)).length;
  const parked = rows.filter((r) => r.status === 'parked' && !copies.has(r.id)).length;
  const duplicated = [...copies.values()].reduce((sum, n) => sum + n - 1, 0);
  return { queued: rows.length, sent, parked, lost: rows.length - sent - parked, duplicated, copies };
}

/**
 * Connector calls that reached a conversation before the Retry-After of an earlier 429 on it had
 * passed, measured from when the 429 was answered (planbot cannot know of it sooner).
 */
export function connectorCallsBeforeRetryAfter(
  calls: readonly FakeConnectorCall[],
): { call: number; conversation: string; earlyByMs: number }[] {
  const conversationOf = (call: FakeConnectorCall) => call.conversationId?.split(';messageid=')[0];
  const early: { call: number; conversation: string; earlyByMs: number }[] = [];
  for (const limit of calls.filter((c) => c.status === 429)) {
    const until = limit.answeredAt! + (limit.retryAfterS ?? 0) * 1000;
    for (const call of calls) {
      if (call.n <= limit.n || conversationOf(call) === undefined || conversationOf(call) !== conversationOf(limit))
        continue;
      if (call.receivedAt < until)
        early.push({ call: call.n, conversation: conversationOf(call)!, earlyByMs: until - call.receivedAt });
    }
  }
  return early;
}

/** `/plan <text>` typed by `user` in `channel`, signed as Slack signs it (with the real time); its late reply (response_url) goes to the fake. */
export async function slashCommand(
  port: number,
  slack: { url: string; secret: string },
  from: { team: string; channel: string; user: string },
  text: string,
): Promise<Response> {
  const body = new URLSearchParams({
    team_id: from.team,
    team_domain: from.team.toLowerCase(),
    channel_id: from.channel,
    channel_name: 'launch',
    user_id: from.user,
    user_name: from.user.toLowerCase(),
    command: '/plan',
    text,
    api_app_id: 'A0PLANBOT',
    response_url: `${slack.url}response_url`,
    trigger_id: '1337.42.abcd',
  }).toString();
  const signed = signSlack(body, 'form', { secret: slack.secret });
  return fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: signed.body, headers: signed.headers });
}
