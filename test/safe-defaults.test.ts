// A default production start takes no test payments and shows no metrics or docs; a checkout
// needs a usable payment method in every mode; a replayed guest checkout can read its order.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, startTestApp, type TestApp } from './helpers/app.ts';
import { address, guestCart, stockedVariant } from './helpers/shop.ts';

/** An app with a stocked variant and a guest cart factory. */
async function shopApp(overrides: Parameters<typeof startTestApp>[0]) {
  const app = await startTestApp(overrides);
  const { variantId, optionId } = await stockedVariant(app, await adminToken(app), {
    title: 'Safe',
    price: 1500,
    stock: 100,
  });
  const checkout = async (paymentMethod: unknown, key = randomUUID(), cartId?: string) =>
    app.request('POST', `/store/carts/${cartId ?? (await guestCart(app, variantId, 1))}/checkout`, {
      headers: { 'idempotency-key': key, prefer: 'wait=10' },
      body: { shippingAddress: address, shippingOptionId: optionId, paymentMethod },
    });
  return { app, checkout, newCart: () => guestCart(app, variantId, 1) };
}

describe('production without Stripe and without PAYMENT_TEST_PROVIDER', () => {
  let shop: Awaited<ReturnType<typeof shopApp>>;
  beforeAll(async () => {
    shop = await shopApp({ NODE_ENV: 'production' });
  }, 60_000);
  afterAll(() => shop?.app.stop());

  it('refuses a test-token checkout with a 400 and places no order', async () => {
    const cartId = await shop.newCart();
    const res = await shop.checkout({ provider: 'test', token: 'tok_success' }, randomUUID(), cartId);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('paymentMethod.provider');
    expect(await shop.app.db.query('select id from "order".orders where cart_id = $1', [cartId])).toEqual([]);
  });

  it('shows neither /metrics nor /docs, and /ready warns of nothing', async () => {
    for (const url of ['/metrics', '/docs', '/docs/json']) {
      const res = await shop.app.request('GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await shop.app.request('GET', '/ready')).json().warnings).toBeUndefined();
  });
});

describe('production with PAYMENT_TEST_PROVIDER=on, OPS_TOKEN and OPS_PORT', () => {
  let shop: Awaited<ReturnType<typeof shopApp>>;
  const OPS_TOKEN = 'ops-token-0123456789abcdef';
  const OPS_PORT = 40_000 + Math.floor(Math.random() * 20_000);
  beforeAll(async () => {
    shop = await shopApp({ NODE_ENV: 'production', PAYMENT_TEST_PROVIDER: 'on', OPS_TOKEN, OPS_PORT });
  }, 60_000);
  afterAll(() => shop?.app.stop());

  it('takes test payments and says so on /ready', async () => {
    const res = await shop.checkout({ provider: 'test', token: 'tok_success' });
    expect(res.statusCode).toBe(200);
    expect(res.json().order.status).toBe('confirmed');
    const ready = (await shop.app.request('GET', '/ready')).json();
    expect(ready.warnings).toEqual([expect.stringContaining('PAYMENT_TEST_PROVIDER=on')]);
  });

  it('opens /metrics and /docs with the OPS_TOKEN or on the OPS_PORT only', async () => {
    expect((await shop.app.request('GET', '/metrics')).statusCode).toBe(401);
    expect((await shop.app.request('GET', '/docs/json', { token: 'wrong-token-0123456789' })).statusCode).toBe(401);
    expect((await shop.app.request('GET', '/metrics', { token: OPS_TOKEN })).statusCode).toBe(200);
    const ops = `http://127.0.0.1:${OPS_PORT}`;
    expect((await fetch(`${ops}/metrics`)).status).toBe(200);
    const docs = JSON.parse(await (await fetch(`${ops}/docs/json`)).text());
    expect(docs.openapi).toBe('3.1.0');
    const other = await fetch(`${ops}/store/products`);
    expect(other.status).toBe(404); // the operations port serves nothing else
    expect(other.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('payment methods and replays (any mode)', () => {
  let shop: Awaited<ReturnType<typeof shopApp>>;
  beforeAll(async () => {
    shop = await shopApp({});
  }, 60_000);
  afterAll(() => shop?.app.stop());

  it('refuses a checkout without a usable payment method with a 400', async () => {
    for (const method of [undefined, {}, { provider: 'test' }, { provider: 'test', token: '' }, { provider: 'cash' }]) {
      const res = await shop.checkout(method);
      expect(res.statusCode, JSON.stringify(method)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers a replayed guest checkout with a guest token that reads the order', async () => {
    const key = randomUUID();
    const cartId = await shop.newCart();
    const first = await shop.checkout({ provider: 'test', token: 'tok_success' }, key, cartId);
    expect(first.statusCode).toBe(200);
    const { order, guestToken } = first.json();
    expect(guestToken).toEqual(expect.any(String));
    // The first answer was lost; the guest sends the same request with the same key.
    const replay = await shop.checkout({ provider: 'test', token: 'tok_success' }, key, cartId);
    expect(replay.json().order.id).toBe(order.id);
    expect(replay.json().guestToken).toBe(guestToken);
    const read = await shop.app.request('GET', `/store/orders/${order.id}?token=${replay.json().guestToken}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().status).toBe('confirmed');
    // The database keeps neither the token nor anything that opens it without the key.
    const [row] = await shop.app.db.query('select * from "order".idempotency_keys where key = $1', [key]);
    expect(JSON.stringify(row)).not.toContain(guestToken);
    expect((await shop.app.request('GET', `/store/orders/${order.id}?token=${key}`)).statusCode).toBe(404);
  });
});
