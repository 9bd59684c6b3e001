import type { Activity } from 'botbuilder';
import type { ChatContext } from '../../service/read-model/chat-context.js';
import type { ConversationKind } from './conversation-references.js';

/** The tenant an activity comes from, or why it cannot be told. */
export type TenantOf = { ok: true; tenantId: string } | { ok: false; reason: string };

interface TeamsChannelData {
  tenant?: { id?: unknown };
  channel?: { id?: unknown };
  team?: { id?: unknown; name?: unknown };
}

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  const data: unknown = activity.channelData;
  return typeof data === 'object' && data !== null ? (data as TeamsChannelData) : {};
}

/**
 * The Teams tenant is the workspace: every query is scoped to it. Teams puts it in channelData and
 * on the conversation; if both are present they must agree, or the activity is not trusted to say
 * which tenant's plans it may see.
 */
export function tenantOf(activity: Partial<Activity>): TenantOf {
  const fromChannelData = channelDataOf(activity).tenant?.id;
  const fromConversation = activity.conversation?.tenantId;
  const a = typeof fromChannelData === 'string' && fromChannelData !== '' ? fromChannelData : undefined;
  const b = typeof fromConversation === 'string' && fromConversation !== '' ? fromConversation : undefined;
  if (a !== undefined && b !== undefined && a !== b)
    return { ok: false, reason: 'the activity names two different tenants' };
  const tenantId = a ?? b;
  return tenantId === undefined ? { ok: false, reason: 'the activity names no tenant' } : { ok: true, tenantId };
}

/**
 * The conversation a plan is bound to. A channel message arrives as `19:…@thread.tacv2;messageid=…`
 * (the thread it starts or answers); the plan's channel is the part before `;messageid=`.
 */
export function baseConversationId(conversationId: string): string {
  const cut = conversationId.indexOf(';messageid=');
  return cut === -1 ? conversationId : conversationId.slice(0, cut);
}

export function conversationKindOf(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'group';
  if (type === 'personal') return 'personal';
  // Older payloads have no conversationType: a channel shows in channelData, a group in isGroup.
  if (channelDataOf(activity).channel?.id !== undefined) return 'channel';
  return activity.conversation?.isGroup ? 'group' : 'personal';
}

/**
 * Who is asking, from where, as PlanService sees it. The user is their AAD object id (stable across
 * chats, and what a plan's `teamsId` names); without one (a guest from another directory, a bot)
 * there is nobody to check roles for, so null.
 */
export function chatContextOf(activity: Partial<Activity>, tenantId: string): ChatContext | null {
  const userId = activity.from?.aadObjectId;
  const conversationId = activity.conversation?.id;
  if (!userId || !conversationId) return null;
  return {
    workspace: { platform: 'teams', externalId: tenantId, name: tenantId },
    channel: baseConversationId(conversationId),
    actor: {
      platform: 'teams',
      userId,
      ...(activity.localTimezone ? { zone: activity.localTimezone } : {}),
    },
  };
}
