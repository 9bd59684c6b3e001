import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface Route {
  /** Exact path, or a prefix when it ends with "/" (e.g. "/slack/" for events, install and OAuth). */
  path: string;
  handler: RouteHandler;
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  routes: Route[];
  /** `/readyz` answers 200 only while this resolves true (e.g. the database answers). */
  ready: () => Promise<boolean>;
  logger: Logger;
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * The one HTTP server planbot listens on: Slack's events, Teams' messages and the health checks
 * share a port, so one ingress rule and one probe configuration cover a deployment.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void route(options, req, res);
  });
  // Slow clients must not hold sockets forever; Slack and Teams both send small bodies quickly.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  try {
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const ready = await options.ready().catch(() => false);
      return json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'database unreachable' });
    }
    const match = options.routes.find((r) => (r.path.endsWith('/') ? path.startsWith(r.path) : path === r.path));
    if (!match) return json(res, 404, { error: `no route for ${path}` });
    await match.handler(req, res);
  } catch (error) {
    // Method and path, never the request's headers (the logger also blanks any request an error carries).
    options.logger.error({ err: error, method: req.method, path }, 'request failed');
    if (!res.headersSent) json(res, 500, { error: 'internal error' });
    else res.end();
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
