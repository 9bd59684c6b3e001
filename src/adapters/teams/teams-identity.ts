import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { ChatContext } from '../../service/chat-context.js';
import type { Clock } from '../../service/clock.js';
import { linkChatUser, type LinkedMember } from '../../service/email-link.js';
import type { PlanStore } from '../../service/plan-store.js';
import type { PrismaClient } from '../../store/database.js';

// A user whose email matched nobody is asked again only after this long, not on every message.
const RETRY_AFTER_MS = 60 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

export interface IdentityLinkerDeps {
  store: PlanStore;
  db: PrismaClient;
  clock: Clock;
  logger: Logger;
}

/**
 * Links a Teams user to their plan member by the email on their Teams profile, the first time
 * they write, so people never have to run `link`. Matching (and refusing to guess or take over a
 * linked member) is the service's (email-link.ts); this only asks Teams who the user is.
 */
export class IdentityLinker {
  private readonly tried = new Map<string, number>();

  constructor(private readonly deps: IdentityLinkerDeps) {}

  async linkIfNew(context: TurnContext, ctx: ChatContext): Promise<LinkedMember[]> {
    const key = `${ctx.workspace.externalId}:${ctx.actor.userId}`;
    const now = this.deps.clock.now();
    const last = this.tried.get(key);
    if (last !== undefined && now.getTime() - last < RETRY_AFTER_MS) return [];
    if (await this.isLinked(ctx)) return [];
    this.remember(key, now.getTime());
    const teamsUserId = context.activity.from?.id;
    if (!teamsUserId) return [];
    let profile: { email?: string; userPrincipalName?: string };
    try {
      profile = await TeamsInfo.getMember(context, teamsUserId);
    } catch (error) {
      // Not being able to read the profile only means the user has to run `link`.
      this.deps.logger.warn({ err: error }, 'Teams: could not read the member profile to link by email');
      return [];
    }
    const upn = profile.userPrincipalName;
    const email = profile.email ?? (upn?.includes('@') ? upn : undefined);
    const linked = await linkChatUser(this.deps.store, ctx, { ...(email ? { email } : {}), ...(upn ? { handles: [upn] } : {}) }, now);
    if (linked.length > 0) this.tried.delete(key);
    return linked;
  }

  /** Linked to a member of any live plan of this tenant. */
  private async isLinked(ctx: ChatContext): Promise<boolean> {
    const identity = await this.deps.db.chatIdentity.findFirst({
      where: { platform: 'teams', externalId: ctx.actor.userId, member: { plan: { archived: false, workspace: { platform: 'teams', externalId: ctx.workspace.externalId } } } },
      select: { id: true },
    });
    return identity !== null;
  }

  private remember(key: string, at: number): void {
    // Bounded: a tenant of thousands of unmatched users must not grow the process without limit.
    if (this.tried.size >= MAX_REMEMBERED) this.tried.clear();
    this.tried.set(key, at);
  }
}

/**
 * The AAD object id of a user named by an `<at>Name</at>` mention (`plan link <at>Sam</at> "Sam
 * Jackson"`), read from the activity's mention entities and the member roster. Null when the
 * token is not a mention of a person in this conversation.
 */
export async function resolveMentionedUser(context: TurnContext, token: string): Promise<string | null> {
  const mention = (context.activity.entities ?? []).find(
    (entity) => entity.type === 'mention' && typeof entity.text === 'string' && entity.text.trim() === token.trim() && entity.mentioned?.id !== context.activity.recipient?.id,
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
