import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Histogram } from 'prom-client';

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Requests by route pattern (never the raw URL: ids would make a series per cart), method and
 * status, with their latency. The histogram's _count is the request rate; one observe per request.
 */
export const httpRequestSeconds = new Histogram({
  name: 'tessera_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status code, and how long they took',
  labelNames: ['route', 'method', 'status_code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** Counts every answered request, routed or not (a 404 is `unmatched`, so a scan cannot add series). */
export const measureRequests = fp(
  async (app: FastifyInstance) => {
    app.addHook('onResponse', (req, reply, done) => {
      httpRequestSeconds.observe(
        {
          route: req.routeOptions.url ?? 'unmatched',
          method: methods.has(req.method) ? req.method : 'other',
          status_code: reply.statusCode,
        },
        reply.elapsedTime / 1000,
      );
      done();
    });
  },
  { name: 'measure-requests' },
);
