import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';

/**
 * The whole shop: a real purchase through the store API shows in the funnel (viewed, added,
 * checkout started, confirmed), in the sales report and among the top products; a search that
 * finds nothing shows among the searches without result.
 */
describe('analytics: with every module', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
  });
  afterAll(() => app?.stop());

  const today = () => new Date().toISOString().slice(0, 10);
  const report = async (path: string, query = '') =>
    (
      await app.request('GET', `/admin/analytics/${path}?from=${today()}&to=${today()}${query}`, { token: admin })
    ).json().rows;

  it('a purchase over HTTP is counted at every step of the funnel and in the sales report', async () => {
    const { variantId, optionId } = await stockedVariant(app, admin, {
      title: 'Analytics mug',
      price: 1250,
      stock: 10,
    });
    const product = (await app.request('GET', `/admin/products?limit=50`, { token: admin })).json();
    const productId = product.items.find((p: { title: string }) => p.title === 'Analytics mug').id as string;

    const viewed = await app.request('POST', '/store/events', { body: { type: 'product_viewed', productId } });
    expect(viewed.statusCode, viewed.body).toBe(202);
    const cartId = await guestCart(app, variantId, 2);
    const res = await checkoutAndWait(app, cartId, optionId, { provider: 'test', token: 'tok_success' });
    expect(res.statusCode, res.body).toBe(200);
    const order = res.json().order;
    expect(order.status).toBe('confirmed');

    await eventually(async () => {
      const [day] = await report('funnel');
      return day?.viewed === 1 && day.addedToCart === 1 && day.checkoutStarted === 1 && day.confirmed === 1;
    }, 20_000);
    const [funnel] = await report('funnel');
    expect(funnel).toMatchObject({ carts: 1, viewToCart: 1, cartToCheckout: 1, checkoutToConfirmed: 1 });
    const [sales] = await report('sales');
    expect(sales).toMatchObject({ currency: 'EUR', orders: 1, revenue: order.totals.total, cancellations: 0 });
    await eventually(async () => (await report('top-products'))[0]?.productId === productId, 10_000);
    expect((await report('top-products'))[0]).toMatchObject({ title: 'Analytics mug', units: 2, revenue: 2500 });
  });

  it('a store search that finds nothing is listed with its normalised text', async () => {
    const search = await app.request('GET', `/store/products?q=${encodeURIComponent('  Zyxwv  QUUX ')}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().items).toEqual([]);
    await eventually(async () => (await report('search-misses'))[0]?.query === 'zyxwv quux', 20_000);
    expect((await report('search-misses'))[0]).toMatchObject({ searches: 1 });
  });
});
