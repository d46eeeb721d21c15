// A shop set up through the admin API and a shopper's usual steps, for tests that host every module.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { eventually, type TestApp } from './app.ts';
import { sku } from './catalog.ts';

export const address = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  line1: '1 Platz',
  city: 'Berlin',
  postalCode: '10115',
  countryCode: 'DE',
};

/**
 * A published product of one variant, priced in EUR and stocked at the default location, and the
 * standard shipping option. Price and stock calls are retried until pricing and inventory have
 * heard of the new variant (they learn of it through the bus).
 */
export async function stockedVariant(
  app: TestApp,
  admin: string,
  { title, price, stock }: { title: string; price: number; stock: number },
) {
  const as = (method: string, url: string, body?: unknown) => app.request(method, url, { token: admin, body });
  const once = (method: string, url: string, body: unknown) =>
    eventually(
      async () => {
        const r = await as(method, url, body);
        return r.statusCode < 300 ? r : undefined;
      },
      5000,
      20,
    );
  const product = (
    await as('POST', '/admin/products', { title, status: 'published', variants: [{ sku: sku() }] })
  ).json();
  const variantId = product.variants[0].id as string;
  await once('PUT', `/admin/prices/${variantId}`, { prices: [{ currency: 'EUR', amount: price }] });
  const location = (await as('GET', '/admin/stock-locations')).json().items[0].id;
  await once('POST', `/admin/inventory/${variantId}/adjustments`, {
    locationId: location,
    onHand: stock,
    reason: 'received',
  });
  const optionId = (await as('GET', '/admin/shipping-options')).json().items.find((o: any) => o.code === 'standard')
    .id as string;
  return { variantId, optionId };
}

/** A guest cart holding `quantity` of the variant (retried until the order module's projections know it). */
export async function guestCart(app: TestApp, variantId: string, quantity: number): Promise<string> {
  const cart = (
    await app.request('POST', '/store/carts', { body: { currency: 'EUR', email: 'ada@example.com' } })
  ).json();
  await eventually(
    async () =>
      (await app.request('POST', `/store/carts/${cart.id}/items`, { body: { variantId, quantity } })).statusCode ===
      200,
    5000,
    20,
  );
  return cart.id;
}

/** Checks a cart out with a fresh Idempotency-Key, waiting up to 10 s for the settled order. */
export const checkoutAndWait = (
  app: TestApp,
  cartId: string,
  optionId: string,
  paymentMethod: { provider: 'test' | 'stripe'; token?: string },
) =>
  app.request('POST', `/store/carts/${cartId}/checkout`, {
    headers: { 'idempotency-key': randomUUID(), prefer: 'wait=10' },
    body: { shippingAddress: address, shippingOptionId: optionId, paymentMethod },
  });

/**
 * A guest checks out with Stripe and no PaymentMethod: the order waits for the shopper to pay in
 * the browser, with the PaymentIntent's client secret.
 */
export async function orderAwaitingShopper(app: TestApp, variantId: string, optionId: string, quantity: number) {
  const cartId = await guestCart(app, variantId, quantity);
  const res = await checkoutAndWait(app, cartId, optionId, { provider: 'stripe' });
  expect(res.statusCode).toBe(200);
  const { order, guestToken } = res.json();
  expect(order).toMatchObject({ status: 'awaiting_payment', clientSecret: expect.stringMatching(/^pi_.+_secret_/) });
  return {
    order,
    guestToken,
    cartId,
    intentId: order.clientSecret.split('_secret_')[0] as string,
    clientSecret: order.clientSecret as string,
  };
}
