import nock from 'nock';

/** One request planbot made to the Bot Connector: a reply or new post (POST) or an edit (PUT). */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  conversationId: string;
  activityId: string | undefined;
  body: { type: string; attachments?: { contentType: string; content: unknown }[] };
}

/**
 * The Bot Connector at `${origin}/amer/` (nock): records replies and edits, serves member profiles
 * (a 404 for anyone not in `profiles`, as for a guest).
 */
export function fakeConnector(origin: string, profiles: Record<string, object>): ConnectorCall[] {
  const calls: ConnectorCall[] = [];
  const record = (method: ConnectorCall['method']) =>
    function (uri: string, body: nock.Body): [number, object] {
      const [, , , , conversation, , activityId] = uri.split('/');
      calls.push({
        method,
        conversationId: decodeURIComponent(conversation ?? ''),
        activityId,
        body: body as ConnectorCall['body'],
      });
      return [method === 'POST' ? 201 : 200, { id: `reply-${calls.length}` }];
    };
  nock(origin)
    .persist()
    .post(/^\/amer\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/)
    .reply(record('POST'))
    .put(/^\/amer\/v3\/conversations\/[^/]+\/activities\/[^/]+$/)
    .reply(record('PUT'))
    .get(/^\/amer\/v3\/conversations\/[^/]+\/members\/[^/]+$/)
    .reply((uri) => {
      const userId = decodeURIComponent(uri.split('/').at(-1) ?? '');
      const profile = profiles[userId];
      return profile
        ? [200, profile]
        : [404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } }];
    });
  return calls;
}

/** The Adaptive Card a connector call carried, as JSON text (for `toContain`). */
export const cardOf = (call: ConnectorCall | undefined): string =>
  JSON.stringify(call?.body.attachments?.[0]?.content ?? null);
