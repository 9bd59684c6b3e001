import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FAKE_LOGIN_TLS } from './fake-connector-tls.js';

/**
 * A local stand-in for the two Microsoft services planbot's Teams sender talks to: Microsoft login
 * (the bot's client-credentials token, plus the OpenID configuration and instance discovery MSAL
 * reads first) and the Bot Connector at a conversation's service URL (open a 1:1 chat, post, reply,
 * update). planbot is pointed at it by configuration: MICROSOFT_LOGIN_URL for login, and the
 * serviceUrl of the conversation references the test stores, so the product code is unchanged.
 *
 * Login is served over https with a self-signed certificate (MSAL refuses an http authority; the
 * child process trusts it through NODE_EXTRA_CA_CERTS=`caFile`), the connector over plain http,
 * as the Bot Framework Emulator serves it. It keeps what the Bot Connector would keep (activities
 * per conversation, with ids; one 1:1 chat per user), records every call with its decoded body and
 * timestamps, accepts only tokens it issued, and misbehaves on request: latency, 5xx, 429 with
 * Retry-After, error statuses with a Bot Connector error code, or no answer at all.
 */

export type ConnectorOperation =
  /** POST {login}/{tenant}/oauth2/v2.0/token */
  | 'token'
  /** GET {login}/{tenant}/v2.0/.well-known/openid-configuration */
  | 'openid'
  /** GET {login}/common/discovery/instance */
  | 'instanceDiscovery'
  /** POST v3/conversations: open (or find) a 1:1 chat. */
  | 'createConversation'
  /** POST v3/conversations/{id}/activities: a new message (a thread reply when the id carries `;messageid=`). */
  | 'sendToConversation'
  /** POST v3/conversations/{id}/activities/{activityId}: a reply to an activity. */
  | 'replyToActivity'
  /** PUT v3/conversations/{id}/activities/{activityId}: edit a message. */
  | 'updateActivity'
  | 'unknown';

export interface FakeConnectorCall {
  /** 1-based, in arrival order. */
  n: number;
  operation: ConnectorOperation;
  method: string;
  path: string;
  /** The conversation id from the path, decoded (with any `;messageid=` suffix). */
  conversationId?: string;
  /** The activity id from the path (reply, update). */
  activityId?: string;
  /** JSON bodies parsed; the token request's form fields as an object. */
  body: unknown;
  /** Connector calls: whether the bearer token is one this fake's login issued. */
  authorized?: boolean;
  /** Date.now() when the request arrived and when its answer was written. */
  receivedAt: number;
  answeredAt?: number;
  /** HTTP status sent (undefined while in flight, hung, or when the caller went away first). */
  status?: number;
  retryAfterS?: number;
  /** The activity this call stored (or changed). */
  stored?: StoredActivity;
}

export interface StoredActivity {
  id: string;
  /** The conversation it is in (a channel's id without `;messageid=`). */
  conversationId: string;
  /** The root activity of its thread (from `;messageid=` or a reply path). */
  replyToId?: string;
  /**
   * What the message says: planbot's activities carry no outbox id, so tests tell messages apart by
   * this text (the activity's `summary`, else its `text`).
   */
  text: string;
  activity: Record<string, unknown>;
  /** Times it was edited (PUT). */
  updates: number;
}

/** What to do instead of (or before) the normal answer. */
export type ConnectorFault =
  | { kind: 'rate_limited'; retryAfterS: number }
  /**
   * An error status with the Bot Connector's error body (`code`, e.g. BotNotInConversationRoster).
   * `stored`: the connector acted on the call (a post is kept) and then answered with this status.
   */
  | { kind: 'http'; status: number; code?: string; stored?: boolean }
  /** Handle the call normally (a post is stored), then never answer: the caller times out or dies. */
  | { kind: 'hang' };

/** Picks a fault for a call (or none); `nth` counts calls of that operation, from 1. */
export type ConnectorFaultRule = (call: FakeConnectorCall, nth: number) => ConnectorFault | undefined;

export interface FakeConnectorOptions {
  /** Delay before each connector answer, in ms (a number, or a function for a range). Stored effects happen on arrival. */
  latencyMs?: number | (() => number);
  /** The client secret login accepts; any other is refused with invalid_client. Default: any. */
  clientSecret?: string;
}

export interface FakeConnector {
  /** For MICROSOFT_LOGIN_URL: https, no trailing slash. */
  loginUrl: string;
  /** For a stored conversation reference's serviceUrl: http, ending in `/`. */
  serviceUrl: string;
  /** The login certificate (PEM), and a file holding it for NODE_EXTRA_CA_CERTS. */
  ca: string;
  caFile: string;
  calls: FakeConnectorCall[];
  /** Conversation id → its activities in posting order (thread replies included, with replyToId). */
  conversations: Map<string, StoredActivity[]>;
  /** Faults by operation; the rule answers per call. */
  faults: Map<ConnectorOperation, ConnectorFaultRule>;
  /** Runs on every call after it is recorded and stored, before the (delayed) answer. */
  onCall?: (call: FakeConnectorCall) => void;
  /** While set, connector answers wait for it. */
  holdAnswers?: Promise<unknown>;
  /** Every activity posted (new messages and replies), in arrival order. */
  posted(): StoredActivity[];
  callsOf(operation: ConnectorOperation): FakeConnectorCall[];
  /** Requests that arrived and have not been answered (nor abandoned by the caller) yet. */
  inFlight(): number;
  close(): Promise<void>;
}

