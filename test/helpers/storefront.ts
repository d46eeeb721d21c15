// The storefront under a real browser: the shared browser rig (app, SMTP, chromium) with a small
// catalog made through the admin API before the browser starts.
import type { Config } from '../../src/platform/config/schema.ts';
import { eventually, type TestApp } from './app.ts';
import { startBrowserRig, type BrowserRig } from './browser-rig.ts';
import { sku } from './catalog.ts';

export interface StorefrontRig extends BrowserRig {
  sweater: { id: string; handle: string; variants: { id: string; options: Record<string, string> }[] };
  scarf: { id: string; handle: string };
}

/** `settings` adds to the app's test config (e.g. Stripe keys pointing at the Stripe double). */
export async function startStorefrontRig(settings: Partial<Config> = {}): Promise<StorefrontRig> {
  return startBrowserRig({
    screenshotPrefix: 'storefront',
    config: { MAIL_FROM: 'Tessera Shop <shop@tessera.test>', ...settings },
    prepare: seedCatalog,
  });
}

/** Two published products in two categories, priced in EUR and USD, in stock; DE tax; a code. */
async function seedCatalog(app: TestApp, admin: string): Promise<Pick<StorefrontRig, 'sweater' | 'scarf'>> {
  const as = (method: string, url: string, body?: unknown) => app.request(method, url, { token: admin, body });
  const ok = (method: string, url: string, body: unknown) =>
    eventually(async () => {
      const r = await as(method, url, body);
      return r.statusCode < 300 ? r : undefined;
    }, 10_000);

  const knitwear = (await as('POST', '/admin/categories', { name: 'Knitwear' })).json();
  const accessories = (await as('POST', '/admin/categories', { name: 'Accessories' })).json();
  const winter = (await as('POST', '/admin/collections', { title: 'Winter Warmers' })).json();
  const sweater = (
    await as('POST', '/admin/products', {
      title: 'Merino Sweater',
      subtitle: 'Fine merino wool, crew neck',
      description: 'A light sweater knitted from fine merino wool.',
      status: 'published',
      categoryIds: [knitwear.id],
      collectionIds: [winter.id],
      options: [{ name: 'Size', values: ['M', 'L'] }],
      variants: [
        { sku: sku('MS'), options: { Size: 'M' }, weightGrams: 400 },
        { sku: sku('MS'), options: { Size: 'L' }, weightGrams: 420 },
      ],
    })
  ).json();
  const scarf = (
    await as('POST', '/admin/products', {
      title: 'Wool Scarf',
      status: 'published',
      categoryIds: [accessories.id],
      collectionIds: [winter.id],
      options: [{ name: 'Colour', values: ['Grey'] }],
      variants: [{ sku: sku('WS'), options: { Colour: 'Grey' }, weightGrams: 150 }],
    })
  ).json();
  const location = (await as('GET', '/admin/stock-locations')).json().items[0].id;
  for (const [v, eur, usd] of [
    [sweater.variants[0], 8900, 9900],
    [sweater.variants[1], 8900, 9900],
    [scarf.variants[0], 2500, 2900],
  ] as const) {
    await ok('PUT', `/admin/prices/${v.id}`, {
      prices: [
        { currency: 'EUR', amount: eur },
        { currency: 'USD', amount: usd },
      ],
    });
    await ok('POST', `/admin/inventory/${v.id}/adjustments`, { locationId: location, onHand: 20, reason: 'received' });
  }
  await as('PUT', '/admin/tax-rates/DE', { rateBps: 1900, name: 'DE VAT' });
  await as('POST', '/admin/promotions', {
    name: 'Welcome 10 %',
    code: 'WELCOME10',
    kind: 'percentage',
    percentBps: 1000,
  });
  // Listings read projections fed by pricing and inventory events: wait until both show.
  await eventually(async () => {
    const list = (await app.request('GET', '/store/products?limit=10&inStock=true')).json();
    return list.items?.length === 2 && list.items.every((p: any) => p.priceRange.min > 0);
  }, 60_000);

  return { sweater, scarf };
}
