import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';

/** The whole shop: a real checkout feeds "bought together", a real stock adjustment empties it. */
describe('recommendation: with every module', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
  });
  afterAll(() => app?.stop());

  const productOf = (variantId: string) =>
    eventually(async () => {
      const [row] = await app.db.query('select product_id from recommendation.variants where variant_id = $1', [
        variantId,
      ]);
      return row?.product_id as string | undefined;
    });
  const boughtWith = async (productId: string) =>
    (await app.request('GET', `/store/products/${productId}/recommendations?kind=bought_together`))
      .json()
      .items.map((i: { productId: string }) => i.productId);

  it("after a checkout of A and B, B is among A's bought together; out of stock, it leaves within a second", async () => {
    const a = await stockedVariant(app, admin, { title: 'Teapot', price: 3000, stock: 10 });
    const b = await stockedVariant(app, admin, { title: 'Tea cups', price: 1500, stock: 10 });
    const cartId = await guestCart(app, a.variantId, 1);
    // (retried until the order module has heard of B)
    await eventually(
      async () =>
        (await app.request('POST', `/store/carts/${cartId}/items`, { body: { variantId: b.variantId, quantity: 1 } }))
          .statusCode === 200,
      5000,
    );
    const res = await checkoutAndWait(app, cartId, a.optionId, { provider: 'test', token: 'tok_success' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().order.status).toBe('confirmed');

    const [pa, pb] = [await productOf(a.variantId), await productOf(b.variantId)];
    await eventually(async () => (await boughtWith(pa)).includes(pb), 15_000);

    const location = (await app.request('GET', '/admin/stock-locations', { token: admin })).json().items[0].id;
    // One left on hand is the confirmed order's reservation: none is sellable.
    const started = Date.now();
    const adj = await app.request('POST', `/admin/inventory/${b.variantId}/adjustments`, {
      token: admin,
      body: { locationId: location, onHand: 1, reason: 'damaged' },
    });
    expect(adj.statusCode, adj.body).toBeLessThan(300);
    await eventually(async () => !(await boughtWith(pa)).includes(pb), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
