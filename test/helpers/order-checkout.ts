import { v7 as uuidv7 } from 'uuid';
import { ShippingOptionChanged } from '../../src/modules/shipping/contract.ts';
import { adminToken, eventually, publishAs, startTestApp, type TestApp } from './app.ts';
import { sku } from './catalog.ts';
import { address } from './shop.ts';

/**
 * The cart and checkout tests' helpers, over the app, admin token, stock location and shipping
 * option that the calling file sets up in its beforeAll (read lazily, so they are there by the time
 * a test runs).
 */
export function checkoutHelpers(ctx: () => { app: TestApp; admin: string; location: string; optionId: string }) {
  const as = (method: string, url: string, body?: unknown) =>
    ctx().app.request(method, url, { token: ctx().admin, body });
  const once = (method: string, url: string, body: unknown) =>
    eventually(
      async () => {
        const r = await as(method, url, body);
        return r.statusCode < 300 ? r : undefined;
      },
      5000,
      20,
    );

  async function makeProduct(stock: number, price = 2500) {
    const p = (
      await as('POST', '/admin/products', { title: `Shirt ${sku()}`, status: 'published', variants: [{ sku: sku() }] })
    ).json();
    await once('PUT', `/admin/prices/${p.variants[0].id}`, { prices: [{ currency: 'EUR', amount: price }] });
    await once('POST', `/admin/inventory/${p.variants[0].id}/adjustments`, {
      locationId: ctx().location,
      onHand: stock,
      reason: 'received',
    });
    return p;
  }
  async function cartWith(variantId: string, quantity: number, token?: string) {
    const { app } = ctx();
    const cart = (
      await app.request('POST', '/store/carts', { token, body: { currency: 'EUR', email: 'shopper@example.com' } })
    ).json();
    const added = await eventually(
      async () => {
        const r = await app.request('POST', `/store/carts/${cart.id}/items`, { token, body: { variantId, quantity } });
        return r.statusCode === 200 ? r : undefined;
      },
      5000,
      20,
    );
    return added.json();
  }
  const checkout = (cartId: string, key: string, body: Record<string, unknown> = {}, token?: string, prefer?: string) =>
    ctx().app.request('POST', `/store/carts/${cartId}/checkout`, {
      token,
      headers: { 'idempotency-key': key, ...(prefer ? { prefer } : {}) },
      body: {
        shippingAddress: address,
        shippingOptionId: ctx().optionId,
        paymentMethod: { provider: 'test', token: 'tok_success' },
        ...body,
      },
    });
  const orderRow = async (id: string) =>
    (await ctx().app.db.query('select * from "order".orders where id = $1', [id]))[0];
  const untilStatus = (id: string, status: string) =>
    eventually(async () => ((await orderRow(id))?.status === status ? orderRow(id) : undefined), 8000, 20);
  const available = async (variantId: string) => (await as('GET', `/admin/inventory/${variantId}`)).json().available;

  return { as, once, makeProduct, cartWith, checkout, orderRow, untilStatus, available };
}

/**
 * Boots the user, product, pricing, inventory and order modules, with a probe on the payment
 * requests and a shipping option published as the shipping module would.
 */
export async function startCheckoutApp(optionId: string) {
  const app = await startTestApp({ MODULES: 'user,product,pricing,inventory,order' });
  const admin = await adminToken(app);
  // A probe subscriber, so the payment requests the saga publishes can be read back.
  await app.platform.bus.declare('probe', 'order.payment_requested.v1');
  const location: string = (await app.request('GET', '/admin/stock-locations', { token: admin })).json().items[0].id;
  await publishAs(app, 'shipping', ShippingOptionChanged, {
    optionId,
    version: 1,
    name: 'Standard',
    code: 'standard',
    active: true,
    countries: ['DE', 'FR'],
    rates: [{ currency: 'EUR', kind: 'flat', amount: 495, perKgAmount: 0, freeAbove: 10000 }],
  });
  return { app, admin, location };
}
