import fp from 'fastify-plugin';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { traceFrom, traceStore, type TraceContext } from './context.ts';
import { activeTraceparent, fastifyTracing } from './tracing.ts';

const traces = new WeakMap<FastifyRequest, TraceContext>();

/**
 * Fastify logs "incoming request" before any hook runs, so before the request has a trace: that
 * line is written by `traceRequests` once it has one, and "request completed" (written outside the
 * request's async context) is given the trace id by hand.
 */
export class TraceLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(req)) return;
    const traceId = traces.get(req)?.traceId;
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime, traceId }, 'request errored');
    else reply.log.info({ res: reply, responseTime: reply.elapsedTime, traceId }, 'request completed');
  }
}

/**
 * Each request is one trace: the OpenTelemetry span when tracing is on (@fastify/otel starts it and
 * honours an incoming traceparent), else the incoming traceparent's trace id or a new one. The rest
 * of the request runs inside it, so its log lines and the events it publishes carry it onward; the
 * response names it in `traceparent`.
 */
export const traceRequests = fp(
  async (app: FastifyInstance) => {
    const otel = fastifyTracing();
    if (otel) await app.register(otel);
    app.addHook('onRequest', (req, reply, done) => {
      const trace = activeTraceparent() ?? traceFrom(req.headers.traceparent);
      traces.set(req, trace);
      reply.header('traceparent', trace.traceparent);
      // (callback style: `run` must wrap the continuation)
      traceStore.run(trace, () => {
        req.log.info({ req }, 'incoming request');
        done();
      });
    });
  },
  { name: 'trace-requests' },
);
