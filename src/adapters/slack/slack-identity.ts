import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { ChatContext } from '../../service/chat-context.js';
import type { Clock } from '../../service/clock.js';
import { linkChatUser } from '../../service/email-link.js';
import type { PlanStore } from '../../service/plan-store.js';
import type { PrismaClient } from '../../store/database.js';

/**
 * Links a Slack user to their plan member the first time they talk to planbot: by the email on
 * their Slack profile (users.info, needs users:read.email), else by their handle. Users already
 * linked cost one indexed lookup per process; unknown users are retried at most every few
 * minutes so a stranger typing commands does not cost a users.info call each time.
 */
export class SlackIdentityLinker {
  private readonly linked = new Set<string>();
  private readonly triedAt = new Map<string, number>();

  constructor(
    private readonly deps: { db: PrismaClient; store: PlanStore; clock: Clock; logger: Logger },
    private readonly retryMs = 5 * 60_000,
  ) {}

  async ensureLinked(ctx: ChatContext, client: WebClient): Promise<void> {
    const key = `${ctx.workspace.externalId}:${ctx.actor.userId}`;
    if (this.linked.has(key)) return;
    const known = await this.deps.db.chatIdentity.findFirst({
      where: { platform: 'slack', externalId: ctx.actor.userId, member: { plan: { workspace: { platform: 'slack', externalId: ctx.workspace.externalId } } } },
      select: { id: true },
    });
    if (known) {
      this.linked.add(key);
      return;
    }
    const now = this.deps.clock.now().getTime();
    if (now - (this.triedAt.get(key) ?? -Infinity) < this.retryMs) return;
    this.triedAt.set(key, now);
    try {
      const info = await client.users.info({ user: ctx.actor.userId });
      const user = info.user;
      const handles = [user?.name, user?.profile?.display_name, user?.profile?.real_name].filter((h): h is string => Boolean(h));
      const result = await linkChatUser(this.deps.store, ctx, { ...(user?.profile?.email ? { email: user.profile.email } : {}), handles }, this.deps.clock.now());
      if (result.length > 0) {
        this.linked.add(key);
        this.deps.logger.info({ user: ctx.actor.userId, plans: result.map((r) => r.planName) }, 'linked Slack user to plan member');
      }
    } catch (error) {
      // Linking is a convenience: without it the user can still run `/plan link "Name"`.
      this.deps.logger.warn({ err: error, user: ctx.actor.userId }, 'could not look up Slack user for linking');
    }
  }
}
