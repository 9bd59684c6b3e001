import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { DeliveryPlatform } from '../generated/prisma/enums.js';
import type { OutboxDelivery, OutboxLease } from '../service/ports/outbox.js';
import type { ClaimedMessage } from '../service/ports/outbox.js';

type Db = Pick<PrismaClient, 'outboxMessage'>;

/** An outbox row to insert: a draft (service/effects.ts) with its message serialised. */
export interface OutboxRow {
  idempotencyKey: string;
  platform: DeliveryPlatform;
  target: string;
  payload: Prisma.InputJsonValue;
  workspaceId?: string;
  parentKey?: string;
  notBefore: Date;
}

/** Queues a message once: enqueueing the same idempotency key again is a no-op. Returns whether it was new. */
export async function enqueueOutbox(db: Db, draft: OutboxRow): Promise<boolean> {
  const { notBefore, ...rest } = draft;
  const { count } = await db.outboxMessage.createMany({
    data: [{ ...rest, nextAttemptAt: notBefore }],
    skipDuplicates: true,
  });
  return count === 1;
}

/**
 * Queues many messages; keys already queued are skipped. Returns how many were new. A fan-out
 * (one escalation to 10,000 people) repeats one payload: each distinct payload is sent to the
 * database once and the rows are expanded there, instead of serialising it 10,000 times.
 * Rows get their `seq` in the order of `drafts`.
 */
export async function enqueueOutboxMany(
  db: Pick<PrismaClient, '$executeRaw'>,
  drafts: readonly OutboxRow[],
): Promise<number> {
  // Runs of consecutive drafts sharing a payload: grouping non-adjacent ones would reorder a conversation.
  const groups: OutboxRow[][] = [];
  let previous: string | undefined;
  for (const draft of drafts) {
    const key = JSON.stringify([draft.payload, draft.platform, draft.notBefore.getTime(), draft.workspaceId ?? null]);
    if (key === previous) groups.at(-1)!.push(draft);
    else groups.push([draft]);
    previous = key;
  }
  let inserted = 0;
  for (const group of groups) {
    const [first] = group as [OutboxRow];
    inserted += await db.$executeRaw`
      INSERT INTO outbox_message (id, idempotency_key, platform, target, parent_key, payload, next_attempt_at, workspace_id)
      SELECT gen_random_uuid(), x.k, ${first.platform}::"DeliveryPlatform", x.t, x.p, ${JSON.stringify(first.payload)}::jsonb, ${first.notBefore}, ${first.workspaceId ?? null}::uuid
        FROM unnest(${group.map((d) => d.idempotencyKey)}::text[], ${group.map((d) => d.target)}::text[], ${group.map((d) => d.parentKey ?? null)}::text[]) WITH ORDINALITY AS x(k, t, p, n)
       ORDER BY x.n
      ON CONFLICT (idempotency_key) DO NOTHING`;
  }
  // A burst this size leaves the planner's row estimates far behind until autovacuum catches up,
  // and the claim query then picked a plan that took 25 s per batch of 100 instead of 50 ms.
  if (inserted >= BURST_ROWS) await db.$executeRaw`ANALYZE outbox_message`;
  return inserted;
}

const BURST_ROWS = 1000;

/** A claimed row as the database returns it: the port's ClaimedMessage with the payload still raw JSON. */
export type DeliverableOutboxMessage = Omit<ClaimedMessage, 'payload'> & { payload: Prisma.JsonValue };

/**
 * Takes up to `limit` due messages for delivery and leases them until `now + leaseMs`
 * (FOR UPDATE SKIP LOCKED: dispatchers take disjoint batches; a lapsed lease makes a message
 * due again, so nothing queued is lost). It hands out only what may be delivered now without
 * breaking order:
 * - per target, only the oldest undelivered message (by enqueue order, `seq`): Slack and Teams show
 *   messages in arrival order, so N+1 must wait while N is pending, backing off or in flight;
 * - a thread reply only once its parent has a platform reference (or can never get one, so the
 *   dispatcher parks it instead of letting it block its conversation forever);
 * - only platforms this dispatcher has a sender for.
 * At most one message per target comes back per call, so a batch can be sent concurrently.
 * Cost per call grows with the undelivered backlog (every head is found, then the due ones sorted).
 */
