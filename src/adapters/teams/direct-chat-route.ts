import {
  anyReferenceForTenant,
  findPersonalConversation,
  type StoredConversation,
} from '../../store/conversation-reference-repository.js';
import type { PrismaClient } from '../../store/database.js';

/** How a direct message to one Teams user gets delivered. */
export type DirectChatRoute =
  /** Their 1:1 chat with planbot is known: post into it. */
  | { kind: 'existing'; conversation: StoredConversation }
  /** Open a 1:1 chat in `tenantId`, through the service URL of another conversation there. */
  | { kind: 'create'; tenantId: string; via: StoredConversation }
  | { kind: 'unknown' };

type Db = Pick<PrismaClient, 'workspace' | 'conversationReference' | 'chatIdentity'>;

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
  db: Db,
  userId: string,
  workspace: string | undefined,
): Promise<DirectChatRoute> {
  const personal = await findPersonalConversation(db, userId);
  if (personal) return { kind: 'existing', conversation: personal };
  const tenants = [
    ...(workspace ? [workspace] : []),
    ...(await planTenants(db, userId)),
    ...(await onlyKnownTenant(db)),
  ];
  for (const tenantId of new Set(tenants)) {
    const via = await anyReferenceForTenant(db, tenantId);
    if (via) return { kind: 'create', tenantId, via };
  }
  return { kind: 'unknown' };
}

async function planTenants(db: Db, userId: string): Promise<string[]> {
  const identities = await db.chatIdentity.findMany({
    where: { platform: 'teams', externalId: userId, member: { plan: { workspace: { platform: 'teams' } } } },
    select: { member: { select: { plan: { select: { workspace: { select: { externalId: true } } } } } } },
  });
  return identities.map((i) => i.member.plan.workspace.externalId);
}

async function onlyKnownTenant(db: Db): Promise<string[]> {
  const known = await db.workspace.findMany({
    where: { platform: 'teams', conversations: { some: {} } },
    select: { externalId: true },
    take: 2,
  });
  return known.length === 1 ? known.map((w) => w.externalId) : [];
}
