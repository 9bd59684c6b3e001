import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { ChatContext } from '../../service/read-model/chat-context.js';
import type { ChatProfile, FirstContactLinker } from '../../service/commands/email-link.js';

/**
 * Links a Slack user to their plan member the first time they talk to planbot (the service's
 * FirstContactLinker decides when): by the email on their Slack profile (users.info, needs
 * users:read.email), else by their names.
 */
export async function linkSlackUser(
  linker: FirstContactLinker,
  ctx: ChatContext,
  client: WebClient,
  logger: Logger,
): Promise<void> {
  const linked = await linker.link(ctx, async (): Promise<ChatProfile | undefined> => {
    try {
      const user = (await client.users.info({ user: ctx.actor.userId })).user;
      const handles = [user?.name, user?.profile?.display_name, user?.profile?.real_name].filter((h): h is string =>
        Boolean(h),
      );
      return { ...(user?.profile?.email ? { email: user.profile.email } : {}), handles };
    } catch (error) {
      // Linking is a convenience: without it the user can still run `/plan link "Name"`.
      logger.warn({ err: error, user: ctx.actor.userId }, 'could not look up Slack user for linking');
      return undefined;
    }
  });
  if (linked.length > 0)
    logger.info({ user: ctx.actor.userId, plans: linked.map((r) => r.planName) }, 'linked Slack user to plan member');
}
