import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { flushTracing, startTracing } from '../src/platform/observability/tracing.ts';
import { traceMixin } from '../src/platform/observability/logger.ts';
import type { TestDatabase } from './helpers/db.ts';
import type { TestApp } from './helpers/app.ts';

// Tracing starts before anything loads pg (as main.ts does), so pg's queries are spans too.
const exporter = new InMemorySpanExporter();
await startTracing({ serviceName: 'tessera-test', exporter });
const { createTestDatabase } = await import('./helpers/db.ts');
const { eventually, startTestApp } = await import('./helpers/app.ts');
const { ownerToken } = await import('./helpers/staff.ts');
const { address, guestCart, stockedVariant } = await import('./helpers/shop.ts');

/**
 * One checkout is one trace: the spans recorded by two app instances with different MODULES (as
 * two processes would be), read from an in-memory exporter, share the trace id the client sent,
 * from the HTTP call through pricing, inventory, payment and shipping; every log line of the
 * request and of the handlers names it.
 */
describe('tracing a checkout across processes', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = () =>
    pino(
      { level: 'info', mixin: traceMixin },
      new Writable({
        write(chunk, _enc, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          done();
        },
      }),
    );
  let db: TestDatabase;
  let front: TestApp; // user, product, order, payment
  let back: TestApp; // pricing, inventory, shipping
  let shop: TestApp; // the client's one base URL: each path goes to the instance that serves it

  beforeAll(async () => {
    db = await createTestDatabase();
    front = await startTestApp({ MODULES: 'user,product,order,payment' }, { db, logger: logger() });
    back = await startTestApp({ MODULES: 'pricing,inventory,shipping' }, { db, logger: logger() });
    const unrouted = (r: { statusCode: number; body: string }) => r.statusCode === 404 && r.body.includes('No route');
    shop = {
      ...front,
      request: async (method, url, opts) => {
        const r = await front.request(method, url, opts);
        return unrouted(r) ? back.request(method, url, opts) : r;
      },
    };
  }, 60_000);
  afterAll(async () => {
    await back?.close();
    await front?.close();
    await db?.drop();
  });

  it('shares the incoming trace id from the HTTP call through every hop, and logs it', async () => {
    const admin = await ownerToken(front);
    const { variantId, optionId } = await stockedVariant(shop, admin, { title: 'Traced mug', price: 1200, stock: 5 });
    const cartId = await guestCart(shop, variantId, 1);
    const traceId = randomBytes(16).toString('hex');
    const res = await shop.request('POST', `/store/carts/${cartId}/checkout`, {
      headers: {
        'idempotency-key': crypto.randomUUID(),
        prefer: 'wait=10',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: {
        shippingAddress: address,
        shippingOptionId: optionId,
        paymentMethod: { provider: 'test', token: 'tok_success' },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().order.status).toBe('confirmed');
    // The response names the trace (and the request's own span in it).
    expect(res.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    const wanted = [
      'pricing/order.placed.v1',
      'inventory/order.placed.v1',
      'payment/order.payment_requested.v1',
      'shipping/order.confirmed.v1',
    ];
    const spans = await eventually(async () => {
      await flushTracing();
      const mine = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      const queues = new Set(mine.map((s) => s.attributes['messaging.destination.name']));
      return wanted.every((q) => queues.has(q)) ? mine : undefined;
    }, 15_000);

    const server = spans.find((s) => s.kind === SpanKind.SERVER);
    expect(server?.name).toBe('POST /store/carts/:id/checkout');
    expect(server?.attributes['http.route']).toBe('/store/carts/:id/checkout');
    // Each handler span is a child of a span of the same trace (the publisher's), never a new root.
    const ids = new Set(spans.map((s) => s.spanContext().spanId));
    for (const span of spans.filter((s) => s.kind === SpanKind.CONSUMER)) {
      expect(ids.has(span.parentSpanContext?.spanId ?? '')).toBe(true);
    }
    // pricing and inventory ran in the other instance than order and payment; both are in the trace.
    const consumers = spans.filter((s) => s.kind === SpanKind.CONSUMER).map(queueOf);
    expect(consumers).toEqual(expect.arrayContaining([...wanted, 'order/pricing.order_priced.v1']));
    // The SQL of the checkout is in the trace too (pg instrumentation), under the request's span.
    expect(spans.some((s) => s.name.startsWith('pg.query'))).toBe(true);

    // Log lines: the request's own lines, and the lines its handlers wrote, carry the trace id.
    const incoming = lines.find(
      (l) => l.msg === 'incoming request' && String((l.req as { url?: string })?.url).endsWith('/checkout'),
    );
    const requestLines = lines.filter((l) => l.reqId === incoming?.reqId);
    expect(requestLines.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    for (const l of requestLines) expect(l.traceId).toBe(traceId);
    // (handlers log at info only when something is off; the mixin is what names the trace there)
    const handlerLines = lines.filter((l) => l.queue !== undefined && l.correlationId === traceId);
    for (const l of handlerLines) expect(l.traceId).toBe(traceId);
  }, 60_000);

  it('starts a new trace when none comes in, and names it in the response', async () => {
    const res = await shop.request('GET', '/store/products?limit=1');
    expect(res.statusCode).toBe(200);
    const [, traceId] = String(res.headers.traceparent).split('-');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    await new Promise((r) => setTimeout(r, 3000));
    await flushTracing();
    const all = exporter.getFinishedSpans();
    console.log(
      'DEBUG',
      all.length,
      JSON.stringify([
        ...new Set(
          all.filter((s) => s.kind !== SpanKind.CLIENT).map((s) => `${s.spanContext().traceId.slice(0, 6)} ${s.name}`),
        ),
      ]),
    );
    const spans = await eventually(async () => {
      await flushTracing();
      const found = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      return found.length ? found : undefined;
    });
    expect(spans.find((s) => s.kind === SpanKind.SERVER)?.name).toBe('GET /store/products');
  });
});

const queueOf = (s: ReadableSpan) => String(s.attributes['messaging.destination.name']);
