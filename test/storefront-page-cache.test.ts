import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';
import { PageCache, type CachedPage } from '../web/storefront/page-cache.ts';
import { html } from '../web/storefront/html.ts';

/**
 * The storefront's page cache: a catalog page is rendered once per TTL for everyone with the same
 * currency, the shopper's own header is not part of it, a staff change shows once the TTL is over,
 * and product views are posted by the page's script (POST /views) rather than counted per render.
 */
describe('storefront page cache, over HTTP', () => {
  let app: TestApp;
  let admin: string;
  let product: { id: string; handle: string; variants: { id: string }[] };
  // (pricing learns of a new variant from the catalog's event: the first price may wait for it)
  const price = (amount: number) =>
    eventually(async () => {
      const res = await app.request('PUT', `/admin/prices/${product.variants[0]!.id}`, {
        token: admin,
        body: {
          prices: [
            { currency: 'EUR', amount },
            { currency: 'USD', amount: amount + 1000 },
          ],
        },
      });
      return res.statusCode < 300 ? res : undefined;
    }, 10_000);

  beforeAll(async () => {
    app = await startTestApp({ STOREFRONT_CACHE_SECONDS: 1 });
    admin = await adminToken(app);
    product = (
      await app.request('POST', '/admin/products', {
        token: admin,
        body: {
          title: 'Linen Shirt',
          status: 'published',
          options: [{ name: 'Size', values: ['M'] }],
          variants: [{ sku: sku('LS'), options: { Size: 'M' } }],
        },
      })
    ).json();
    expect((await price(4500)).statusCode).toBeLessThan(300);
    // (recommendations show what is in stock only)
    const location = (await app.request('GET', '/admin/stock-locations', { token: admin })).json().items[0].id;
    await eventually(async () => {
      const res = await app.request('POST', `/admin/inventory/${product.variants[0]!.id}/adjustments`, {
        token: admin,
        body: { locationId: location, onHand: 5, reason: 'received' },
      });
      return res.statusCode < 300;
    }, 10_000);
    await eventually(async () => (await app.request('GET', `/products/${product.handle}`)).body.includes('€45.00'));
  }, 60_000);
  afterAll(() => app?.stop());

  const page = (path: string, cookie = '') => app.request('GET', path, { headers: cookie ? { cookie } : {} });

  it('serves a rendered page again to the next shopper, per currency, with their own header', async () => {
    const first = await page(`/products/${product.handle}`);
    const again = await page(`/products/${product.handle}`, 'ts_at=some-token');
    expect(again.headers['x-page-cache']).toBe('hit');
    expect(again.body).toContain('€45.00');
    // the header is the shopper's: signed in here, not in the page that was cached
    expect(first.body).toContain('>Sign in<');
    expect(again.body).toContain('>Account<');
    const usd = await page(`/products/${product.handle}`, 'ts_cur=USD');
    expect(usd.headers['x-page-cache']).toBe('miss');
    expect(usd.body).toContain('$55.00');
    expect(usd.body).toMatch(/<option value="USD" selected>/);
  });

  it('shows a staff change once the page has been served its TTL', async () => {
    await page(`/products/${product.handle}`);
    expect((await price(3900)).statusCode).toBeLessThan(300);
    await eventually(async () => (await page(`/products/${product.handle}`)).body.includes('€39.00'), 10_000);
  });

  it('keeps no "not found": a product published after a miss shows at once', async () => {
    const handle = `late-${sku('h').toLowerCase()}`;
    expect((await page(`/products/${handle}`)).statusCode).toBe(404);
    const late = await app.request('POST', '/admin/products', {
      token: admin,
      body: { title: 'Late Arrival', handle, status: 'published', variants: [{ sku: sku('LA'), options: {} }] },
    });
    expect(late.statusCode).toBe(201);
    const shown = await page(`/products/${handle}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Late Arrival');
  });

  it('the product page names its product for the view script; POST /views records the view', async () => {
    const body = (await page(`/products/${product.handle}`)).body;
    expect(body).toContain(`data-product-view="${product.id}"`);
    expect(body).toContain('src="/assets/view.js"');
    const sid = 'page-cache-test-session-1';
    const view = await app.request('POST', '/views', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ts_sid=${sid}` },
      payload: `productId=${product.id}`,
    });
    expect(view.statusCode).toBe(204);
    await eventually(async () => {
      const recent = await app.request('GET', `/store/recommendations?sessionId=${sid}`);
      return JSON.stringify(recent.json()).includes(product.id);
    }, 10_000);
  });

  it('refuses a malformed view with a problem and records nothing', async () => {
    for (const payload of ['productId=not-a-uuid', 'productId=%00', '', `productId=${'9'.repeat(5000)}`]) {
      const res = await app.request('POST', '/views', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'ts_sid=page-cache-test-session-2' },
        payload,
      });
      expect(res.statusCode, payload.slice(0, 40)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const recent = await app.request('GET', '/store/recommendations?sessionId=page-cache-test-session-2');
    expect(JSON.stringify(recent.json())).not.toContain(product.id);
  });
});

describe('PageCache', () => {
  const made = (title: string, status = 200): CachedPage => ({ title, status, body: html`<p>${title}</p>` });
  let clock = 0;
  const cache = (ttlSeconds = 5, maxEntries = 100) => new PageCache({ ttlSeconds, maxEntries, now: () => clock });

  it('renders once for concurrent requests and again after the TTL', async () => {
    const c = cache();
    let renders = 0;
    const render = async () => made(`v${++renders}`);
    const [a, b] = await Promise.all([c.get('k', render), c.get('k', render)]);
    expect([a.page.title, b.page.title, renders]).toEqual(['v1', 'v1', 1]);
    expect([a.hit, b.hit]).toEqual([false, true]);
    clock += 4_999;
    expect((await c.get('k', render)).page.title).toBe('v1');
    clock += 1;
    expect((await c.get('k', render)).page.title).toBe('v2');
  });

  it('keeps neither failures nor pages other than 200, nor over-long keys', async () => {
    const c = cache();
    await expect(c.get('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect((await c.get('x', async () => made('ok'))).hit).toBe(false);
    await c.get('missing', async () => made('Not found', 404));
    expect((await c.get('missing', async () => made('found'))).page.title).toBe('found');
    await c.get('q'.repeat(400), async () => made('long'));
    expect(c.size).toBe(2);
  });

  it('drops the least recently used page beyond its bound', async () => {
    const c = cache(5, 2);
    await c.get('a', async () => made('a'));
    await c.get('b', async () => made('b'));
    await c.get('a', async () => made('a2')); // a is now the most recent
    await c.get('c', async () => made('c'));
    expect((await c.get('a', async () => made('a3'))).page.title).toBe('a');
    expect((await c.get('b', async () => made('b2'))).page.title).toBe('b2');
  });

  it('renders every time with a TTL of 0', async () => {
    const c = cache(0);
    let renders = 0;
    await c.get('k', async () => made(`${++renders}`));
    await c.get('k', async () => made(`${++renders}`));
    expect(renders).toBe(2);
  });
});
