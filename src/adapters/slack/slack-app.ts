import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { SlackConfig } from '../../config.js';
import type { Route } from '../../http/http-server.js';
import type { ChatImportDeps } from '../../service/commands/chat-import.js';
import type { Clock } from '../../service/ports/clock.js';
import { FirstContactLinker } from '../../service/commands/email-link.js';
import { PlanError } from '../../domain/plan-error.js';
import type { PlanService } from '../../service/plan-service.js';
import type { PlanStore } from '../../service/ports/plan-store.js';
import { APP_HOME_EVENT, registerAppHome } from './app-home.js';
import { boltLogger } from './bolt-logger.js';
import { eventOnce } from './event-once.js';
import type { SeenRequests } from './seen-requests.js';
import { linkSlackMembers } from './slack-directory.js';
import { SingleUseStateStore } from './single-use-state-store.js';
import { SlackInstallationStore } from './slack-installation-store.js';
import type { SlackInstallations } from './slack-installations.js';
import { SlackRequestGuard } from './request-guard.js';
import { registerSlackHandlers, type SlackRegistrations } from './slack-handlers.js';
import { registerUninstallHandlers, UNINSTALL_EVENTS } from './slack-uninstall.js';
import { SLACK_EVENTS_PATH, SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH, slackRoute } from './slack-route.js';
import type { SlackWorkspaces } from './slack-workspaces.js';

/**
 * The bot scopes planbot asks for, and why: commands (/plan), chat:write (posts, DMs to a user
 * id, updates), im:write (open the DM of someone never posted to, to check it after a crash),
 * users:read + users:read.email (link members by email, admin check for imports), channels:history + groups:history + im:history (stand-up answers in
 * threads, and finding a post by its outbox metadata after a crash), channels:read + groups:read
 * (a plan channel given by name), reactions:write (confirm an answer), files:read (plan upload),
 * files:write (the weekly memo's chart, uploaded into its thread).
 * manifests/slack/*.yaml must list exactly these (a test checks).
 */
export const BOT_SCOPES = [
  'channels:history',
  'channels:read',
  'chat:write',
  'commands',
  'files:read',
  'files:write',
  'groups:history',
  'groups:read',
  'im:history',
  'im:write',
  'reactions:write',
  'users:read',
  'users:read.email',
] as const;

/** Slack sends small JSON and form bodies; anything near this is not from Slack. */
export const SLACK_BODY_LIMIT_BYTES = 256 * 1024;

export interface SlackAdapterDeps {
  config: SlackConfig;
  service: PlanService;
  store: PlanStore;
  /** OAuth installs (used when `config.oauth` is set). */
  installations: SlackInstallations;
  /** Signatures already accepted, for the replay guard. */
  seenRequests: SeenRequests;
  workspaces: SlackWorkspaces;
  clock: Clock;
  /**
   * Real time, for signature windows: Slack signs with the wall clock and Bolt checks against it,
   * so the replay guard must too, even when the plan runs on a simulated clock.
   */
  requestClock: Clock;
  logger: Logger;
  chatImport: ChatImportDeps;
  /** Tests only: skip `auth.test` at start and name the bot ourselves. */
  offline?: { botId: string; botUserId: string };
}

export interface SlackAdapter {
  app: App;
  registrations: SlackRegistrations;
  /** Mounted on the shared HTTP server; absent in Socket Mode. */
  route?: Route;
  installations?: SlackInstallationStore;
  /** The bot token for a team: the configured one, or the team's OAuth install. */
  tokenFor(teamId: string | undefined): Promise<string | undefined>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Links unlinked plan members of every Slack workspace with plans by their emails; returns how many. */
  linkMembers(): Promise<number>;
}

/**
 * Builds the Bolt app for one of three set-ups: a single workspace over HTTP (bot token), many
 * workspaces over HTTP (OAuth install at /slack/install, tokens in the database), or Socket Mode
 * (app-level token, no public URL). Requests reach Bolt's own receiver, so signature checks and
 * acks are Bolt's; we add the replay and future-timestamp checks in front of it.
 */
