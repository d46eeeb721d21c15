import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TokenService } from '../auth/tokens.ts';
import { permissions } from '../auth/permissions.ts';
import type { StaffPrincipal } from '../auth/principal.ts';
import { CATEGORY_TREE, COLLECTIONS, demoProducts, type DemoProduct } from './demo-catalog.ts';
import type { SeedProgress } from './progress.ts';
import type { BatchRecord, SeedState } from './seed-state.ts';

export interface SeedOptions {
  products: number;
  seed?: number;
  log?: Logger;
  /** Where finished batches are recorded, so an interrupted seed resumes (npm start's demo seed). */
  state?: SeedState;
  /** Batches already finished by an earlier, interrupted run. */
  done?: Record<string, BatchRecord>;
  progress?: SeedProgress;
  /** Products per batch (default 100); smaller batches show progress in finer steps. */
  batchSize?: number;
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
  let batchNumber = 0;
  const all = demoProducts(opts.products, seed);
  const nextBatch = () => {
    const batch: DemoProduct[] = [];
    for (let i = 0; i < (opts.batchSize ?? BATCH); i++) {
      const n = all.next();
      if (n.done) break;
      batch.push(n.value);
    }
    return { number: batchNumber++, batch };
  };
  // A batch whose products were made but not recorded (stopped in between): find them by handle.
  const existingVariantIds = (batch: DemoProduct[]) =>
    Promise.all(
      batch.map(async (p) => {
        const product = await call('GET', `/store/products/${p.handle}`);
        const bySku = new Map<string, string>(product.variants.map((v: { sku: string; id: string }) => [v.sku, v.id]));
        return p.variants.map((v) => bySku.get(v.sku)!);
      }),
    );
  const createProducts = async (batch: DemoProduct[]): Promise<string[][]> => {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/products/batch',
      headers: { authorization: await bearer() },
      payload: {
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
      },
    });
    if (res.statusCode === 409 && opts.done) return existingVariantIds(batch);
    if (res.statusCode >= 300)
      throw new Error(`seed: POST /admin/products/batch answered ${res.statusCode}: ${res.body}`);
    return res.json().products.map((p: { variants: { id: string }[] }) => p.variants.map((v) => v.id));
  };
  // Each batch: products, then their prices, then their stock. Batches run side by side: the
  // work waits on database round trips, not on the CPU.
  const worker = async () => {
    for (let { number, batch } = nextBatch(); batch.length; { number, batch } = nextBatch()) {
      const earlier = opts.done?.[String(number)];
      if (earlier?.done) {
        saleVariants.push(...(earlier.sale ?? []).slice(0, 500 - saleVariants.length));
        made += batch.length;
        opts.progress?.advance(batch.length);
        continue;
      }
      const ids = earlier?.created ?? (await createProducts(batch));
      if (!earlier?.created) await opts.state?.recordBatch(number, { created: ids });
      const variants = batch.flatMap((p, i) =>
        p.variants.map((v, j) => ({ ...v, id: ids[i][j], lastChance: p.collections.includes('Last Chance') })),
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
      const sale = variants.filter((v) => v.lastChance).map(({ id, eur, usd }) => ({ id, eur, usd }));
      saleVariants.push(...sale.slice(0, 500 - saleVariants.length));
      await opts.state?.recordBatch(number, { done: true, sale });
      made += batch.length;
      if (opts.progress) opts.progress.advance(batch.length);
      else if (made % 1000 === 0 || made === opts.products)
        opts.log?.info({ products: made, of: opts.products }, 'seeding demo shop');
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, worker));

  const now = Date.now();
  const priceLists = (await call('GET', '/admin/price-lists?limit=100')).items as { name: string }[];
  if (!priceLists.some((l) => l.name === 'Last Chance Sale'))
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

/** Whether the shop has no product yet (then `npm start` gives it the demo catalog). */
export async function catalogIsEmpty(app: FastifyInstance, tokens: TokenService): Promise<boolean> {
  const token = await tokens.sign(seedStaff);
  const res = await app.inject({
    method: 'GET',
    url: '/admin/products?limit=1',
    headers: { authorization: `Bearer ${token}` },
  });
  return res.statusCode === 200 && res.json().items.length === 0;
}
