import { hostname } from 'node:os';
import { Dispatcher, type DispatcherOptions } from './scheduler/dispatcher.js';
import { Scheduler, defaultSchedulerOptions, type SchedulerOptions, type TickReport } from './scheduler/scheduler.js';
import type { ChatImportDeps, PendingImportStore } from './service/commands/chat-import.js';
import type { PlanVersionStore } from './service/commands/import-plan.js';
import type { Clock } from './service/ports/clock.js';
import type { DeliveredMessages } from './service/ports/delivered-messages.js';
import type { MetricsPort } from './service/ports/metrics-port.js';
import type { Outbox } from './service/ports/outbox.js';
import type { OutboxBacklogReader } from './service/ports/outbox-backlog.js';
import type { PlanParser } from './service/ports/plan-parser.js';
import { PlanService } from './service/plan-service.js';
import type { PlanStore } from './service/ports/plan-store.js';
import type { SendersByPlatform } from './service/ports/sender.js';
import type { Database } from './store/database.js';
import { prismaPendingImportStore } from './store/pending-import-repository.js';
import { PrismaDeliveredMessages } from './store/prisma-delivered-messages.js';
import { PrismaOutbox } from './store/prisma-outbox.js';
import { PrismaOutboxBacklog } from './store/prisma-outbox-backlog.js';
import { PrismaPlanStore } from './store/prisma-plan-store.js';
import { PrismaConversationReferences } from './store/prisma-conversation-references.js';
import { PrismaSeenRequests } from './store/prisma-seen-requests.js';
import { PrismaSlackInstallations } from './store/prisma-slack-installations.js';
import type { Keyring } from './store/keyring.js';
import { PrismaSlackWorkspaces } from './store/prisma-slack-workspaces.js';
import { PrismaSlackDmChannels } from './store/prisma-slack-dm-channels.js';
import type { SeenRequests } from './adapters/slack/seen-requests.js';
import type { SlackInstallations } from './adapters/slack/slack-installations.js';
import type { SlackWorkspaces } from './adapters/slack/slack-workspaces.js';
import type { SlackDmChannels } from './adapters/slack/slack-dm-channels.js';
import type { ConversationReferences } from './adapters/teams/conversation-references.js';
import { prismaPlanVersionStore } from './store/prisma-plan-version-store.js';

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
  /** How chat imports read documents; the server reads them on a worker thread. Default: inline. */
  parser?: PlanParser;
  /** Seals stored Slack installs (from PLANBOT_ENCRYPTION_KEY); without it, OAuth installs cannot be stored. */
  keyring?: Keyring;
}

/**
 * planbot's parts wired together. The real process, `simulate` and the tests all build it here.
 * Each store is built here once, so callers use these instead of building their own on the database.
 */
export interface App {
  store: PlanStore;
  /** The queue the dispatcher delivers from. */
  outbox: Outbox;
  /** The undelivered outbox per platform, for /metrics. */
  outboxBacklog: OutboxBacklogReader;
  /** Messages already delivered, for adapters that need one back (a clicked card, a prompt being answered). */
  deliveredMessages: DeliveredMessages;
  /** Stores an imported plan as a new version (CLI import, chat import, tests seeding a plan). */
  planVersions: PlanVersionStore;
  /** Chat-imported documents waiting for their Import button. */
  pendingImports: PendingImportStore;
  /** What `/plan import` in chat needs, over the stores above and the app's clock. */
  chatImport: ChatImportDeps;
  /**
   * The tables the Slack adapter owns or reads: installs (OAuth), signatures seen (replay guard), workspaces with
   * plans, and users' DM channels (recorded with delivered DMs).
   */
  slackStores: {
    installations: SlackInstallations;
    seenRequests: SeenRequests;
    workspaces: SlackWorkspaces;
    dmChannels: SlackDmChannels;
  };
  /** Teams conversation references, for proactive posts and DMs. */
  conversations: ConversationReferences;
  service: PlanService;
  scheduler: Scheduler;
  dispatcher: Dispatcher;
  /** One scheduler tick, then delivery of everything it queued that is due. */
  step(): Promise<TickReport>;
}

export function createApp(parts: AppParts): App {
  const { prisma } = parts.database;
  const store = new PrismaPlanStore(prisma, parts.metrics);
  const outbox = new PrismaOutbox(prisma);
  const deliveredMessages = new PrismaDeliveredMessages(prisma);
  const planVersions = prismaPlanVersionStore(prisma);
  const pendingImports = prismaPendingImportStore(prisma);
  const service = new PlanService({
    store,
    delivered: deliveredMessages,
    clock: parts.clock,
    ...(parts.newId ? { newId: parts.newId } : {}),
    ...(parts.metrics ? { metrics: parts.metrics } : {}),
  });
  const schedulerOptions: SchedulerOptions = {
    ...defaultSchedulerOptions,
    instanceId: `${hostname()}:${process.pid}`,
    ...parts.scheduler,
    ...(parts.newId ? { newId: parts.newId } : {}),
  };
  const scheduler = new Scheduler(store, parts.clock, schedulerOptions, parts.metrics);
  const dispatcher = new Dispatcher({
    outbox,
    senders: parts.senders,
    clock: parts.clock,
    ...(parts.random ? { random: parts.random } : {}),
    ...(parts.metrics ? { metrics: parts.metrics } : {}),
    options: parts.dispatcher ?? {},
  });
  return {
    store,
    outbox,
    outboxBacklog: new PrismaOutboxBacklog(prisma),
    deliveredMessages,
    planVersions,
    pendingImports,
    chatImport: {
      plans: store,
      versions: planVersions,
      pending: pendingImports,
      clock: parts.clock,
      ...(parts.parser ? { parser: parts.parser } : {}),
    },
    slackStores: {
      installations: new PrismaSlackInstallations(prisma, parts.keyring),
      seenRequests: new PrismaSeenRequests(prisma),
      workspaces: new PrismaSlackWorkspaces(prisma),
      dmChannels: new PrismaSlackDmChannels(prisma),
    },
    conversations: new PrismaConversationReferences(prisma),
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
