import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TokenService } from '../auth/tokens.ts';
import { permissions } from '../auth/permissions.ts';
import type { StaffPrincipal } from '../auth/principal.ts';
import { CATEGORY_TREE, COLLECTIONS, demoProducts, type DemoProduct } from './demo-catalog.ts';

export interface SeedOptions {
  products: number;
  seed?: number;
  log?: Logger;
}

const SEED_STAFF = '00000000-0000-7000-8000-00000000seed'.replace('seed', '5eed');
/** The seeder acts as staff holding every permission (its actions are audited under this id). */
const seedStaff: StaffPrincipal = {
  kind: 'staff',
  sub: SEED_STAFF,
  email: 'seed@tessera.local',
  permissions: [...permissions],
};
const BATCH = 100;
const CONCURRENT_BATCHES = 4;

/**
 * Builds the demo shop through the public admin API (in-process, no socket): the seeder knows
 * routes, not module internals, so every module validates and publishes as it would for staff.
 * Prices and stock wait until pricing and inventory have heard of each new variant (their
 * product.created handlers), which is the eventual consistency a real import lives with too.
 */
export async function seedDemoShop(app: FastifyInstance, tokens: TokenService, opts: SeedOptions) {
  const seed = opts.seed ?? 42;
  // A large seed outlives one access token: sign a fresh one every few minutes.
  let token = '';
  let signedAt = 0;
  const bearer = async () => {
    if (Date.now() - signedAt > 5 * 60_000) {
      token = await tokens.sign(seedStaff);
      signedAt = Date.now();
    }
    return `Bearer ${token}`;
  };
  const call = async (method: string, url: string, body?: unknown, waitForKnown = false): Promise<any> => {
    for (let attempt = 0; ; attempt++) {
      const res = await app.inject({
        method: method as any,
        url,
        headers: { authorization: await bearer() },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      if (res.statusCode < 300) return res.body ? res.json() : undefined;
      // 404 while another module has not processed product.created yet: wait and ask again.
      if (waitForKnown && res.statusCode === 404 && attempt < 600) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      throw new Error(`seed: ${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    }
  };

  // Categories and collections are found by name when they exist (seeding more into a shop).
  const known = (await call('GET', '/admin/categories')).items as {
    id: string;
    parentId: string | null;
    name: string;
  }[];
  const category = async (name: string, parentId: string | null) =>
    known.find((c) => c.name === name && c.parentId === parentId)?.id ??
    ((await call('POST', '/admin/categories', { name, parentId })).id as string);
  const categories = new Map<string, string>();
  for (const [root, leaves] of Object.entries(CATEGORY_TREE)) {
    const parent = await category(root, null);
    for (const leaf of leaves) categories.set(`${root}/${leaf}`, await category(leaf, parent));
  }
  const knownCollections = (await call('GET', '/admin/collections')).items as { id: string; title: string }[];
  const collections = new Map<string, string>();
  for (const title of COLLECTIONS) {
    collections.set(
      title,
      knownCollections.find((c) => c.title === title)?.id ?? (await call('POST', '/admin/collections', { title })).id,
    );
  }
  const locations = (await call('GET', '/admin/stock-locations')).items as { id: string; code: string }[];
  const warehouse = locations.find((l) => l.code === 'default')!.id;
  // Seeding more into an existing shop reuses its second location and promotion code.
  const store =
    locations.find((l) => l.code === 'eu-west')?.id ??
    (await call('POST', '/admin/stock-locations', { code: 'eu-west', name: 'EU West fulfilment', countryCode: 'NL' }))
      .id;
  for (const [country, rateBps] of [
    ['DE', 1900],
    ['FR', 2000],
    ['NL', 2100],
    ['GB', 2000],
    ['US', 0],
  ] as const) {
    await call('PUT', `/admin/tax-rates/${country}`, { rateBps, name: `${country} standard` });
  }

  const saleVariants: { id: string; eur: number; usd: number }[] = [];
  let made = 0;
  const all = demoProducts(opts.products, seed);
  const nextBatch = () => {
    const batch: DemoProduct[] = [];
    for (let i = 0; i < BATCH; i++) {
      const n = all.next();
      if (n.done) break;
      batch.push(n.value);
    }
    return batch;
  };
  // Each batch: products, then their prices, then their stock. Batches run side by side: the
  // work waits on database round trips, not on the CPU.
  const worker = async () => {
    for (let batch = nextBatch(); batch.length; batch = nextBatch()) {
      const { products } = await call('POST', '/admin/products/batch', {
        products: batch.map((p) => ({
          title: p.title,
          handle: p.handle,
          description: p.description,
          status: 'published',
          categoryIds: [categories.get(p.category)!],
          collectionIds: p.collections.map((c) => collections.get(c)!),
          images: [{ url: p.image, alt: p.title }],
          options: p.options,
          variants: p.variants.map((v) => ({ sku: v.sku, options: v.options, weightGrams: 400 })),
        })),
      });
      const variants = batch.flatMap((p, i) =>
        p.variants.map((v, j) => ({
          ...v,
          id: products[i].variants[j].id as string,
          lastChance: p.collections.includes('Last Chance'),
        })),
      );
      for (let i = 0; i < variants.length; i += 500) {
        await call(
          'PUT',
          '/admin/prices',
          {
            items: variants.slice(i, i + 500).map((v) => ({
              variantId: v.id,
              prices: [
                { currency: 'EUR', amount: v.eur },
                { currency: 'USD', amount: v.usd },
              ],
            })),
          },
          true,
        );
      }
      const items = variants.flatMap((v) => [
        { variantId: v.id, locationId: warehouse, onHand: v.stock[0], reason: 'received' },
        { variantId: v.id, locationId: store, onHand: v.stock[1], reason: 'received' },
      ]);
      for (let i = 0; i < items.length; i += 500)
        await call('POST', '/admin/inventory/adjustments', { items: items.slice(i, i + 500) }, true);
      for (const v of variants) if (v.lastChance && saleVariants.length < 500) saleVariants.push(v);
      made += batch.length;
      if (made % 1000 === 0 || made === opts.products)
        opts.log?.info({ products: made, of: opts.products }, 'seeding demo shop');
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, worker));

  const now = Date.now();
  await call('POST', '/admin/price-lists', {
    name: 'Last Chance Sale',
    description: '30 % off the Last Chance collection',
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 30 * 86_400_000).toISOString(),
    prices: saleVariants
      .flatMap((v) => [
        { variantId: v.id, currency: 'EUR', amount: Math.round(v.eur * 0.7) },
        { variantId: v.id, currency: 'USD', amount: Math.round(v.usd * 0.7) },
      ])
      .slice(0, 1000),
  });
  const existing = (await call('GET', '/admin/promotions?q=WELCOME10')).items as unknown[];
  if (!existing.length)
    await call('POST', '/admin/promotions', {
      name: 'Welcome 10 %',
      code: 'WELCOME10',
      kind: 'percentage',
      percentBps: 1000,
      minSubtotal: [
        { currency: 'EUR', amount: 5000 },
        { currency: 'USD', amount: 5000 },
      ],
      oncePerCustomer: true,
    });
  return { products: made, categories: categories.size, saleVariants: saleVariants.length, promotionCode: 'WELCOME10' };
}

/** `npm start` on an empty catalog: seed the demo shop, so a new install has something to browse. */
export async function seedDemoIfEmpty(app: FastifyInstance, tokens: TokenService, opts: SeedOptions): Promise<boolean> {
  const token = await tokens.sign(seedStaff);
  const res = await app.inject({
    method: 'GET',
    url: '/admin/products?limit=1',
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.statusCode !== 200 || res.json().items.length > 0) return false;
  await seedDemoShop(app, tokens, opts);
  return true;
}
