import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../../src/metrics/metrics.js';
import type { OutboxBacklog } from '../../../src/service/ports/outbox-backlog.js';
import { parseExposition, seriesOf, valueOf } from './exposition.js';

/** A monotonic source the test moves by hand. */
function stopwatch() {
  let ms = 1_000;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

function metricsWith(outbox: () => Promise<OutboxBacklog[]> = async () => [], processMetrics = false) {
  const watch = stopwatch();
  const metrics = new Metrics({ monotonicNow: watch.now, readOutbox: outbox, processMetrics });
  return { metrics, watch, scrape: async () => parseExposition(await metrics.scrape()) };
}

describe('Metrics', () => {
  it('counts queued, sent, retried and failed messages under their platform and reason', async () => {
    const { metrics, scrape } = metricsWith();
    metrics.messagesQueued('slack', 3);
    metrics.messagesQueued('teams', 1);
    metrics.messagesQueued('teams', 0);
    for (const result of ['sent', 'sent', 'transient', 'rate_limited', 'rate_limited', 'permanent'] as const)
      metrics.messageDelivered('slack', result);
    metrics.messageDelivered('teams', 'parked');
    const s = await scrape();
    expect(seriesOf(s, 'planbot_messages_queued_total')).toEqual({ 'platform=slack': 3, 'platform=teams': 1 });
    expect(seriesOf(s, 'planbot_messages_sent_total')).toEqual({ 'platform=slack': 2 });
    expect(seriesOf(s, 'planbot_messages_retried_total')).toEqual({
      'platform=slack,reason=transient': 1,
      'platform=slack,reason=rate_limited': 2,
    });
    expect(seriesOf(s, 'planbot_messages_failed_total')).toEqual({
      'kind=permanent,platform=slack': 1,
      'kind=parked,platform=teams': 1,
    });
  });

  it('counts escalations by tier', async () => {
    const { metrics, scrape } = metricsWith();
    metrics.escalationFired(1);
    metrics.escalationFired(2);
    metrics.escalationFired(2);
    expect(seriesOf(await scrape(), 'planbot_escalations_total')).toEqual({ 'tier=1': 1, 'tier=2': 2 });
  });

  it('times ticks and commands with the injected monotonic source, in seconds', async () => {
    const { metrics, watch, scrape } = metricsWith();
    const tick = metrics.startTick();
    watch.advance(1_500);
    tick();
    const block = metrics.startCommand('slack', 'block');
    watch.advance(40);
    block();
    const status = metrics.startCommand('teams', 'status');
    watch.advance(300);
    status();
    const s = await scrape();
    expect(valueOf(s, 'planbot_tick_duration_seconds_count')).toBe(1);
    expect(valueOf(s, 'planbot_tick_duration_seconds_sum')).toBeCloseTo(1.5);
    expect(valueOf(s, 'planbot_tick_duration_seconds_bucket', { le: '1' })).toBe(0);
    expect(valueOf(s, 'planbot_tick_duration_seconds_bucket', { le: '2.5' })).toBe(1);
    expect(valueOf(s, 'planbot_command_duration_seconds_sum', { platform: 'slack', command: 'block' })).toBeCloseTo(
      0.04,
    );
    expect(
      valueOf(s, 'planbot_command_duration_seconds_bucket', { platform: 'slack', command: 'block', le: '0.025' }),
    ).toBe(0);
    expect(
      valueOf(s, 'planbot_command_duration_seconds_bucket', { platform: 'slack', command: 'block', le: '0.05' }),
    ).toBe(1);
    expect(valueOf(s, 'planbot_command_duration_seconds_count', { platform: 'teams', command: 'status' })).toBe(1);
    expect(
      valueOf(s, 'planbot_command_duration_seconds_bucket', { platform: 'teams', command: 'status', le: '+Inf' }),
    ).toBe(1);
  });

  it('reads the outbox once per scrape and reports every platform, 0 when nothing waits', async () => {
    let reads = 0;
    let backlog: OutboxBacklog[] = [{ platform: 'slack', depth: 12, oldestAgeSeconds: 95.5 }];
    const { scrape } = metricsWith(async () => {
      reads += 1;
      return backlog;
    });
    let s = await scrape();
    expect(reads).toBe(1);
    expect(seriesOf(s, 'planbot_outbox_depth')).toEqual({
      'platform=slack': 12,
      'platform=teams': 0,
      'platform=console': 0,
      'platform=pagerduty': 0,
    });
    expect(valueOf(s, 'planbot_outbox_oldest_age_seconds', { platform: 'slack' })).toBe(95.5);
    expect(valueOf(s, 'planbot_outbox_oldest_age_seconds', { platform: 'teams' })).toBe(0);
    expect(valueOf(s, 'planbot_database_up')).toBe(1);

    backlog = [];
    s = await scrape();
    expect(reads).toBe(2);
    expect(valueOf(s, 'planbot_outbox_depth', { platform: 'slack' })).toBe(0);
    expect(valueOf(s, 'planbot_outbox_oldest_age_seconds', { platform: 'slack' })).toBe(0);
  });

  it('drops the outbox numbers instead of showing stale ones when the database cannot be read, and still answers', async () => {
    let fail = false;
    const { scrape } = metricsWith(async () => {
      if (fail) throw new Error('connection refused');
      return [{ platform: 'slack', depth: 4, oldestAgeSeconds: 10 }];
    });
    expect(valueOf(await scrape(), 'planbot_outbox_depth', { platform: 'slack' })).toBe(4);
    fail = true;
    const s = await scrape();
    expect(seriesOf(s, 'planbot_outbox_depth')).toEqual({});
    expect(seriesOf(s, 'planbot_outbox_oldest_age_seconds')).toEqual({});
    expect(valueOf(s, 'planbot_database_up')).toBe(0);
  });

  it('keeps each instance on its own registry: two apps in one process neither collide nor share counts', async () => {
    const a = metricsWith(undefined, true);
    const b = metricsWith(undefined, true);
    a.metrics.messagesQueued('slack', 2);
    expect(valueOf(await a.scrape(), 'planbot_messages_queued_total', { platform: 'slack' })).toBe(2);
    expect(valueOf(await b.scrape(), 'planbot_messages_queued_total', { platform: 'slack' })).toBeUndefined();
    expect(await globalRegistry.getSingleMetric('planbot_messages_queued_total')).toBeUndefined();
  });

  it("includes Node's process metrics unless turned off", async () => {
    const withProcess = parseExposition(await metricsWith(undefined, true).metrics.scrape());
    // CPU counts from when the collector was registered, so a quick scrape may read 0: present is what matters.
    expect(valueOf(withProcess, 'process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
    expect(valueOf(withProcess, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    const without = parseExposition(await metricsWith().metrics.scrape());
    expect(without.some((s) => s.name.startsWith('process_') || s.name.startsWith('nodejs_'))).toBe(false);
  });
});
