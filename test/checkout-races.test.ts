import { address } from './helpers/shop.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';

/** Races a checkout must win: the last items, a once-per-customer code, every module hosted. */
describe('checkout races', () => {
  let app: TestApp;
  let admin: string;
  let standard: string;
  let location: string;
  const as = (method: string, url: string, body?: unknown) => app.request(method, url, { token: admin, body });
  const ok = (method: string, url: string, body: unknown) =>
    eventually(
      async () => {
        const r = await as(method, url, body);
        return r.statusCode < 300 ? r : undefined;
      },
      5000,
      20,
    );

  async function product(stock: number, price = 1000) {
    const p = (
      await as('POST', '/admin/products', { title: `Race ${sku()}`, status: 'published', variants: [{ sku: sku() }] })
    ).json();
    await ok('PUT', `/admin/prices/${p.variants[0].id}`, { prices: [{ currency: 'EUR', amount: price }] });
    await ok('POST', `/admin/inventory/${p.variants[0].id}/adjustments`, {
      locationId: location,
      onHand: stock,
      reason: 'received',
    });
    return p.variants[0].id as string;
  }
  async function cart(variantId: string, token?: string, code?: string) {
    const c = (
      await app.request('POST', '/store/carts', { token, body: { currency: 'EUR', email: 'racer@example.com' } })
    ).json();
    await eventually(
      async () =>
        (await app.request('POST', `/store/carts/${c.id}/items`, { token, body: { variantId, quantity: 1 } }))
          .statusCode === 200,
      5000,
      20,
    );
    if (code) await app.request('POST', `/store/carts/${c.id}/promotions`, { token, body: { code } });
    return c.id as string;
  }
  const checkout = (cartId: string, token?: string) =>
    app.request('POST', `/store/carts/${cartId}/checkout`, {
      token,
      headers: { 'idempotency-key': uuidv7(), prefer: 'wait=20' },
      body: {
        shippingAddress: address,
        shippingOptionId: standard,
        paymentMethod: { provider: 'test', token: 'tok_success' },
      },
    });

  beforeAll(async () => {
    app = await startTestApp({ DB_POOL_MAX: 20 });
    admin = await adminToken(app);
    location = (await as('GET', '/admin/stock-locations')).json().items[0].id;
    standard = (await as('GET', '/admin/shipping-options')).json().items.find((o: any) => o.code === 'standard').id;
  });
  afterAll(() => app?.stop());

  it('100 concurrent checkouts for a variant with stock 10: exactly 10 confirmed, 90 canceled, stock never negative', async () => {
    const variant = await product(10);
    const carts = [];
    for (let i = 0; i < 100; i++) carts.push(await cart(variant));
    const answers = await Promise.all(carts.map((c) => checkout(c)));
    const statuses = answers.map((a) => a.json().order.status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'canceled')).toHaveLength(90);
    const stock = (await as('GET', `/admin/inventory/${variant}`)).json();
    expect(stock).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
    const negatives = await app.db.query(
      'select 1 from inventory.stock_levels where on_hand < 0 or reserved < 0 or reserved > on_hand',
    );
    expect(negatives).toHaveLength(0);
  }, 120_000);

  it('a once-per-customer code used in two concurrent checkouts succeeds once', async () => {
    await as('POST', '/admin/promotions', {
      name: 'Once',
      code: 'ONCEONLY',
      kind: 'percentage',
      percentBps: 2000,
      oncePerCustomer: true,
    });
    const variant = await product(10);
    const shopper = await registerCustomer(app);
    const a = await cart(variant, shopper.token, 'ONCEONLY');
    const b = await cart(variant, shopper.token, 'ONCEONLY');
    const [ra, rb] = await Promise.all([checkout(a, shopper.token), checkout(b, shopper.token)]);
    const orders = [ra.json().order, rb.json().order];
    expect(orders.map((o) => o.status).sort()).toEqual(['canceled', 'confirmed']);
    expect(orders.find((o) => o.status === 'confirmed').totals.discount).toBe(200);
    expect(orders.find((o) => o.status === 'canceled').cancelReason).toMatch(/ONCEONLY|already used/i);
  });
});
