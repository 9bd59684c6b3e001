import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';

/** The two Bot Connector calls planbot makes on its own initiative. */
export interface ConnectorCalls {
  /** POST v3/conversations/{id}/activities: a new message (a thread reply when the id names one). */
  sendToConversation(
    conversationId: string,
    activity: object,
    options?: ConnectorRequestOptions,
  ): Promise<{ id?: string }>;
  /** POST v3/conversations: opens (or finds) a 1:1 chat. */
  createConversation(parameters: DirectChatParameters, options?: ConnectorRequestOptions): Promise<{ id?: string }>;
}

/** The ConnectorClient's per-request options planbot sets. */
export interface ConnectorRequestOptions {
  /** Abandon the request (an AbortError) when the connector has not answered in this many ms. */
  timeout?: number;
}

/** The subset of botframework-schema's ConversationParameters a Teams 1:1 chat needs. */
export interface DirectChatParameters {
  isGroup: false;
  bot: { id: string; name?: string };
  /** The user's AAD object id (Teams also accepts its `29:` id). */
  members: { id: string }[];
  tenantId: string;
  channelData: { tenant: { id: string } };
}

// The parts of botframework-connector's ConnectorClient we use; that package is not a direct
// dependency, so its type is described here rather than imported.
interface ConnectorClientLike {
  conversations: ConnectorCalls;
  client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } };
}

/**
 * Runs `work` with a Bot Connector client authenticated for the reference's service URL.
 *
 * Two botbuilder behaviours are worked around here:
 * - The client's pipeline retries 429s (sleeping for Retry-After) and 5xx itself. The outbox owns
 *   retries: an in-process sleep holds a dispatcher lease and hides the 429 from the dispatcher,
 *   which would then not hold back the rest of the conversation. So that policy is removed.
 * - An error thrown inside a turn goes to `adapter.onTurnError` when one is set (the inbound bot
 *   sets one to answer users), which would swallow it. Errors are caught inside the turn and
 *   rethrown after it, so the sender always sees what the connector said.
 *
 * The connector is called directly rather than through `context.sendActivity`, which would turn
 * the post into a reply to the synthetic continuation activity's random id.
 */
export async function withConnector<T>(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  work: (connector: ConnectorCalls) => Promise<T>,
): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  await adapter.continueConversationAsync(appId, reference, async (context: TurnContext) => {
    try {
      const client = context.turnState.get<ConnectorClientLike | undefined>(context.adapter.ConnectorClientKey);
      if (!client) throw new Error('botbuilder gave the proactive turn no ConnectorClient');
      client.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
      outcome = { ok: true, value: await work(client.conversations) };
    } catch (error) {
      outcome = { ok: false, error };
    }
  });
  if (!outcome) throw new Error('the proactive turn did not run (a middleware stopped it)');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
