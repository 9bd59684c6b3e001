import type { ConversationReferences, StoredConversation } from './conversation-references.js';

/** How a direct message to one Teams user gets delivered. */
export type DirectChatRoute =
  /** Their 1:1 chat with planbot is known: post into it. */
  | { kind: 'existing'; conversation: StoredConversation }
  /** Open a 1:1 chat in `tenantId`, through the service URL of another conversation there. */
  | { kind: 'create'; tenantId: string; via: StoredConversation }
  | { kind: 'unknown' };

/**
 * Finds where a DM to a Teams user (AAD object id) goes. Teams can only open a 1:1 chat inside a
 * tenant that has planbot installed, and the request must go to that tenant's service URL, so
 * without a stored chat we need a tenant and one of its conversations. Tried in order, most
 * specific first:
 * 1. the user's own 1:1 chat with planbot;
 * 2. the outbox row's workspace, when it is a Teams tenant (a Slack team id finds nothing here);
 * 3. the tenants of Teams plans that list this user (plan `teamsId`, `link`);
 * 4. the only tenant planbot knows, on a single-tenant install. With several tenants a guess could
 *    open a chat in the wrong organisation, so we stop and say what to do instead.
 */
export async function findDirectChatRoute(
  conversations: ConversationReferences,
  userId: string,
  workspace: string | undefined,
): Promise<DirectChatRoute> {
  const personal = await conversations.personalChatOf(userId);
  if (personal) return { kind: 'existing', conversation: personal };
  const tenants = [
    ...(workspace ? [workspace] : []),
    ...(await conversations.planTenantsOf(userId)),
    ...(await onlyKnownTenant(conversations)),
  ];
  for (const tenantId of new Set(tenants)) {
    const via = await conversations.anyInTenant(tenantId);
    if (via) return { kind: 'create', tenantId, via };
  }
  return { kind: 'unknown' };
}

async function onlyKnownTenant(conversations: ConversationReferences): Promise<string[]> {
  // Two are enough to know it is not the only one.
  const known = await conversations.tenantsWithConversations(2);
  return known.length === 1 ? known : [];
}
