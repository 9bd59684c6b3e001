import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Route } from '../../http/http-server.js';
import type { SlackRequestGuard } from './request-guard.js';

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

export interface SlackRouteDeps {
  receiver: HTTPReceiver;
  guard: SlackRequestGuard;
  /** OAuth install: /slack/install and /slack/oauth_redirect exist (GET only). */
  oauth: boolean;
  logger: Logger;
}

/**
 * Everything under /slack/ on the shared server. Only what Bolt serves exists: events (POST) and,
 * with OAuth, the install pages (GET). Any other path is 404 and any other method 405 with Allow,
 * answered here, before Bolt: Bolt throws on a request it does not route, and the thrown error
 * carries the request with its Authorization and Cookie headers.
 */
export function slackRoute(deps: SlackRouteDeps): Route {
  const methods = new Map<string, string>([[SLACK_EVENTS_PATH, 'POST']]);
  if (deps.oauth) {
    methods.set(SLACK_INSTALL_PATH, 'GET');
    methods.set(SLACK_REDIRECT_PATH, 'GET');
  }
  return {
    path: '/slack/',
    handler: async (req: IncomingMessage, res: ServerResponse) => {
      // Bolt routes on the normalised path ("/slack/./events" is /slack/events), so decide on the same one.
      const path = normalisedPath(req.url);
      const method = (req.method ?? '').toUpperCase();
      const allowed = path === undefined ? undefined : methods.get(path);
      if (allowed === undefined) return refuse(deps.logger, res, 404, 'not found', { method, path });
      if (method !== allowed) {
        res.setHeader('allow', allowed);
        return refuse(deps.logger, res, 405, 'method not allowed', { method, path });
      }
      if (method === 'POST') {
        const verdict = await deps.guard.check(req);
        if (!verdict.ok) {
          deps.logger.warn({ reason: verdict.reason, path }, 'refused Slack request');
          res
            .writeHead(verdict.status, { 'content-type': 'text/plain' })
            .end(verdict.status === 413 ? 'payload too large' : 'unauthorized');
          return;
        }
      }
      deps.receiver.requestListener(req, res);
    },
  };
}

function normalisedPath(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

function refuse(
  logger: Logger,
  res: ServerResponse,
  status: 404 | 405,
  text: string,
  request: { method: string; path: string | undefined },
): void {
  // Method and path only: a probe's headers (Authorization, Cookie) are never logged.
  logger.info({ ...request, status }, 'refused Slack request');
  res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
}