export async function claimDeliverableOutbox(
  db: PrismaClient,
  options: { now: Date; limit: number; leaseMs: number; platforms: readonly DeliveryPlatform[] },
): Promise<DeliverableOutboxMessage[]> {
  const { now, limit, leaseMs } = options;
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const platforms = [...options.platforms];
  if (platforms.length === 0 || limit <= 0) return [];
  const rows = await db.$queryRaw<
    (Omit<DeliverableOutboxMessage, 'parentProblem'> & { parentStatus: string | null })[]
  >`
    UPDATE outbox_message AS o
       SET status = 'sending', locked_until = ${leaseUntil}, attempts = o.attempts + 1
      FROM (
        SELECT m.id
          FROM (
                -- The oldest undelivered message of each target. Read through the status index, so
                -- the cost follows the backlog, not the years of sent history behind it.
                SELECT DISTINCT ON (u.target) u.id
                  FROM outbox_message AS u
                 WHERE u.status IN ('pending', 'sending')
                 ORDER BY u.target, u.seq
               ) AS head
          JOIN outbox_message AS m ON m.id = head.id
         WHERE ((m.status = 'pending' AND m.next_attempt_at <= ${now})
             OR (m.status = 'sending' AND m.locked_until <= ${now}))
           AND m.platform::text = ANY(${platforms}::text[])
           -- Not "parent_key IS NULL OR NOT EXISTS": inside an OR the planner may hash the whole table.
           AND NOT EXISTS (
                 SELECT 1 FROM outbox_message AS p
                  WHERE p.idempotency_key = m.parent_key AND p.platform_ref IS NULL AND p.status <> 'parked')
         ORDER BY m.next_attempt_at, m.seq
         LIMIT ${limit}
         FOR UPDATE OF m SKIP LOCKED
      ) AS due
     WHERE o.id = due.id
 RETURNING o.id, o.idempotency_key AS "idempotencyKey", o.platform::text AS platform, o.target, o.payload,
           o.attempts, o.parent_key AS "parentKey",
           (SELECT p.platform_ref FROM outbox_message AS p WHERE p.idempotency_key = o.parent_key) AS "parentRef",
           (SELECT p.status::text FROM outbox_message AS p WHERE p.idempotency_key = o.parent_key) AS "parentStatus",
           (SELECT w.external_id FROM workspace AS w WHERE w.id = o.workspace_id) AS workspace,
           COALESCE((SELECT w.uninstalled_at IS NOT NULL FROM workspace AS w WHERE w.id = o.workspace_id), false)
             AS "workspaceUninstalled",
           o.created_at AS "createdAt"`;
  return rows.map(({ parentStatus, ...row }) => ({
    ...row,
    parentProblem:
      row.parentKey === null || row.parentRef !== null ? null : parentStatus === null ? 'missing' : 'parked',
  }));
}

// Every write below is fenced on the lease (see OutboxLease): a late result from a dispatcher whose
// lease ran out changes nothing.
function leased(lease: OutboxLease) {
  return { id: lease.id, attempts: lease.attempts, status: 'sending' as const };
}

export async function markOutboxSent(db: Db, delivery: OutboxDelivery, sentAt: Date): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: leased(delivery),
    data: {
      status: 'sent',
      platformRef: delivery.ref,
      platformChannel: delivery.channel ?? null,
      sentAt,
      lockedUntil: null,
      lastError: null,
    },
  });
  return count === 1;
}

/**
 * markOutboxSent for many messages in one statement: a round trip per message, not the database,
 * is what limits throughput to a fast platform. Returns the ids that were recorded; the others
 * had lost their lease.
 */
export async function markOutboxSentMany(
  db: PrismaClient,
  deliveries: readonly OutboxDelivery[],
  sentAt: Date,
): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE outbox_message AS o
       SET status = 'sent', platform_ref = d.ref, platform_channel = d.channel, sent_at = ${sentAt},
           locked_until = NULL, last_error = NULL
      FROM unnest(${deliveries.map((d) => d.id)}::uuid[], ${deliveries.map((d) => d.attempts)}::int[],
                  ${deliveries.map((d) => d.ref)}::text[], ${deliveries.map((d) => d.channel ?? null)}::text[])
           AS d(id, attempts, ref, channel)
     WHERE o.id = d.id AND o.attempts = d.attempts AND o.status = 'sending'
 RETURNING o.id`;
  return new Set(rows.map((r) => r.id));
}

/** Back to pending for another try at `nextAttemptAt`. `refundAttempt` when the try was not the message's fault (429). */
export async function rescheduleOutbox(
  db: Db,
  lease: OutboxLease,
  retry: { nextAttemptAt: Date; lastError: string; refundAttempt?: boolean },
): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: leased(lease),
    data: {
      status: 'pending',
      nextAttemptAt: retry.nextAttemptAt,
      lastError: retry.lastError,
      lockedUntil: null,
      ...(retry.refundAttempt ? { attempts: { decrement: 1 } } : {}),
    },
  });
  return count === 1;
}

export async function parkOutbox(db: Db, lease: OutboxLease, reason: string): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: leased(lease),
    data: { status: 'parked', lastError: reason, lockedUntil: null },
  });
  return count === 1;
}

/** Pushes every pending message to `target` to at least `until`: a 429 on a channel applies to all of it. Returns how many moved. */
export async function holdTargetUntil(db: Db, target: string, until: Date): Promise<number> {
  const { count } = await db.outboxMessage.updateMany({
    where: { target, status: 'pending', nextAttemptAt: { lt: until } },
    data: { nextAttemptAt: until },
  });
  return count;
}