export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { config } = deps;
  const logger = boltLogger(deps.logger.child({ component: 'slack' }));
  const installations = config.oauth ? new SlackInstallationStore(deps.installations) : undefined;
  const oauth =
    config.oauth && installations
      ? {
          clientId: config.oauth.clientId,
          clientSecret: config.oauth.clientSecret,
          stateSecret: config.oauth.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: installations,
          installerOptions: {
            directInstall: true,
            installPath: SLACK_INSTALL_PATH,
            redirectUriPath: SLACK_REDIRECT_PATH,
            stateStore: new SingleUseStateStore(config.oauth.stateSecret, deps.seenRequests, deps.requestClock),
          },
        }
      : {};
  const socketMode = Boolean(config.appToken);
  const receiver = config.appToken
    ? new SocketModeReceiver({ appToken: config.appToken, logger, ...oauth })
    : new HTTPReceiver({
        signingSecret: config.signingSecret,
        endpoints: [SLACK_EVENTS_PATH],
        logger,
        bodyLimit: SLACK_BODY_LIMIT_BYTES,
        ...oauth,
      });
  const app = new App({
    receiver,
    logger,
    // No SDK retries inside a request: a trigger_id lives 3 s, and a failed call is better reported than repeated.
    clientOptions: { slackApiUrl: config.apiUrl, retryConfig: { retries: 0 }, timeout: 5_000 },
    ...(config.botToken ? { token: config.botToken } : {}),
    ...(deps.offline
      ? { tokenVerificationEnabled: false, botId: deps.offline.botId, botUserId: deps.offline.botUserId }
      : {}),
    // Bolt checks the bot token (auth.test) while initialising; deferred to start(), where a bad
    // token or an unreachable Slack becomes a clear start-up error instead of an unhandled rejection.
    deferInitialization: true,
  });
  app.use(eventOnce({ seen: deps.seenRequests, clock: deps.requestClock }));
  app.error(async (error) => {
    deps.logger.error({ err: error.original ?? error, code: error.code }, 'Slack handler failed');
  });
  // One linker for every surface, so a user is looked up once whichever they use first.
  const identity = new FirstContactLinker(deps.store, deps.clock);
  const handled = registerSlackHandlers(app, {
    service: deps.service,
    chatImport: deps.chatImport,
    identity,
    clock: deps.clock,
    logger: deps.logger,
  });
  registerAppHome(app, { service: deps.service, identity, logger: deps.logger });
  registerUninstallHandlers(app, {
    installations: deps.installations,
    clock: deps.clock,
    logger: deps.logger.child({ component: 'slack-uninstall' }),
  });
  const registrations: SlackRegistrations = {
    ...handled,
    events: [...handled.events, ...UNINSTALL_EVENTS, APP_HOME_EVENT],
  };

  const guard = new SlackRequestGuard({
    seen: deps.seenRequests,
    clock: deps.requestClock,
    signingSecret: config.signingSecret,
    bodyLimitBytes: SLACK_BODY_LIMIT_BYTES,
  });
  const route: Route | undefined =
    receiver instanceof HTTPReceiver
      ? slackRoute({ receiver, guard, oauth: Boolean(config.oauth), logger: deps.logger })
      : undefined;

  return {
    app,
    registrations,
    ...(route ? { route } : {}),
    ...(installations ? { installations } : {}),
    async tokenFor(teamId) {
      if (config.botToken) return config.botToken;
      return teamId && installations ? installations.botToken(teamId) : undefined;
    },
    async start() {
      // Asked only when some workspace is marked uninstalled, so a usual start calls Slack once (Bolt's check).
      const marked = config.botToken && !deps.offline ? await deps.installations.uninstalledTeams() : [];
      let teamId: string | undefined;
      try {
        await app.init();
        if (marked.length > 0) teamId = (await app.client.auth.test({ token: config.botToken })).team_id;
      } catch (error) {
        throw slackStartError(error, config);
      }
      // A bot token Slack accepts means planbot is installed in its team again (an uninstall revokes
      // the token): resume that team's plans. OAuth installs do this when they are stored.
      if (teamId && marked.includes(teamId)) await deps.installations.reinstalled(teamId);
      if (socketMode) await app.start();
    },
    async stop() {
      if (socketMode) await app.stop();
    },
    async linkMembers() {
      let linked = 0;
      for (const workspace of await deps.workspaces.withActivePlans()) {
        const token = await this.tokenFor(workspace.teamId);
        if (!token) continue;
        const client = new WebClient(token, { slackApiUrl: config.apiUrl, retryConfig: { retries: 0 }, logger });
        linked += await linkSlackMembers({ store: deps.store, clock: deps.clock, logger: deps.logger }, client, {
          platform: 'slack',
          externalId: workspace.teamId,
          name: workspace.name,
        });
      }
      return linked;
    },
  };
}

function slackStartError(error: unknown, config: SlackConfig): PlanError {
  const slackCode = (error as { data?: { error?: string } }).data?.error;
  if (slackCode) {
    return new PlanError(
      'config_invalid',
      `Slack refused SLACK_BOT_TOKEN (${slackCode}): copy the Bot User OAuth Token (xoxb-…) again from the app's OAuth & Permissions page, or reinstall the app.`,
    );
  }
  return new PlanError(
    'config_invalid',
    `Could not reach Slack at ${config.apiUrl} to check SLACK_BOT_TOKEN (${(error as Error).message}). Check the network, or SLACK_API_URL.`,
  );
}
