import { hostname } from 'node:os';
import { Dispatcher, type DispatcherOptions } from './scheduler/dispatcher.js';
import { Scheduler, defaultSchedulerOptions, type SchedulerOptions, type TickReport } from './scheduler/scheduler.js';
import type { Clock } from './service/ports/clock.js';
import type { MetricsPort } from './service/ports/metrics-port.js';
import { PlanService } from './service/plan-service.js';
import type { PlanStore } from './service/ports/plan-store.js';
import type { SendersByPlatform } from './service/ports/sender.js';
import type { Database } from './store/database.js';
import { PrismaOutbox } from './store/prisma-outbox.js';
import { PrismaPlanStore } from './store/prisma-plan-store.js';

export interface AppParts {
  database: Database;
  clock: Clock;
  senders: SendersByPlatform;
  scheduler?: Partial<SchedulerOptions>;
  dispatcher?: Partial<DispatcherOptions>;
  random?: () => number;
  newId?: () => string;
  /** Counts and timings for /metrics (src/metrics); tests and `simulate` leave it out. */
  metrics?: MetricsPort;
}

/** planbot's parts wired together. The real process, `simulate` and the tests all build it here. */
export interface App {
  store: PlanStore;
  service: PlanService;
  scheduler: Scheduler;
  dispatcher: Dispatcher;
  /** One scheduler tick, then delivery of everything it queued that is due. */
  step(): Promise<TickReport>;
}

export function createApp(parts: AppParts): App {
  const store = new PrismaPlanStore(parts.database.prisma, parts.metrics);
  const service = new PlanService(store, parts.clock, parts.newId, parts.metrics);
  const schedulerOptions: SchedulerOptions = {
    ...defaultSchedulerOptions,
    instanceId: `${hostname()}:${process.pid}`,
    ...parts.scheduler,
    ...(parts.newId ? { newId: parts.newId } : {}),
  };
  const scheduler = new Scheduler(store, parts.clock, schedulerOptions, parts.metrics);
  const dispatcher = new Dispatcher({
    outbox: new PrismaOutbox(parts.database.prisma),
    senders: parts.senders,
    clock: parts.clock,
    ...(parts.random ? { random: parts.random } : {}),
    ...(parts.metrics ? { metrics: parts.metrics } : {}),
    options: parts.dispatcher ?? {},
  });
  return {
    store,
    service,
    scheduler,
    dispatcher,
    async step() {
      const report = await scheduler.tick();
      await drain(dispatcher);
      return report;
    },
  };
}

/** Delivers until nothing due is left (bounded: a stuck queue must not hang a step). */
export async function drain(dispatcher: Dispatcher, maxRounds = 1000): Promise<void> {
  for (let round = 0; round < maxRounds; round += 1) {
    const report = await dispatcher.dispatchOnce();
    if (report.claimed === 0) return;
  }
}
