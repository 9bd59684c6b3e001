import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ChatContext } from '../../service/read-model/chat-context.js';
import type { ChatProfile, FirstContactLinker, LinkedMember } from '../../service/commands/email-link.js';

/**
 * Links a Teams user to their plan member by the email on their Teams profile the first time
 * they write (the service's FirstContactLinker decides when and matches; this only asks Teams who
 * the user is), so people never have to run `link`.
 */
export function linkTeamsUser(
  linker: FirstContactLinker,
  context: TurnContext,
  ctx: ChatContext,
  logger: Logger,
): Promise<LinkedMember[]> {
  return linker.link(ctx, async (): Promise<ChatProfile | undefined> => {
    const teamsUserId = context.activity.from?.id;
    if (!teamsUserId) return undefined;
    try {
      const profile = await TeamsInfo.getMember(context, teamsUserId);
      const upn = profile.userPrincipalName;
      const email = profile.email ?? (upn?.includes('@') ? upn : undefined);
      return { ...(email ? { email } : {}), ...(upn ? { handles: [upn] } : {}) };
    } catch (error) {
      // Not being able to read the profile only means the user has to run `link`.
      logger.warn({ err: error }, 'Teams: could not read the member profile to link by email');
      return undefined;
    }
  });
}

/**
 * The AAD object id of a user named by an `<at>Name</at>` mention (`plan link <at>Sam</at> "Sam
 * Jackson"`), read from the activity's mention entities and the member roster. Null when the
 * token is not a mention of a person in this conversation.
 */
export async function resolveMentionedUser(context: TurnContext, token: string): Promise<string | null> {
  const mention = (context.activity.entities ?? []).find(
    (entity) =>
      entity.type === 'mention' &&
      typeof entity.text === 'string' &&
      entity.text.trim() === token.trim() &&
      entity.mentioned?.id !== context.activity.recipient?.id,
  ) as { mentioned?: { id?: string; aadObjectId?: string } } | undefined;
  const mentioned = mention?.mentioned;
  if (!mentioned?.id) return null;
  if (mentioned.aadObjectId) return mentioned.aadObjectId;
  try {
    const member = await TeamsInfo.getMember(context, mentioned.id);
    return member.aadObjectId ?? null;
  } catch {
    return null;
  }
}
