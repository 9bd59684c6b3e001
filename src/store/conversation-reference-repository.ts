import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { ConversationKind } from '../generated/prisma/enums.js';

/**
 * botbuilder's ConversationReference as stored JSON. Declared here (not imported) so the store
 * stays free of botbuilder: the SDK is archived and must be replaceable inside adapters/teams.
 */
export interface StoredReference {
  serviceUrl?: string;
  channelId?: string;
  conversation?: { id: string; tenantId?: string; conversationType?: string; isGroup?: boolean; name?: string };
  bot?: { id: string; name?: string };
  user?: { id: string; name?: string; aadObjectId?: string };
  activityId?: string;
  locale?: string;
}

export interface StoredConversation {
  conversationId: string;
  kind: ConversationKind;
  /** For a 1:1 chat: the user's AAD object id. */
  userId: string | null;
  reference: StoredReference;
  tenantId: string;
}

export interface SaveConversationInput {
  tenantId: string;
  tenantName?: string;
  conversationId: string;
  kind: ConversationKind;
  userId?: string;
  reference: object;
}

type Db = Pick<PrismaClient, 'workspace' | 'conversationReference'>;

/**
 * Remembers where the bot can post proactively. Saved on install and on every personal message,
 * so a service URL that Teams moves is refreshed by the next contact.
 */
export async function saveConversation(db: Db, input: SaveConversationInput): Promise<void> {
  const workspace = await db.workspace.upsert({
    where: { platform_externalId: { platform: 'teams', externalId: input.tenantId } },
    create: { platform: 'teams', externalId: input.tenantId, name: input.tenantName ?? input.tenantId },
    // A name learnt later replaces the tenant id placeholder; an absent name keeps what is stored.
    update: input.tenantName ? { name: input.tenantName } : {},
  });
  const reference = input.reference as Prisma.InputJsonValue;
  const data = { kind: input.kind, reference, ...(input.userId !== undefined ? { userId: input.userId } : {}) };
  await db.conversationReference.upsert({
    where: { workspaceId_conversationId: { workspaceId: workspace.id, conversationId: input.conversationId } },
    create: { workspaceId: workspace.id, conversationId: input.conversationId, ...data },
    update: data,
  });
}

export async function findConversation(db: Db, conversationId: string): Promise<StoredConversation | null> {
  const row = await db.conversationReference.findFirst({
    where: { conversationId, workspace: { platform: 'teams' } },
    include: { workspace: true },
    orderBy: { updatedAt: 'desc' },
  });
  return row ? toStored(row) : null;
}

/** A user's 1:1 chat with the bot, in any tenant (the most recently refreshed one). */
export async function findPersonalConversation(db: Db, userId: string): Promise<StoredConversation | null> {
  const row = await db.conversationReference.findFirst({
    where: { userId, kind: 'personal', workspace: { platform: 'teams' } },
    include: { workspace: true },
    orderBy: { updatedAt: 'desc' },
  });
  return row ? toStored(row) : null;
}

/** Any conversation in the tenant: its service URL is where a new 1:1 chat is created. */
export async function anyReferenceForTenant(db: Db, tenantId: string): Promise<StoredConversation | null> {
  const row = await db.conversationReference.findFirst({
    where: { workspace: { platform: 'teams', externalId: tenantId } },
    include: { workspace: true },
    orderBy: { updatedAt: 'desc' },
  });
  return row ? toStored(row) : null;
}

function toStored(row: {
  conversationId: string;
  kind: ConversationKind;
  userId: string | null;
  reference: Prisma.JsonValue;
  workspace: { externalId: string };
}): StoredConversation {
  return {
    conversationId: row.conversationId,
    kind: row.kind,
    userId: row.userId,
    reference: (row.reference ?? {}) as StoredReference,
    tenantId: row.workspace.externalId,
  };
}

/** planbot was removed from the conversation: nothing more can be posted there. */
export async function forgetConversation(db: Db, tenantId: string, conversationId: string): Promise<void> {
  await db.conversationReference.deleteMany({
    where: { conversationId, workspace: { platform: 'teams', externalId: tenantId } },
  });
}
