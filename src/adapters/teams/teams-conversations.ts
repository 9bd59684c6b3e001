import { TurnContext, type Activity } from 'botbuilder';
import { forgetConversation, saveConversation } from '../../store/conversation-reference-repository.js';
import type { PrismaClient } from '../../store/database.js';
import { baseConversationId, conversationKindOf } from './teams-context.js';

/**
 * Stores where planbot can post later without being asked: the plan's channel for rituals, a
 * user's 1:1 chat for escalation DMs. Called when planbot is installed or added, and on every
 * message, so a service URL Teams moves is picked up by the next contact.
 */
export async function rememberConversation(db: PrismaClient, activity: Activity, tenantId: string): Promise<void> {
  const conversationId = activity.conversation?.id;
  if (!conversationId || !activity.serviceUrl) return;
  const kind = conversationKindOf(activity);
  const id = kind === 'channel' ? baseConversationId(conversationId) : conversationId;
  const reference = TurnContext.getConversationReference(activity);
  // A channel reference must start new threads, not answer the message that happened to carry it;
  // only a 1:1 reference keeps its user, whom later DMs go to.
  const { activityId: _activityId, user, ...rest } = reference;
  const stored = {
    ...rest,
    conversation: { ...reference.conversation, id, tenantId },
    ...(kind === 'personal' && user ? { user } : {}),
  };
  await saveConversation(db, {
    tenantId,
    conversationId: id,
    kind,
    ...(kind === 'personal' && activity.from?.aadObjectId && activity.from.role !== 'bot' ? { userId: activity.from.aadObjectId } : {}),
    reference: JSON.parse(JSON.stringify(stored)) as object,
  });
}

/**
 * Whether this activity says planbot itself left the conversation (uninstalled, removed from the
 * team or chat); its reference is then dropped instead of refreshed.
 */
export function botRemoved(activity: Activity): boolean {
  if (activity.type === 'installationUpdate') return activity.action === 'remove' || activity.action === 'remove-upgrade';
  const botId = activity.recipient?.id;
  return activity.type === 'conversationUpdate' && botId !== undefined && (activity.membersRemoved ?? []).some((member) => member.id === botId);
}

export async function forgetConversationOf(db: PrismaClient, activity: Activity, tenantId: string): Promise<void> {
  const conversationId = activity.conversation?.id;
  if (!conversationId) return;
  const id = conversationKindOf(activity) === 'channel' ? baseConversationId(conversationId) : conversationId;
  await forgetConversation(db, tenantId, id);
}
