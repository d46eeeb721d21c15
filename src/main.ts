import { enableCompileCache } from 'node:module';

// Node keeps the compiled (and type-stripped) modules between starts: a start then skips most of
// the work of loading the code (docs/adr/0010-fast-boot.md). The server itself is in serve.ts.
enableCompileCache();
// Tracing starts before the server's code loads: pg is instrumented only if it loads afterwards.
if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  const { startTracing } = await import('./platform/observability/tracing.ts');
  await startTracing({
    endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: process.env.OTEL_SERVICE_NAME || 'tessera',
  });
}
await import('./platform/host/serve.ts');
