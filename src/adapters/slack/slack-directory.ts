import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Clock } from '../../service/ports/clock.js';
import { linkMembersFromDirectory } from '../../service/commands/email-link.js';
import type { PlanStore } from '../../service/ports/plan-store.js';
import type { WorkspaceRef } from '../../service/read-model/workspace-ref.js';

/**
 * Links a Slack workspace's plan members to their Slack accounts by the emails in the plan
 * (`users.lookupByEmail`, scope users:read.email). An email Slack does not know is skipped; any
 * other failure is logged and linking goes on with the next member (people can still link
 * themselves with `/plan link`).
 */
export async function linkSlackMembers(
  deps: { store: PlanStore; clock: Clock; logger: Logger },
  client: WebClient,
  workspace: WorkspaceRef,
): Promise<number> {
  const lookup = async (email: string): Promise<string | undefined> => {
    try {
      const found = await client.users.lookupByEmail({ email });
      return found.user?.deleted ? undefined : found.user?.id;
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code !== 'users_not_found') deps.logger.warn({ err: error, code }, 'Slack users.lookupByEmail failed');
      return undefined;
    }
  };
  const linked = await linkMembersFromDirectory(deps.store, workspace, lookup, deps.clock.now());
  if (linked > 0)
    deps.logger.info({ workspace: workspace.externalId, linked }, 'linked plan members to Slack accounts by email');
  return linked;
}
