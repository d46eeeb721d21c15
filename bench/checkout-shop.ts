// bench/checkout.ts's shop: three priced, stocked products, and the checkout request's body.
import { randomUUID } from 'node:crypto';

type Call = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; json: any }>;

/** Creates the products through the admin API (waiting for the projections prices and stock go through). */
export async function setUpShop(
  call: Call,
  until: (fn: () => Promise<boolean>) => Promise<void>,
  admin: Record<string, string>,
): Promise<{ variants: string[]; checkoutBody: string }> {
  const location = (await call('GET', '/admin/stock-locations', undefined, admin)).json.items[0].id;
  const variants: string[] = [];
  for (const [i, amount] of [1500, 900, 2400].entries()) {
    const product = (
      await call(
        'POST',
        '/admin/products',
        { title: `Bench Mug ${i}`, status: 'published', variants: [{ sku: `BENCH-${randomUUID().slice(0, 8)}` }] },
        admin,
      )
    ).json;
    const variantId = product.variants[0].id;
    await until(
      async () =>
        (await call('PUT', `/admin/prices/${variantId}`, { prices: [{ currency: 'EUR', amount }] }, admin)).status ===
        200,
    );
    await until(
      async () =>
        (
          await call(
            'POST',
            `/admin/inventory/${variantId}/adjustments`,
            { locationId: location, onHand: 10_000_000, reason: 'received' },
            admin,
          )
        ).status === 201,
    );
    variants.push(variantId);
  }
  const option = (await call('GET', '/admin/shipping-options', undefined, admin)).json.items.find(
    (o: any) => o.code === 'standard',
  ).id;
  const address = {
    firstName: 'B',
    lastName: 'Ench',
    line1: 'Street 1',
    city: 'Berlin',
    postalCode: '10115',
    countryCode: 'DE',
  };
  const checkoutBody = JSON.stringify({
    shippingAddress: address,
    shippingOptionId: option,
    paymentMethod: { provider: 'test', token: 'tok_success' },
  });
  return { variants, checkoutBody };
}