const CONNECTOR_PREFIX = '/teams/';

export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const calls: FakeConnectorCall[] = [];
  const conversations = new Map<string, StoredActivity[]>();
  const perOperation = new Map<ConnectorOperation, number>();
  const faults = new Map<ConnectorOperation, ConnectorFaultRule>();
  const issuedTokens = new Set<string>();
  let activitySeq = 0;
  let open = 0;

  const conversation = (id: string) => {
    let list = conversations.get(id);
    if (!list) conversations.set(id, (list = []));
    return list;
  };
  const store = (
    conversationId: string,
    body: Record<string, unknown>,
    replyToId: string | undefined,
  ): StoredActivity => {
    activitySeq += 1;
    const text = typeof body.summary === 'string' ? body.summary : typeof body.text === 'string' ? body.text : '';
    const stored: StoredActivity = {
      id: `1700000000${String(activitySeq).padStart(6, '0')}`,
      conversationId,
      text,
      activity: body,
      updates: 0,
      ...(replyToId ? { replyToId } : {}),
    };
    conversation(conversationId).push(stored);
    return stored;
  };

  /** The connector's own answer (status, body) for a call that is not faulted before acting. */
  const act = (call: FakeConnectorCall): [number, object] => {
    if (!call.authorized)
      return [
        401,
        connectorError('Unauthorized', 'The bearer token was not issued by this login (check MICROSOFT_LOGIN_URL).'),
      ];
    const body = (call.body ?? {}) as Record<string, unknown>;
    switch (call.operation) {
      case 'createConversation': {
        const members = body.members as { id?: string }[] | undefined;
        const member = members?.[0]?.id;
        if (body.isGroup || members?.length !== 1 || !member)
          return [400, connectorError('BadArgument', 'planbot only opens 1:1 chats: one member, isGroup false')];
        // Teams answers with the same 1:1 chat for the same bot and user, however often it is asked.
        const id = `a:dm-${member}`;
        conversation(id);
        return [201, { id }];
      }
      case 'sendToConversation': {
        const [base, root] = splitThread(call.conversationId!);
        call.stored = store(base, body, root);
        return [201, { id: call.stored.id }];
      }
      case 'replyToActivity': {
        const [base] = splitThread(call.conversationId!);
        call.stored = store(base, body, call.activityId);
        return [201, { id: call.stored.id }];
      }
      case 'updateActivity': {
        const [base] = splitThread(call.conversationId!);
        const found = conversations.get(base)?.find((a) => a.id === call.activityId);
        if (!found) return [404, connectorError('ActivityNotFound', `no activity ${call.activityId} in ${base}`)];
        found.activity = body;
        found.text =
          typeof body.summary === 'string' ? body.summary : typeof body.text === 'string' ? body.text : found.text;
        found.updates += 1;
        call.stored = found;
        return [200, { id: found.id }];
      }
      default:
        return [404, connectorError('NotFound', `the fake Bot Connector does not serve ${call.method} ${call.path}`)];
    }
  };

  const login = (call: FakeConnectorCall, tenant: string): [number, object] => {
    const base = `${fake.loginUrl}/${tenant}`;
    if (call.operation === 'openid') {
      return [
        200,
        {
          issuer: `${base}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          jwks_uri: `${fake.loginUrl}/common/discovery/v2.0/keys`,
          response_types_supported: ['code', 'token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
        },
      ];
    }
    if (call.operation === 'instanceDiscovery') {
      const host = new URL(fake.loginUrl).host;
      return [
        200,
        {
          tenant_discovery_endpoint: `${fake.loginUrl}/common/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        },
      ];
    }
    const form = call.body as Record<string, string>;
    if (form.grant_type !== 'client_credentials' || !form.client_id)
      return [
        400,
        { error: 'invalid_request', error_description: 'expected a client_credentials grant with a client_id' },
      ];
    if (options.clientSecret !== undefined && form.client_secret !== options.clientSecret)
      return [401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' }];
    const token = `fake-bot-token-${call.n}`;
    issuedTokens.add(token);
    return [200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: token }];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, tls: boolean) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const route = tls
      ? loginRoute(req.method ?? 'GET', url.pathname)
      : connectorRoute(req.method ?? 'GET', url.pathname);
    const call: FakeConnectorCall = {
      n: calls.length + 1,
      operation: route.operation,
      method: req.method ?? 'GET',
      path: url.pathname,
      body: decodeBody(raw, req.headers['content-type']),
      receivedAt: Date.now(),
      ...(route.conversationId === undefined ? {} : { conversationId: route.conversationId }),
      ...(route.activityId === undefined ? {} : { activityId: route.activityId }),
    };
    if (!tls) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      call.authorized = bearer !== undefined && issuedTokens.has(bearer);
    }
    calls.push(call);
    const nth = (perOperation.get(call.operation) ?? 0) + 1;
    perOperation.set(call.operation, nth);
    const fault = faults.get(call.operation)?.(call, nth);

    // The connector acts on a request before answering: a post is kept even if the answer is lost.
    let answer: [number, object] | undefined;
    if (!fault || fault.kind === 'hang' || (fault.kind === 'http' && fault.stored))
      answer = tls ? login(call, route.tenant ?? '') : act(call);
    fake.onCall?.(call);
    if (!tls) {
      const latency = typeof options.latencyMs === 'function' ? options.latencyMs() : (options.latencyMs ?? 0);
      if (latency > 0) await sleep(latency);
      if (fake.holdAnswers) await fake.holdAnswers;
    }
    if (fault?.kind === 'hang' || res.destroyed) return;

    call.answeredAt = Date.now();
    if (fault?.kind === 'rate_limited') {
      call.status = 429;
      call.retryAfterS = fault.retryAfterS;
      send(res, 429, connectorError('TooManyRequests', 'Too many requests; retry after the Retry-After header'), {
        'retry-after': String(fault.retryAfterS),
      });
      return;
    }
    if (fault?.kind === 'http') {
      call.status = fault.status;
      send(
        res,
        fault.status,
        connectorError(
          fault.code ?? (fault.status >= 500 ? 'ServiceError' : 'BadArgument'),
          `fault injected by the test: HTTP ${fault.status}`,
        ),
      );
      return;
    }
    const [status, body] = answer!;
    call.status = status;
    send(res, status, body);
  };

  const listen = async (server: Server, tls: boolean) => {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      open += 1;
      res.on('close', () => (open -= 1));
      handle(req, res, tls).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end(String(error));
      });
    });
    // planbot keeps connections alive; a killed planbot leaves them half-open.
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  const loginServer = createHttpsServer({ key: FAKE_LOGIN_TLS.key, cert: FAKE_LOGIN_TLS.cert });
  const connectorServer = createHttpServer();
  const loginPort = await listen(loginServer, true);
  const connectorPort = await listen(connectorServer, false);
  const caDir = mkdtempSync(join(tmpdir(), 'planbot-fake-connector-'));
  const caFile = join(caDir, 'ca.pem');
  writeFileSync(caFile, FAKE_LOGIN_TLS.cert);

  const fake: FakeConnector = {
    loginUrl: `https://127.0.0.1:${loginPort}`,
    serviceUrl: `http://127.0.0.1:${connectorPort}${CONNECTOR_PREFIX}`,
    ca: FAKE_LOGIN_TLS.cert,
    caFile,
    calls,
    conversations,
    faults,
    posted: () =>
      calls
        .filter((c) => (c.operation === 'sendToConversation' || c.operation === 'replyToActivity') && c.stored)
        .map((c) => c.stored!),
    callsOf: (operation) => calls.filter((c) => c.operation === operation),
    inFlight: () => open,
    close: async () => {
      await Promise.all(
        [loginServer, connectorServer].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
      rmSync(caDir, { recursive: true, force: true });
    },
  };
  return fake;
}

