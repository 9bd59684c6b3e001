/** Where a Teams conversation happens: a team's channel, a group chat, or a 1:1 chat with planbot. */
export type ConversationKind = 'channel' | 'group' | 'personal';

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

/**
 * Where planbot can post in Teams without being asked (rituals, DMs), and which tenants a user
 * can be reached in. Saved on install and on every message, so a service URL that Teams moves is
 * refreshed by the next contact. Lookups span every tenant unless they name one.
 */
export interface ConversationReferences {
  /** Stores the conversation's reference (creating its tenant's workspace), replacing an earlier one. */
  save(input: SaveConversationInput): Promise<void>;
  /** A conversation by id, the most recently refreshed if two tenants share it. */
  find(conversationId: string): Promise<StoredConversation | null>;
  /** A user's 1:1 chat with the bot, in any tenant (the most recently refreshed one). */
  personalChatOf(userId: string): Promise<StoredConversation | null>;
  /** Any conversation in the tenant: its service URL is where a new 1:1 chat is created. */
  anyInTenant(tenantId: string): Promise<StoredConversation | null>;
  /** planbot was removed from the conversation: nothing more can be posted there. */
  forget(tenantId: string, conversationId: string): Promise<void>;
  /** Tenants of Teams plans whose members include this user (a plan's `teamsId`, `link`). */
  planTenantsOf(userId: string): Promise<string[]>;
  /** Up to `limit` tenants with at least one stored conversation. */
  tenantsWithConversations(limit: number): Promise<string[]>;
}
