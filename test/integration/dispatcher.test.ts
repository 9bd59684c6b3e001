import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher, type DispatcherOptions } from '../../src/scheduler/dispatcher.js';
import { ManualClock } from '../../src/service/clocks/manual-clock.js';
import { LookupFailedError } from '../../src/service/ports/sender.js';
import { enqueueOutbox } from '../../src/store/outbox-repository.js';
import { PrismaOutbox } from '../../src/store/prisma-outbox.js';
import { FakeSender } from '../fakes/fake-sender.js';
import { openTestDatabase, storeKinds, type TestDatabase } from '../support/test-databases.js';

const T0 = '2026-12-07T17:00:00.000Z';
const ms = (iso: string, plus: number) => new Date(Date.parse(iso) + plus);
const options: Partial<DispatcherOptions> = {
  baseBackoffMs: 1_000,
  maxBackoffMs: 60_000,
  maxAttempts: 5,
  leaseMs: 60_000,
};

describe.each(storeKinds())('dispatcher on %s', (kind) => {
  let db: TestDatabase;
  let clock: ManualClock;
  let sender: FakeSender;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.destroy();
  });
  beforeEach(async () => {
    await db.prisma.outboxMessage.deleteMany();
    clock = new ManualClock(T0);
    sender = new FakeSender();
  });

  const dispatcher = (extra: Partial<DispatcherOptions> = {}, random = () => 0.5) =>
    new Dispatcher({
      outbox: new PrismaOutbox(db.prisma),
      senders: { slack: sender },
      clock,
      random,
      options: { ...options, ...extra },
    });

  /** Enqueued one by one, so created_at (then the time-ordered id) gives the order. */
  async function enqueue(
    ...messages: { key: string; target?: string; parentKey?: string; platform?: 'slack' | 'teams' }[]
  ) {
    for (const m of messages) {
      await enqueueOutbox(db.prisma, {
        idempotencyKey: m.key,
        platform: m.platform ?? 'slack',
        target: m.target ?? 'C1',
        payload: { text: `hello from ${m.key}` },
        notBefore: clock.now(),
        ...(m.parentKey ? { parentKey: m.parentKey } : {}),
      });
    }
  }
  const row = (key: string) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } });

  it('delivers a due message and records the platform reference', async () => {
    await enqueue({ key: 'standup:1' });
    const report = await dispatcher().dispatchOnce();

    expect(report).toEqual({ claimed: 1, sent: 1, retried: 0, rateLimited: 0, parked: 0, leaseLost: 0, reconciled: 0 });
    expect(sender.sent.map((s) => [s.message.target, s.message.payload, s.message.attempt])).toEqual([
      ['C1', { text: 'hello from standup:1' }, 1],
    ]);
    expect(await row('standup:1')).toMatchObject({
      status: 'sent',
      platformRef: 'ref-1',
      sentAt: clock.now(),
      attempts: 1,
      lockedUntil: null,
      lastError: null,
    });
  });

  it('retries a transient failure with capped exponential backoff and full jitter', async () => {
    sender.script('m', { fail: 'transient', reason: 'HTTP 503' }, { fail: 'throw', error: new Error('ECONNRESET') });
    await enqueue({ key: 'm' });
    let jitter = 0.5;
    const d = dispatcher({}, () => jitter);

    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, retried: 1 });
    // Attempt 1: ceiling 1 s, jitter 0.5 → 500 ms.
    let m = await row('m');
    expect(m).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: ms(T0, 500), lockedUntil: null });
    expect(m.lastError).toBe(`attempt 1 of 5 failed: HTTP 503; retrying at ${ms(T0, 500).toISOString()}`);

    clock.advance(499);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    jitter = 0.9999;
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, retried: 1 });
    // Attempt 2: ceiling 2 s; a jitter just under 1 stays inside [now, now + 2 s).
    m = await row('m');
    const wait = m.nextAttemptAt.getTime() - clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(1_990);
    expect(wait).toBeLessThan(2_000);
    expect(m.lastError).toMatch(/^attempt 2 of 5 failed: sender threw Error: ECONNRESET; retrying at /);

    clock.set(m.nextAttemptAt);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row('m')).toMatchObject({ status: 'sent', attempts: 3, platformRef: 'ref-1', lastError: null });
  });

  it('honours Retry-After exactly on a 429 and holds back the rest of that target, not others', async () => {
    sender.script('c1:a', { fail: 'rate_limited', retryAfterMs: 30_000 });
    await enqueue({ key: 'c1:a' }, { key: 'c1:b' }, { key: 'c2:a', target: 'C2' });
    const d = dispatcher({}, () => 0);

    expect(await d.dispatchOnce()).toMatchObject({ claimed: 2, sent: 1, rateLimited: 1 });
    expect(sender.sentKeys()).toEqual(['c2:a']);
    // A 429 is the platform pacing us, not a failed try: the attempt is given back.
    expect(await row('c1:a')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: ms(T0, 30_000) });
    expect((await row('c1:a')).lastError).toContain('rate limited');
    expect(await row('c1:b')).toMatchObject({ status: 'pending', nextAttemptAt: ms(T0, 30_000) });

    clock.advance(29_999);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    await d.dispatchOnce();
    await d.dispatchOnce();
    expect(sender.sentKeys('C1')).toEqual(['c1:a', 'c1:b']);
  });

  it('parks a permanent failure with a readable reason and lets the conversation move on', async () => {
    sender.script('gone', { fail: 'permanent' });
    await enqueue({ key: 'gone' }, { key: 'next' });
    const d = dispatcher();

    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, parked: 1 });
    expect(await row('gone')).toMatchObject({
      status: 'parked',
      lockedUntil: null,
      lastError: "channel_not_found: the bot is not in this channel — invite it or change the plan's channel",
    });
    expect(await d.dispatchOnce()).toMatchObject({ sent: 1 });
    expect(sender.sentKeys()).toEqual(['next']);
  });

  it('parks a message that keeps failing once it reaches max attempts', async () => {
    sender.script('flaky', ...Array.from({ length: 5 }, () => ({ fail: 'transient' as const, reason: 'HTTP 502' })));
    await enqueue({ key: 'flaky' });
    const d = dispatcher();

    for (let attempt = 1; attempt < 5; attempt++) {
      expect(await d.dispatchOnce()).toMatchObject({ retried: 1 });
      clock.advance(60_000);
    }
    expect(await d.dispatchOnce()).toMatchObject({ parked: 1 });
    expect(await row('flaky')).toMatchObject({
      status: 'parked',
      attempts: 5,
      lastError: 'gave up after 5 attempts; last error: HTTP 502',
    });
    clock.advance(3_600_000);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 0 });
  });

  it('keeps the order per target while the first message backs off', async () => {
    sender.script('c1:1', { fail: 'transient' });
    await enqueue(
      { key: 'c1:1' },
      { key: 'c1:2' },
      { key: 'c2:1', target: 'C2' },
      { key: 'c1:3' },
      { key: 'c2:2', target: 'C2' },
    );
    const d = dispatcher();

    expect(await d.dispatchOnce()).toMatchObject({ claimed: 2, sent: 1, retried: 1 });
    // c1:2 is due but must not overtake c1:1; C2 is not held up by C1.
    for (let i = 0; i < 3; i++) await d.dispatchOnce();
    expect(sender.sentKeys()).toEqual(['c2:1', 'c2:2']);
    expect(await row('c1:2')).toMatchObject({ status: 'pending', attempts: 0 });

    clock.advance(1_000);
    for (let i = 0; i < 4; i++) await d.dispatchOnce();
    expect(sender.sentKeys('C1')).toEqual(['c1:1', 'c1:2', 'c1:3']);
  });

  it('holds a thread reply until its parent has a reference, then threads it under that reference', async () => {
    sender.script('parent', { fail: 'transient' });
    // A reply addressed elsewhere shows the parent rule on its own, apart from the order per target.
    await enqueue(
      { key: 'parent' },
      { key: 'reply', parentKey: 'parent' },
      { key: 'elsewhere', target: 'C9', parentKey: 'parent' },
      { key: 'plain', target: 'C9b' },
    );
    const d = dispatcher();

    expect(await d.dispatchOnce()).toMatchObject({ claimed: 2, retried: 1, sent: 1 });
    expect(sender.sentKeys()).toEqual(['plain']);
    clock.advance(1_000);
    await d.dispatchOnce();
    await d.dispatchOnce();

    const parentRef = (await row('parent')).platformRef;
    expect(parentRef).toBe('ref-2');
    expect(
      sender.sent
        .filter((s) => s.message.parentRef !== undefined)
        .map((s) => [s.message.idempotencyKey, s.message.parentRef]),
    ).toEqual(
      expect.arrayContaining([
        ['reply', parentRef],
        ['elsewhere', parentRef],
      ]),
    );
    expect(sender.sent.find((s) => s.message.idempotencyKey === 'parent')?.message.parentRef).toBeUndefined();
  });

  it('parks a thread reply whose parent was parked or never queued, instead of blocking its conversation', async () => {
    sender.script('parent', { fail: 'permanent' });
    await enqueue(
      { key: 'parent' },
      { key: 'reply', parentKey: 'parent' },
      { key: 'orphan', target: 'C2', parentKey: 'nobody' },
      { key: 'after', target: 'C2' },
    );
    const d = dispatcher();
    for (let i = 0; i < 3; i++) await d.dispatchOnce();

    expect((await row('reply')).lastError).toMatch(/^parent_not_delivered: /);
    expect((await row('orphan')).lastError).toBe(
      'parent_missing: no queued message has the key nobody to thread under',
    );
    expect(sender.sentKeys()).toEqual(['after']);
  });

  it('leaves messages for a platform it has no sender for', async () => {
    await enqueue({ key: 'teams:1', platform: 'teams' }, { key: 'slack:1', target: 'C2' });
    expect(await dispatcher().dispatchOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row('teams:1')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('loses and duplicates nothing when a dispatcher dies between claim and record', async () => {
    const keys = ['a', 'b', 'c'];
    for (const key of keys) sender.script(key, { fail: 'hang' });
    await enqueue(...keys.map((key) => ({ key, target: `C-${key}` })));

    // The first dispatcher claims all three and never comes back.
    void dispatcher().dispatchOnce();
    await sender.waitForCalls(3);
    const survivor = dispatcher();
    expect(await survivor.dispatchOnce()).toMatchObject({ claimed: 0 });

    clock.advance(60_000);
    expect(await survivor.dispatchOnce()).toMatchObject({ claimed: 3, sent: 3 });
    expect(await survivor.dispatchOnce()).toMatchObject({ claimed: 0 });
    expect(sender.sentKeys().sort()).toEqual(keys);
    expect(await db.prisma.outboxMessage.count({ where: { status: 'sent', attempts: 2 } })).toBe(3);
  });

  it('records a message the platform already took before a crash, and does not post it again', async () => {
    sender.script('standup', { fail: 'deliver_then_hang' });
    await enqueue({ key: 'standup' });

    // Slack accepted the post, then this dispatcher died before recording it.
    void dispatcher().dispatchOnce();
    await sender.waitForCalls(1);
    expect(sender.lookups).toHaveLength(0);

    clock.advance(60_000);
    expect(await dispatcher().dispatchOnce()).toMatchObject({ claimed: 1, sent: 1, reconciled: 1 });
    expect(sender.calls).toHaveLength(1);
    expect(sender.lookups.map((m) => [m.idempotencyKey, m.attempt])).toEqual([['standup', 2]]);
    expect(await row('standup')).toMatchObject({
      status: 'sent',
      platformRef: 'ref-1',
      attempts: 2,
      lockedUntil: null,
      lastError: null,
    });
  });

  it('asks the platform only on a retry, and sends when the earlier try did not arrive', async () => {
    sender.script('m', { fail: 'hang' });
    await enqueue({ key: 'm' });
    void dispatcher().dispatchOnce();
    await sender.waitForCalls(1);
    expect(sender.lookups).toHaveLength(0);

    clock.advance(60_000);
    expect(await dispatcher().dispatchOnce()).toMatchObject({ claimed: 1, sent: 1, reconciled: 0 });
    expect(sender.lookups.map((m) => m.idempotencyKey)).toEqual(['m']);
    expect(sender.calls.map((m) => m.idempotencyKey)).toEqual(['m', 'm']);
    expect(sender.sentKeys()).toEqual(['m']);
  });

  it('retries later, instead of posting blind, when the platform cannot say whether it already has the message', async () => {
    sender.script('m', { fail: 'deliver_then_hang' });
    await enqueue({ key: 'm' });
    void dispatcher().dispatchOnce();
    await sender.waitForCalls(1);
    sender.lookupError = new Error('HTTP 503: Slack was unavailable');

    clock.advance(60_000);
    const d = dispatcher({}, () => 0.5);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    expect((await row('m')).lastError).toMatch(
      /^attempt 2 of 5 failed: reconcile: HTTP 503: Slack was unavailable; retrying at /,
    );
    expect(sender.calls).toHaveLength(1);

    sender.lookupError = undefined;
    clock.advance(60_000);
    expect(await d.dispatchOnce()).toMatchObject({ sent: 1, reconciled: 1 });
    expect(sender.calls).toHaveLength(1);
    expect(await row('m')).toMatchObject({ status: 'sent', platformRef: 'ref-1' });
  });

  it('honours Retry-After when the lookup itself is rate limited, without using up an attempt', async () => {
    sender.script('m', { fail: 'deliver_then_hang' });
    await enqueue({ key: 'm' });
    void dispatcher().dispatchOnce();
    await sender.waitForCalls(1);
    sender.lookupError = new LookupFailedError({
      ok: false,
      kind: 'rate_limited',
      reason: 'ratelimited: conversations.history',
      retryAfterMs: 30_000,
    });

    clock.advance(60_000);
    const d = dispatcher({}, () => 0.5);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 1, rateLimited: 1, sent: 0 });
    const held = await row('m');
    expect(held.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 30_000));
    expect(held.attempts).toBe(1);

    sender.lookupError = undefined;
    clock.advance(29_000);
    expect(await d.dispatchOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1_000);
    expect(await d.dispatchOnce()).toMatchObject({ sent: 1, reconciled: 1 });
    expect(sender.calls).toHaveLength(1);
  });

  it("hands the sender the workspace's platform id and when the message was queued", async () => {
    await db.prisma.workspace.deleteMany({ where: { externalId: 'T0ACME' } });
    const workspace = await db.prisma.workspace.create({
      data: { platform: 'slack', externalId: 'T0ACME', name: 'Acme' },
    });
    await enqueueOutbox(db.prisma, {
      idempotencyKey: 'w',
      platform: 'slack',
      target: 'C1',
      payload: { text: 'hi' },
      notBefore: clock.now(),
      workspaceId: workspace.id,
    });
    await enqueue({ key: 'no-workspace', target: 'C2' });
    await dispatcher().dispatchOnce();

    const byKey = new Map(sender.calls.map((m) => [m.idempotencyKey, m]));
    expect(byKey.get('w')?.workspace).toBe('T0ACME');
    expect(byKey.get('no-workspace')).not.toHaveProperty('workspace');
    expect(byKey.get('w')?.createdAt).toEqual((await row('w')).createdAt);
  });

  it('does not let a result that outlived its lease overwrite the new owner’s record', async () => {
    let release!: () => void;
    sender.script('slow', { fail: 'wait', until: new Promise<void>((resolve) => (release = resolve)) });
    await enqueue({ key: 'slow' });

    const late = dispatcher().dispatchOnce();
    await sender.waitForCalls(1);
    clock.advance(60_000);
    expect(await dispatcher().dispatchOnce()).toMatchObject({ sent: 1 });
    release();

    expect(await late).toMatchObject({ claimed: 1, sent: 0, leaseLost: 1 });
    expect(await row('slow')).toMatchObject({ status: 'sent', attempts: 2, platformRef: 'ref-1' });
  });
});