interface Route {
  operation: ConnectorOperation;
  tenant?: string;
  conversationId?: string;
  activityId?: string;
}

function loginRoute(method: string, path: string): Route {
  const tenantPath = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/.exec(path);
  if (method === 'GET' && path === '/common/discovery/instance') return { operation: 'instanceDiscovery' };
  if (method === 'GET' && tenantPath?.[2]?.startsWith('v2.0'))
    return { operation: 'openid', tenant: decodeURIComponent(tenantPath[1]!) };
  if (method === 'POST' && tenantPath?.[2]?.startsWith('oauth2'))
    return { operation: 'token', tenant: decodeURIComponent(tenantPath[1]!) };
  return { operation: 'unknown' };
}

function connectorRoute(method: string, path: string): Route {
  if (!path.startsWith(CONNECTOR_PREFIX)) return { operation: 'unknown' };
  const rest = path.slice(CONNECTOR_PREFIX.length);
  if (method === 'POST' && rest === 'v3/conversations') return { operation: 'createConversation' };
  const match = /^v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(rest);
  if (!match) return { operation: 'unknown' };
  const conversationId = decodeURIComponent(match[1]!);
  const activityId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  if (method === 'POST' && activityId === undefined) return { operation: 'sendToConversation', conversationId };
  if (method === 'POST') return { operation: 'replyToActivity', conversationId, ...(activityId ? { activityId } : {}) };
  if (method === 'PUT' && activityId !== undefined) return { operation: 'updateActivity', conversationId, activityId };
  return { operation: 'unknown', conversationId };
}

/** `19:…@thread.tacv2;messageid=123` is the channel's thread rooted at activity 123. */
function splitThread(conversationId: string): [base: string, root: string | undefined] {
  const [base, suffix] = conversationId.split(';messageid=');
  return [base!, suffix];
}

function connectorError(code: string, message: string): object {
  return { error: { code, message } };
}

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...headers,
    })
    .end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += (chunk as Buffer).toString();
  return body;
}

function decodeBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
