import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { testRateLimits } from './helpers/process.ts';
import { address, stockedVariant } from './helpers/shop.ts';

/**
 * Every module hosted, the real flow: a customer buys two products through the store API, staff
 * ship and deliver the order, the customer reviews both, staff publish, and the catalog's listing
 * and search sort and filter by the rating the review module published.
 */
describe('review: the real flow into the catalog', () => {
  let app: TestApp;
  let admin: string;
  let mugs: { variantId: string; optionId: string; productId: string }[];
  const as = (method: string, url: string, body?: unknown) => app.request(method, url, { token: admin, body });

  beforeAll(async () => {
    // (the test retries a review until the delivery has reached the review module: no limit on that)
    app = await startTestApp({ RATE_LIMITS: `${testRateLimits},review.*=off` });
    admin = await adminToken(app);
    mugs = [];
    for (const title of ['Rated Mug Alpha', 'Rated Mug Beta', 'Rated Mug Gamma']) {
      const v = await stockedVariant(app, admin, { title, price: 1500, stock: 10 });
      const product = (await as('GET', `/admin/products?q=${encodeURIComponent(title)}`)).json();
      const productId = product.items.find((p: { title: string }) => p.title === title).id;
      mugs.push({ ...v, productId });
    }
  });
  afterAll(() => app?.stop());

  /** A signed-in customer's order of these variants, confirmed, shipped and delivered. */
  async function deliveredOrder(token: string, variantIds: string[]) {
    const cart = (await app.request('POST', '/store/carts', { token, body: { currency: 'EUR' } })).json();
    for (const variantId of variantIds)
      await eventually(
        async () =>
          (await app.request('POST', `/store/carts/${cart.id}/items`, { token, body: { variantId, quantity: 1 } }))
            .statusCode === 200,
        5000,
      );
    const res = await app.request('POST', `/store/carts/${cart.id}/checkout`, {
      token,
      headers: { 'idempotency-key': randomUUID(), prefer: 'wait=10' },
      body: {
        shippingAddress: address,
        shippingOptionId: mugs[0].optionId,
        paymentMethod: { provider: 'test', token: 'tok_success' },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().order.status, res.body).toBe('confirmed');
    const orderId = res.json().order.id;
    const shipment = await eventually(
      async () => (await as('GET', `/admin/shipments?orderId=${orderId}`)).json().items[0],
    );
    expect(
      (await as('POST', `/admin/shipments/${shipment.id}/ship`, { carrier: 'manual', trackingNumber: 'T-1' }))
        .statusCode,
    ).toBe(200);
    expect((await as('POST', `/admin/shipments/${shipment.id}/deliver`)).statusCode).toBe(200);
    return orderId;
  }

  it('a delivered order lets its buyer review; publishing moves the listing within a second', async () => {
    const buyer = await registerCustomer(app);
    const [alpha, beta, gamma] = mugs;
    const reviewOf = (productId: string, token: string, rating: number) =>
      app.request('POST', `/store/products/${productId}/reviews`, {
        token,
        body: { rating, title: `${rating} stars`, body: 'Bought it, used it.' },
      });
    // Before the order arrives: 403.
    expect((await reviewOf(alpha.productId, buyer.token, 2)).statusCode).toBe(403);
    await deliveredOrder(buyer.token, [alpha.variantId, beta.variantId]);
    // The review module hears of the delivery in the background: retry until it has.
    const ra = await eventually(async () => {
      const r = await reviewOf(alpha.productId, buyer.token, 2);
      return r.statusCode === 201 ? r.json() : undefined;
    });
    const rb = (await reviewOf(beta.productId, buyer.token, 5)).json();
    // Gamma was not in the order.
    expect((await reviewOf(gamma.productId, buyer.token, 5)).statusCode).toBe(403);

    const listing = async (query: string) =>
      (await app.request('GET', `/store/products?${query}`)).json().items.map((p: { id: string }) => p.id);
    // Submitted, not moderated: a second later the listing still knows no rating, so the lag measured
    // below is publishing's (a rating counted on submission would already be there and pass at once).
    await new Promise((r) => setTimeout(r, 1000));
    expect(await listing('minRating=1')).toEqual([]);
    expect((await app.request('GET', `/store/products/${beta.productId}`)).json().rating).toEqual({
      average: 0,
      count: 0,
    });
    for (const r of [ra, rb]) expect((await as('POST', `/admin/reviews/${r.id}/publish`)).statusCode).toBe(200);
    const started = Date.now();
    await eventually(
      async () => (await listing('sort=rating'))[0] === beta.productId && (await listing('minRating=1')).length === 2,
      1000,
      20,
    );
    const lag = Date.now() - started;
    expect(lag).toBeLessThan(1000);

    expect(await listing('sort=rating')).toEqual([beta.productId, alpha.productId, gamma.productId]);
    expect(await listing('minRating=4')).toEqual([beta.productId]);
    expect(await listing('q=mug&sort=rating')).toEqual([beta.productId, alpha.productId, gamma.productId]);
    expect(await listing('q=mug&minRating=1.5&sort=rating')).toEqual([beta.productId, alpha.productId]);
    const page = (await app.request('GET', '/store/products?sort=rating&limit=1')).json();
    expect(page.items[0].rating).toEqual({ average: 5, count: 1 });
    const detail = (await app.request('GET', `/store/products/${alpha.productId}`)).json();
    expect(detail.rating).toEqual({ average: 2, count: 1 });
    const next = (await app.request('GET', `/store/products?sort=rating&limit=1&cursor=${page.nextCursor}`)).json();
    expect(next.items.map((p: { id: string }) => p.id)).toEqual([alpha.productId]);

    // Withdrawing the five-star review drops beta to unrated.
    expect((await as('POST', `/admin/reviews/${rb.id}/reject`, { reason: 'duplicate' })).statusCode).toBe(200);
    await eventually(async () => (await listing('minRating=4')).length === 0, 1000, 20);
    // (ties at 0 stars: newest first)
    expect(await listing('sort=rating')).toEqual([alpha.productId, gamma.productId, beta.productId]);
  });
});
