import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationReferences } from './conversation-references.js';
import { baseConversationId, conversationKindOf } from './teams-context.js';

// Distinct conversations remembered per process; past this the memory starts over (a write each).
const MAX_REMEMBERED = 10_000;

/**
 * Stores where planbot can post later without being asked: the plan's channel for rituals, a
 * user's 1:1 chat for escalation DMs. Called when planbot is installed or added, and on every
 * message, so a service URL Teams moves is picked up by the next contact; a reference that did
 * not change since this process last stored it is not written again (most messages).
 */
export class ConversationMemory {
  private readonly stored = new Map<string, string>();

  constructor(private readonly references: ConversationReferences) {}

  /** `always`: install and membership events write even when unchanged (another replica may have forgotten it). */
  async remember(activity: Activity, tenantId: string, options: { always?: boolean } = {}): Promise<void> {
    const conversationId = activity.conversation?.id;
    if (!conversationId || !activity.serviceUrl) return;
    const kind = conversationKindOf(activity);
    const id = kind === 'channel' ? baseConversationId(conversationId) : conversationId;
    const reference = TurnContext.getConversationReference(activity);
    // A channel reference must start new threads, not answer the message that happened to carry it;
    // only a 1:1 reference keeps its user, whom later DMs go to.
    const { activityId: _activityId, user, ...rest } = reference;
    const userId =
      kind === 'personal' && activity.from?.aadObjectId && activity.from.role !== 'bot'
        ? activity.from.aadObjectId
        : undefined;
    const stored = {
      ...rest,
      conversation: { ...reference.conversation, id, tenantId },
      ...(kind === 'personal' && user ? { user } : {}),
    };
    const json = JSON.stringify(stored);
    const key = `${tenantId}:${id}`;
    if (!options.always && this.stored.get(key) === `${userId ?? ''}|${json}`) return;
    await this.references.save({
      tenantId,
      conversationId: id,
      kind,
      ...(userId ? { userId } : {}),
      reference: JSON.parse(json) as object,
    });
    if (this.stored.size >= MAX_REMEMBERED) this.stored.clear();
    this.stored.set(key, `${userId ?? ''}|${json}`);
  }

  async forget(activity: Activity, tenantId: string): Promise<void> {
    const conversationId = activity.conversation?.id;
    if (!conversationId) return;
    const id = conversationKindOf(activity) === 'channel' ? baseConversationId(conversationId) : conversationId;
    this.stored.delete(`${tenantId}:${id}`);
    await this.references.forget(tenantId, id);
  }
}

/**
 * Whether this activity says planbot itself left the conversation (uninstalled, removed from the
 * team or chat); its reference is then dropped instead of refreshed.
 */
export function botRemoved(activity: Activity): boolean {
  if (activity.type === 'installationUpdate')
    return activity.action === 'remove' || activity.action === 'remove-upgrade';
  const botId = activity.recipient?.id;
  return (
    activity.type === 'conversationUpdate' &&
    botId !== undefined &&
    (activity.membersRemoved ?? []).some((member) => member.id === botId)
  );
}
