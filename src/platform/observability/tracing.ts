import type { Attributes, Span, SpanStatusCode } from '@opentelemetry/api';
import type { SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import type { FastifyOtelInstrumentation } from '@fastify/otel';
import type { FastifyPluginCallback } from 'fastify';

/**
 * OpenTelemetry for the whole process, started once: with no OTLP endpoint (and no exporter a test
 * hands in) nothing is registered, the API stays a no-op, and every helper below falls through at
 * the cost of one boolean check (docs/adr/0077-tracing-off-by-default.md).
 */
export interface TracingOptions {
  serviceName: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** Instead of OTLP (tests: an InMemorySpanExporter), exported span by span. */
  exporter?: SpanExporter;
}

interface Tracing {
  provider: TracerProvider;
  fastify: FastifyOtelInstrumentation;
  /** The API too is loaded only when tracing starts (~100 modules a process without tracing skips). */
  api: typeof import('@opentelemetry/api');
}

let active: Tracing | undefined;

export const tracingEnabled = (): boolean => active !== undefined;

/**
 * Registers the provider, the W3C propagator, the async context and the pg and Fastify
 * instrumentations. pg is instrumented only if this runs before `pg` is first loaded (main.ts
 * starts tracing before it imports the server for that reason). Returns whether tracing is on.
 */
export async function startTracing(opts: TracingOptions): Promise<boolean> {
  if (active) return true;
  if (!opts.endpoint && !opts.exporter) return false;
  // (the SDK is loaded only here: a process without tracing never pays for loading it)
  const [{ AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }, { resourceFromAttributes }, sdk] =
    await Promise.all([
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace'),
    ]);
  const [api, { registerInstrumentations }, { PgInstrumentation }, { default: FastifyOtel }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-pg'),
    import('@fastify/otel'),
  ]);
  const processor = opts.exporter
    ? new sdk.SimpleSpanProcessor({ exporter: opts.exporter })
    : new sdk.BatchSpanProcessor({
        exporter: new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter({
          url: `${opts.endpoint!.replace(/\/+$/, '')}/v1/traces`,
        }),
      });
  const provider = new sdk.TracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName }),
    spanProcessors: [processor],
  });
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  api.trace.setGlobalTracerProvider(provider);
  // Hooks and handlers as spans of their own would triple the spans per request for little insight.
  const fastify = new FastifyOtel.FastifyOtelInstrumentation({
    instrumentHooks: false,
    instrumentHandler: false,
    requestHook: (span, req) => span.updateName(`${req.method} ${req.routeOptions.url ?? 'unmatched'}`),
  });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new PgInstrumentation({ requireParentSpan: true }), fastify],
  });
  active = { provider, fastify, api };
  return true;
}

/** Sends what is buffered (on shutdown, and in tests before reading the spans). */
export const flushTracing = async (): Promise<void> => {
  await active?.provider.forceFlush();
};

/** The Fastify plugin that makes each request a SERVER span (honouring an incoming traceparent), or none. */
export const fastifyTracing = (): FastifyPluginCallback | undefined => active?.fastify.plugin();

/** The active span's W3C traceparent, when tracing is on and a span is active. */
export function activeTraceparent(): { traceId: string; traceparent: string } | undefined {
  if (!active) return undefined;
  const { trace, propagation, context } = active.api;
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? { traceId: span.spanContext().traceId, traceparent: carrier.traceparent } : undefined;
}

/**
 * Runs a bus handler in a CONSUMER span whose parent is the publisher's span (the envelope's
 * traceparent): one checkout, one trace, across every hop and process. Without tracing, just `fn`.
 */
export function inEventSpan<T>(
  name: string,
  traceparent: string | undefined,
  attributes: Attributes,
  fn: () => Promise<T>,
): Promise<T> {
  if (!active) return fn();
  const { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode } = active.api;
  const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  const tracer = active.provider.getTracer('tessera-bus');
  return tracer.startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, (span) =>
    settle(span, fn, SpanStatusCode.ERROR),
  );
}

async function settle<T>(span: Span, fn: () => Promise<T>, errorCode: SpanStatusCode): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: errorCode, message: (err as Error)?.message });
    throw err;
  } finally {
    span.end();
  }
}

/** Sends the last spans and stops (the process is closing). */
export const stopTracing = async (): Promise<void> => {
  const tracing = active;
  active = undefined;
  await tracing?.provider.shutdown();
};
