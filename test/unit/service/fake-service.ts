import { renderText } from '../../../src/adapters/console/render-text.js';
import { defaultSchedulerOptions, Scheduler } from '../../../src/scheduler/scheduler.js';
import { ManualClock } from '../../../src/service/clocks/manual-clock.js';
import { parseCommandText } from '../../../src/service/commands/parse-command.js';
import type { Command } from '../../../src/service/commands/command.js';
import type { Effect } from '../../../src/service/effects.js';
import type { Message } from '../../../src/service/messages/message.js';
import { PlanService } from '../../../src/service/plan-service.js';
import type { FiringPolicy } from '../../../src/service/deciders/ritual-firing.js';
import { PlanView } from '../../../src/service/read-model/plan-view.js';
import type { WorkspaceRef } from '../../../src/service/read-model/workspace-ref.js';
import { FakeDeliveredMessages } from '../../fakes/fake-delivered-messages.js';
import { FakePlanStore, type QueuedMessage } from '../../fakes/fake-plan-store.js';
import { sprintPlanYaml } from '../../fixtures/sprint-plan.js';
import { importPlanYaml } from '../../support/store-import.js';

export const acme: WorkspaceRef = { platform: 'slack', externalId: 'T-ACME', name: 'Acme' };
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const firingPolicy: FiringPolicy = {
  catchUpWindowMs: defaultSchedulerOptions.catchUpWindowMs,
  reminderDelayMs: defaultSchedulerOptions.reminderDelayMs,
  claimedBy: 'unit',
};

/** Slack ids of the sprint plan's members (test/fixtures/sprint-plan.ts). */
export const USER = { sam: 'U0SAM', alex: 'U0ALEX', luis: 'U0LUIS', priya: 'U0PRIYA' } as const;

/**
 * PlanService and Scheduler wired on the in-memory store, with a plan imported the way production
 * imports one, at `start`. No database: a test runs in milliseconds.
 */
export async function fakeService(start: string, yaml: string = sprintPlanYaml) {
  const clock = new ManualClock(start);
  const store = new FakePlanStore();
  const delivered = new FakeDeliveredMessages(store);
  const service = new PlanService({ store, delivered, clock });
  const scheduler = new Scheduler(store, clock, { ...defaultSchedulerOptions, instanceId: 'unit', batchSize: 100 });
  const { planId } = await importPlanYaml(store, acme, yaml, { now: clock.now(), channel: 'C-ACME' });

  const state = () => store.loadPlanState(planId);
  const view = async () => PlanView.of(await state());
  const ctx = (userId: string, channel?: string) => ({
    workspace: acme,
    ...(channel ? { channel } : {}),
    actor: { platform: acme.platform, userId },
  });
  const handle = (userId: string, command: Command, channel?: string) => service.handle(ctx(userId, channel), command);
  /** Runs `/plan <text>` as a Slack user would type it. */
  const run = async (userId: string, text: string, channel?: string): Promise<Message> => {
    const parsed = parseCommandText(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return handle(userId, parsed.command, channel);
  };

  return {
    clock,
    store,
    delivered,
    service,
    scheduler,
    planId,
    state,
    view,
    ctx,
    handle,
    run,
    /** The reply as a reader sees it (blocks rendered as text). */
    say: async (userId: string, text: string, channel?: string) => renderText(await run(userId, text, channel)),
    task: async (key: string) => (await state()).tasks.find((t) => t.key === key)!,
    member: async (key: string) => (await state()).members.find((m) => m.key === key)!,
    ritual: async (kind: string) => (await state()).rituals.find((r) => r.kind === kind)!,
    blocker: async (number: number) => (await state()).blockers.find((b) => b.number === number)!,
    /** Messages queued so far, with what a reader would see. */
    queued: () => store.queued.map(describeQueued),
    /** Moves the clock to `at` and runs one scheduler tick. */
    tickAt: async (at: string) => {
      clock.set(at);
      return scheduler.tick();
    },
  };
}

export type FakeService = Awaited<ReturnType<typeof fakeService>>;

export function describeQueued(m: QueuedMessage) {
  const message = m.message as Message & { event_action?: string };
  return {
    key: m.idempotencyKey,
    platform: m.platform,
    target: m.target,
    parentKey: m.parentKey ?? null,
    kind: m.platform === 'pagerduty' ? `pagerduty:${message.event_action}` : message.kind,
    body: m.platform === 'pagerduty' ? JSON.stringify(message) : renderText(message),
  };
}

/** The outbox messages among `effects`, described as queued ones are. */
export function draftsIn(effects: readonly Effect[]) {
  return effects.flatMap((e, i) => (e.type === 'outbox' ? [describeQueued({ ...e.draft, seq: i })] : []));
}
