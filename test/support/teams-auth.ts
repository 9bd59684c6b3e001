import { generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import nock from 'nock';

/**
 * The far side of Bot Framework authentication, for tests that run the real CloudAdapter: a
 * locally generated RSA key published through nocked OpenID metadata (as Microsoft publishes its
 * own), tokens signed with it, and a nocked token endpoint for the bot's outgoing calls.
 */

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
export const OPENID_HOST = 'https://login.botframework.com';
export const OPENID_PATH = '/v1/.well-known/openidconfiguration';
export const KEYS_PATH = '/v1/.well-known/keys';
export const LOGIN_HOST = 'https://login.microsoftonline.com';

export interface BotFrameworkKeys {
  kid: string;
  /** PEM, for signing. */
  privateKey: string;
  /** The public key as the JWKS publishes it, with the channels that endorse it. */
  jwk: JsonWebKey & { kid: string; use: string; endorsements: string[] };
}

export function createBotFrameworkKeys(options: { kid?: string; endorsements?: string[] } = {}): BotFrameworkKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = options.kid ?? `test-${randomUUID()}`;
  const jwk = {
    ...publicKey.export({ format: 'jwk' }),
    kid,
    use: 'sig',
    endorsements: options.endorsements ?? ['msteams'],
  };
  return { kid, privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), jwk };
}

/**
 * Serves the OpenID configuration and the JWKS with the given keys. Persisted because botbuilder
 * caches keys per process (24 h) and refetches only for an unknown `kid`; call `nock.cleanAll()`
 * to remove it.
 */
export function nockBotFrameworkOpenId(keys: BotFrameworkKeys | BotFrameworkKeys[]): void {
  const all = Array.isArray(keys) ? keys : [keys];
  nock(OPENID_HOST)
    .persist()
    .get(OPENID_PATH)
    .reply(200, {
      issuer: BOT_FRAMEWORK_ISSUER,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: `${OPENID_HOST}${KEYS_PATH}`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    })
    .get(KEYS_PATH)
    .reply(200, { keys: all.map((k) => k.jwk) });
}

export interface BotTokenClaims {
  /** The bot's app id. */
  aud: string;
  /** Must equal the activity's serviceUrl. */
  serviceurl: string;
  iss?: string;
  /** Seconds from now; negative for an expired token. Default one hour. */
  expiresIn?: number;
  /** Sign with a different kid than the key's own (an unknown key). */
  kid?: string;
  [claim: string]: unknown;
}

/** A channel → bot token as the Bot Connector sends it (`Authorization: Bearer …`). */
export function signBotToken(keys: BotFrameworkKeys, claims: BotTokenClaims): string {
  const { expiresIn = 3600, kid = keys.kid, iss = BOT_FRAMEWORK_ISSUER, ...rest } = claims;
  const now = Math.floor(Date.now() / 1000);
  // iat/nbf a minute back so an expired token is expired for the right reason only.
  return jwt.sign({ ...rest, iss, nbf: now - 60, iat: now - 60, exp: now + expiresIn }, keys.privateKey, {
    algorithm: 'RS256',
    keyid: kid,
  });
}

export interface TokenEndpointOptions {
  /** The tenant in the authority URL: `botframework.com` for multi-tenant bots. */
  tenant?: string;
  accessToken?: string;
}

/**
 * The bot's own token for calls to the connector (client credentials through MSAL, which knows
 * login.microsoftonline.com's metadata and so asks nothing else). Persisted: MSAL skips its cache
 * for Bot Framework tokens. MSAL adds `?client-request-id=…`, hence any query.
 */
export function nockBotTokenEndpoint(options: TokenEndpointOptions = {}): nock.Scope {
  const tenant = options.tenant ?? 'botframework.com';
  const accessToken = options.accessToken ?? 'test-bot-access-token';
  return nock(LOGIN_HOST)
    .persist()
    .post(`/${tenant}/oauth2/v2.0/token`)
    .query(true)
    .reply(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: accessToken });
}

/** A local HTTP server for a request handler (the Teams route), on 127.0.0.1 and a free port. */
export async function startHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this, close waits for their idle timeout.
        server.closeAllConnections();
      }),
  };
}
