import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { uninstalledReason } from '../../service/messages/uninstalled-reason.js';
import type { Clock } from '../../service/ports/clock.js';
import type { SlackInstallations } from './slack-installations.js';

/** The events that tell planbot it can no longer act in a workspace; the manifests subscribe to both. */
export const UNINSTALL_EVENTS = ['app_uninstalled', 'tokens_revoked'] as const;

export interface SlackUninstallDeps {
  installations: SlackInstallations;
  clock: Clock;
  logger: Logger;
}

/**
 * Uninstalling planbot (or revoking its bot token) leaves it no token for the workspace: forget
 * the install, pause the workspace's plans and park what was queued for it, saying why, instead
 * of retrying posts that can only fail. Bolt runs these without authorising the team (it has no
 * token left), so they work in OAuth and one-workspace mode alike.
 */
export function registerUninstallHandlers(app: App, deps: SlackUninstallDeps): void {
  app.event('app_uninstalled', async ({ body }) => {
    await uninstalled(deps, body.team_id, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    // User tokens (tokens.oauth) are not planbot's; only losing its bot token stops it.
    if ((event.tokens.bot ?? []).length === 0) {
      deps.logger.info({ teamId: body.team_id }, 'Slack revoked user tokens only; planbot keeps running there');
      return;
    }
    await uninstalled(deps, body.team_id, 'tokens_revoked');
  });
}

async function uninstalled(deps: SlackUninstallDeps, teamId: string, event: string): Promise<void> {
  const result = await deps.installations.uninstalled(teamId, deps.clock.now(), uninstalledReason('slack'));
  if (!result) {
    deps.logger.info({ teamId, event }, 'Slack workspace without plans uninstalled planbot; nothing to pause');
    return;
  }
  deps.logger.warn(
    { teamId, event, parked: result.parked },
    'planbot was uninstalled from a Slack workspace: its plans are paused and its queued messages parked until it is reinstalled',
  );
}
