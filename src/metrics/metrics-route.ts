import type { Route } from '../http/http-server.js';
import { json } from '../http/http-server.js';
import type { Metrics } from './metrics.js';

/** `GET /metrics` for Prometheus, on the shared HTTP server. It shows counts and timings, and plans by id and name (planbot_plan_info): no people, no secrets. */
export function metricsRoute(metrics: Metrics): Route {
  return {
    path: '/metrics',
    async handler(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        return json(res, 405, { error: 'use GET /metrics' });
      }
      const body = await metrics.scrape();
      res.writeHead(200, { 'content-type': metrics.contentType });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
