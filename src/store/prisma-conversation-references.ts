import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type {
  ConversationReferences,
  SaveConversationInput,
  StoredConversation,
  StoredReference,
} from '../adapters/teams/conversation-references.js';

type Db = Pick<PrismaClient, 'workspace' | 'conversationReference' | 'chatIdentity'>;

/** ConversationReferences on the conversation_reference table, each row under its tenant's workspace. */
export class PrismaConversationReferences implements ConversationReferences {
  constructor(private readonly db: Db) {}

  async save(input: SaveConversationInput): Promise<void> {
    const workspace = await this.db.workspace.upsert({
      where: { platform_externalId: { platform: 'teams', externalId: input.tenantId } },
      create: { platform: 'teams', externalId: input.tenantId, name: input.tenantName ?? input.tenantId },
      // A name learnt later replaces the tenant id placeholder; an absent name keeps what is stored.
      update: input.tenantName ? { name: input.tenantName } : {},
    });
    const reference = input.reference as Prisma.InputJsonValue;
    const data = { kind: input.kind, reference, ...(input.userId !== undefined ? { userId: input.userId } : {}) };
    await this.db.conversationReference.upsert({
      where: { workspaceId_conversationId: { workspaceId: workspace.id, conversationId: input.conversationId } },
      create: { workspaceId: workspace.id, conversationId: input.conversationId, ...data },
      update: data,
    });
  }

  async find(conversationId: string): Promise<StoredConversation | null> {
    const row = await this.db.conversationReference.findFirst({
      where: { conversationId, workspace: { platform: 'teams' } },
      include: { workspace: true },
      orderBy: { updatedAt: 'desc' },
    });
    return row ? toStored(row) : null;
  }

  async personalChatOf(userId: string): Promise<StoredConversation | null> {
    const row = await this.db.conversationReference.findFirst({
      where: { userId, kind: 'personal', workspace: { platform: 'teams' } },
      include: { workspace: true },
      orderBy: { updatedAt: 'desc' },
    });
    return row ? toStored(row) : null;
  }

  async anyInTenant(tenantId: string): Promise<StoredConversation | null> {
    const row = await this.db.conversationReference.findFirst({
      where: { workspace: { platform: 'teams', externalId: tenantId } },
      include: { workspace: true },
      orderBy: { updatedAt: 'desc' },
    });
    return row ? toStored(row) : null;
  }

  async forget(tenantId: string, conversationId: string): Promise<void> {
    await this.db.conversationReference.deleteMany({
      where: { conversationId, workspace: { platform: 'teams', externalId: tenantId } },
    });
  }

  async planTenantsOf(userId: string): Promise<string[]> {
    const identities = await this.db.chatIdentity.findMany({
      where: { platform: 'teams', externalId: userId, member: { plan: { workspace: { platform: 'teams' } } } },
      select: { member: { select: { plan: { select: { workspace: { select: { externalId: true } } } } } } },
    });
    return identities.map((i) => i.member.plan.workspace.externalId);
  }

  async tenantsWithConversations(limit: number): Promise<string[]> {
    const known = await this.db.workspace.findMany({
      where: { platform: 'teams', conversations: { some: {} } },
      select: { externalId: true },
      take: limit,
    });
    return known.map((w) => w.externalId);
  }
}

function toStored(row: {
  conversationId: string;
  kind: StoredConversation['kind'];
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
