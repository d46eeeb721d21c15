import type { Tessera } from '../../src/platform/host/boot.ts';
import { permissions } from '../../src/platform/auth/permissions.ts';
import { seedDemoShop } from '../../src/platform/seed/seed.ts';
import { RELEVANCE_PRODUCTS } from './set.ts';

/** Seeds the relevance catalog through the admin API and waits until every product is listed with a price. */
export async function seedRelevanceShop(t: Tessera): Promise<void> {
  await seedDemoShop(t.app, t.platform.tokens, { products: RELEVANCE_PRODUCTS });
  for (const started = Date.now(); ;) {
    const res = await t.app.inject({ method: 'GET', url: '/store/products?facets=true&limit=1' });
    const { inStock } = res.json().facets;
    if (inStock.true + inStock.false >= RELEVANCE_PRODUCTS) return;
    if (Date.now() - started > 120_000) throw new Error(`only ${inStock.true + inStock.false} products listed`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The handles of the first ten products a store search answers. */
/** The first ten handles a shopper gets for `q`; `facets=false` is the search-as-you-type box's request (postings, ADR 0101). */
export const storeTopTen =
  (t: Tessera, facets = true) =>
  async (q: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/store/products?limit=10&facets=${facets}&q=${encodeURIComponent(q)}`,
    });
    if (res.statusCode !== 200) throw new Error(`search ${q} answered ${res.statusCode}: ${res.body}`);
    return (res.json().items as { handle: string }[]).map((p) => p.handle);
  };

/** A staff token holding every permission, for the admin calls the harness makes (rebuilding an engine's index). */
export const staffToken = (t: Tessera) =>
  t.platform.tokens.sign({
    kind: 'staff',
    sub: '00000000-0000-7000-8000-000000000091',
    email: 'relevance@tessera.local',
    permissions: [...permissions],
  });
