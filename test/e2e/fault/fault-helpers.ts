import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { message } from '../../../src/service/message.js';
import type { PrismaClient } from '../../../src/store/database.js';
import { enqueueOutboxMany, type OutboxDraft } from '../../../src/store/outbox-repository.js';
import type { FakeSlack } from '../fakes/fake-slack.js';

export const workdir = () => mkdtempSync(join(tmpdir(), 'planbot-fault-'));

/** One Slack message to queue: `target` is a channel id or a user id (a DM). */
export interface QueuedMessage {
  key: string;
  target: string;
  text: string;
}

/**
 * Queues Slack messages through the store's own enqueue (the path the scheduler's fan-outs take),
 * so a fault test starts with a known backlog instead of waiting for a ritual or ladder tier.
 */
export async function queueSlackMessages(db: PrismaClient, messages: readonly QueuedMessage[], at: Date): Promise<number> {
  const drafts: OutboxDraft[] = messages.map((m) => ({
    idempotencyKey: m.key,
    platform: 'slack',
    target: m.target,
    // A neutral Message, as the service queues it; JSON to the store.
    payload: message('escalation', m.text) as unknown as OutboxDraft['payload'],
    notBefore: at,
  }));
  return enqueueOutboxMany(db, drafts);
}

/** Waits until no outbox row is pending or being sent; returns the rows by status. */
export async function waitForDrain(db: PrismaClient, timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const byStatus = await outboxByStatus(db);
    if (!byStatus.pending && !byStatus.sending) return byStatus;
    if (Date.now() > deadline) throw new Error(`outbox did not drain within ${timeoutMs} ms: ${JSON.stringify(byStatus)}`);
    await sleep(200);
  }
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
export async function deliveryCounts(db: PrismaClient, slack: FakeSlack): Promise<DeliveryCounts & { copies: Map<string, number> }> {
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
  const more = Object.entries(extra).map(([k, v]) => ` ${k}=${v}`).join('');
  return `[fault] ${scenario}: queued=${counts.queued} sent=${counts.sent} parked=${counts.parked} lost=${counts.lost} duplicated=${counts.duplicated}${more}`;
}
