import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChatPlatform } from '../service/read-model/platform.js';
import type { CommandName } from '../service/commands/command.js';
import type { DeliveryResult, MetricsPort } from '../service/ports/metrics-port.js';
import type { OutboxBacklog } from '../service/ports/outbox-backlog.js';
import type { DeliveryPlatform } from '../service/read-model/platform.js';

export interface MetricsOptions {
  /** Milliseconds from a monotonic source (`performance.now`): durations must not jump with the wall clock. */
  monotonicNow: () => number;
  /** The undelivered outbox per platform, read at each scrape. */
  readOutbox: () => Promise<OutboxBacklog[]>;
  /** Node's process metrics (CPU, memory, event loop lag, GC); on by default. */
  processMetrics?: boolean;
}

/** Reported even when empty, so a dashboard shows 0 rather than "no data". */
const PLATFORMS: readonly DeliveryPlatform[] = ['slack', 'teams', 'console', 'pagerduty'];

// A chat command must answer within Slack's 3 s; a tick should finish well inside its 1 s wake-up.
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const TICK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * planbot's Prometheus metrics, on a registry of its own: never prom-client's global one, so
 * several apps in one process (tests, replicas in a benchmark) do not collide.
 */
export class Metrics implements MetricsPort {
  readonly registry = new Registry();
  private readonly monotonicNow: () => number;
  private readonly readOutbox: () => Promise<OutboxBacklog[]>;
  private readonly queued: Counter<'platform'>;
  private readonly sent: Counter<'platform'>;
  private readonly failed: Counter<'platform' | 'kind'>;
  private readonly retried: Counter<'platform' | 'reason'>;
  private readonly outboxDepth: Gauge<'platform'>;
  private readonly outboxOldestAge: Gauge<'platform'>;
  private readonly databaseUp: Gauge;
  private readonly tickDuration: Histogram;
  private readonly escalations: Counter<'tier'>;
  private readonly commandDuration: Histogram<'platform' | 'command'>;
  /** The outbox read of the scrape in progress: the gauges are collected concurrently and share it. */
  private backlogRead: Promise<void> | undefined;

  constructor(options: MetricsOptions) {
    this.monotonicNow = options.monotonicNow;
    this.readOutbox = options.readOutbox;
    const registers = [this.registry];
    this.queued = new Counter({
      name: 'planbot_messages_queued_total',
      help: 'Messages added to the outbox, by platform.',
      labelNames: ['platform'],
      registers,
    });
    this.sent = new Counter({
      name: 'planbot_messages_sent_total',
      help: 'Messages the platform accepted (including ones found already delivered after a crash), by platform.',
      labelNames: ['platform'],
      registers,
    });
    this.failed = new Counter({
      name: 'planbot_messages_failed_total',
      help: 'Messages parked, by platform and kind: permanent (the platform refused them) or parked (planbot gave up: retries used up, parent never delivered).',
      labelNames: ['platform', 'kind'],
      registers,
    });
    this.retried = new Counter({
      name: 'planbot_messages_retried_total',
      help: 'Delivery attempts put back for a retry, by platform and reason: transient (timeout, 5xx, network) or rate_limited (429).',
      labelNames: ['platform', 'reason'],
      registers,
    });
    const collect = () => this.collectBacklog();
    this.outboxDepth = new Gauge({
      name: 'planbot_outbox_depth',
      help: 'Messages waiting for delivery (pending or being sent), by platform.',
      labelNames: ['platform'],
      registers,
      collect,
    });
    this.outboxOldestAge = new Gauge({
      name: 'planbot_outbox_oldest_age_seconds',
      help: 'Age of the oldest message waiting for delivery, by platform (0 when none waits).',
      labelNames: ['platform'],
      registers,
      collect,
    });
    this.databaseUp = new Gauge({
      name: 'planbot_database_up',
      help: '1 if the outbox could be read from the database at this scrape, else 0.',
      registers,
      collect,
    });
    this.tickDuration = new Histogram({
      name: 'planbot_tick_duration_seconds',
      help: 'Duration of one scheduler tick (due rituals, reminders, escalations, slips).',
      buckets: TICK_BUCKETS,
      registers,
    });
    this.escalations = new Counter({
      name: 'planbot_escalations_total',
      help: 'Escalation ladder tiers fired, by tier (1 = first tier).',
      labelNames: ['tier'],
      registers,
    });
    this.commandDuration = new Histogram({
      name: 'planbot_command_duration_seconds',
      help: 'Time to handle a chat command (load plan, decide, write), by platform and command.',
      labelNames: ['platform', 'command'],
      buckets: COMMAND_BUCKETS,
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  messagesQueued(platform: DeliveryPlatform, count: number): void {
    if (count > 0) this.queued.inc({ platform }, count);
  }

  messageDelivered(platform: DeliveryPlatform, result: DeliveryResult): void {
    switch (result) {
      case 'sent':
        return this.sent.inc({ platform });
      case 'transient':
      case 'rate_limited':
        return this.retried.inc({ platform, reason: result });
      case 'permanent':
      case 'parked':
        return this.failed.inc({ platform, kind: result });
    }
  }

  escalationFired(tier: number): void {
    this.escalations.inc({ tier: String(tier) });
  }

  startTick(): () => void {
    const started = this.monotonicNow();
    return () => this.tickDuration.observe(this.secondsSince(started));
  }

  startCommand(platform: ChatPlatform, command: CommandName): () => void {
    const started = this.monotonicNow();
    return () => this.commandDuration.observe({ platform, command }, this.secondsSince(started));
  }

  /** The Prometheus text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private secondsSince(started: number): number {
    return Math.max(0, this.monotonicNow() - started) / 1000;
  }

  private collectBacklog(): Promise<void> {
    this.backlogRead ??= this.readBacklog().finally(() => {
      this.backlogRead = undefined;
    });
    return this.backlogRead;
  }

  private async readBacklog(): Promise<void> {
    this.outboxDepth.reset();
    this.outboxOldestAge.reset();
    let rows: OutboxBacklog[];
    try {
      rows = await this.readOutbox();
    } catch {
      // No numbers rather than stale ones; planbot_database_up (and /readyz) say why.
      this.databaseUp.set(0);
      return;
    }
    this.databaseUp.set(1);
    for (const platform of PLATFORMS) {
      this.outboxDepth.set({ platform }, 0);
      this.outboxOldestAge.set({ platform }, 0);
    }
    for (const row of rows) {
      this.outboxDepth.set({ platform: row.platform }, row.depth);
      this.outboxOldestAge.set({ platform: row.platform }, row.oldestAgeSeconds);
    }
  }
}
