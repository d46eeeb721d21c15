import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductUpdated } from '../src/modules/product/contract.ts';
import { eventually, type TestApp } from './helpers/app.ts';
import { recommendationHelpers, startRecommendationApp } from './helpers/recommendation.ts';

/** Recommendations, booted alone: product, inventory and order played by their events. */
describe('recommendation: bought together, similar, popular, availability', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startRecommendationApp();
  });
  afterAll(() => app?.stop());
  const { announce, stock, price, product, order, remove, forProduct } = recommendationHelpers(() => app);
  const snapshot = (p: { productId: string; variantId: string }, categoryIds: string[]) => ({
    productId: p.productId,
    version: 1,
    handle: `h-${p.productId}`,
    title: 'P',
    status: 'published' as const,
    categoryIds,
    collectionIds: [],
    thumbnail: null,
    variants: [
      { variantId: p.variantId, sku: 'S', title: 'V', options: { color: 'red', size: 'L' }, weightGrams: null },
    ],
  });

  it("B bought with A is in A's bought-together, ranked by co-purchases; out of stock, it leaves within a second", async () => {
    const a = await product();
    const b = await product();
    const c = await product();
    const alone = await product();
    await order([a.variantId, b.variantId]);
    await order([a.variantId, b.variantId, c.variantId]);
    await order([alone.variantId]);
    expect(await forProduct(a.productId, 'bought_together')).toEqual([b.productId, c.productId]);
    expect(await forProduct(b.productId, 'bought_together')).toEqual([a.productId, c.productId]);
    expect(await forProduct(alone.productId, 'bought_together')).toEqual([]);

    const started = Date.now();
    await stock(b.variantId, false);
    await eventually(async () => !(await forProduct(a.productId, 'bought_together')).includes(b.productId), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await forProduct(a.productId, 'bought_together')).toEqual([c.productId]);

    await stock(b.variantId, true);
    expect(await forProduct(a.productId, 'bought_together')).toEqual([b.productId, c.productId]);
  });

  it('an unpublished or deleted product is never recommended', async () => {
    const a = await product();
    const b = await product();
    await order([a.variantId, b.variantId]);
    expect(await forProduct(a.productId, 'bought_together')).toEqual([b.productId]);
    await remove(b.productId, [b.variantId]);
    expect(await forProduct(a.productId, 'bought_together')).toEqual([]);
    // A late stock event does not bring it back.
    await stock(b.variantId, true);
    expect(await forProduct(a.productId, 'bought_together')).toEqual([]);
  });

  it('similar ranks same-category products by shared options; popular by confirmed orders', async () => {
    const mugs = uuidv7();
    const base = await product({ categoryIds: [mugs], options: { color: 'red', size: 'L' } });
    const twin = await product({ categoryIds: [mugs], options: { color: 'red', size: 'L' } });
    const cousin = await product({ categoryIds: [mugs], options: { color: 'red', size: 'S' } });
    const stranger = await product({ categoryIds: [uuidv7()], options: { color: 'red', size: 'L' } });
    const empty = await product({ categoryIds: [mugs], inStock: false });
    const draft = await product({ categoryIds: [mugs], options: { color: 'red', size: 'L' } });
    await announce(ProductUpdated, { ...snapshot(draft, [mugs]), status: 'draft', version: 2 }, 'product');
    expect(await forProduct(base.productId, 'similar')).toEqual([twin.productId, cousin.productId]);

    await order([cousin.variantId]);
    await order([cousin.variantId, stranger.variantId]);
    await order([twin.variantId]);
    await order([draft.variantId, empty.variantId]);
    await order([draft.variantId]);
    expect(await forProduct(base.productId, 'popular_in_category')).toEqual([cousin.productId, twin.productId]);
    expect(await forProduct(base.productId, 'popular_in_category', 1)).toEqual([cousin.productId]);
    expect(await forProduct(empty.productId, 'popular_in_category')).toEqual([
      cousin.productId,
      twin.productId,
      base.productId,
    ]);
  });

  it('similar keeps to a price band: half to twice the price in the same currency; an older price is ignored', async () => {
    const cat = uuidv7();
    const [base, near, dear, cheap] = [
      await product({ categoryIds: [cat] }),
      await product({ categoryIds: [cat] }),
      await product({ categoryIds: [cat] }),
      await product({ categoryIds: [cat] }),
    ];
    expect(new Set(await forProduct(base.productId, 'similar'))).toEqual(
      new Set([near.productId, dear.productId, cheap.productId]),
    );
    await price(base.variantId, 2000, 1);
    await price(near.variantId, 3900, 1);
    await price(dear.variantId, 4100, 1);
    await price(cheap.variantId, 900, 1);
    expect(await forProduct(base.productId, 'similar')).toEqual([near.productId]);
    await price(cheap.variantId, 1500, 3);
    await price(cheap.variantId, 100, 2);
    expect(new Set(await forProduct(base.productId, 'similar'))).toEqual(new Set([near.productId, cheap.productId]));
  });

  it('a bad kind, limit or id is a 400', async () => {
    const id = uuidv7();
    for (const q of ['kind=nope', 'kind=similar&limit=0', 'kind=similar&limit=51', 'limit=3'])
      expect((await app.request('GET', `/store/products/${id}/recommendations?${q}`)).statusCode).toBe(400);
    expect((await app.request('GET', '/store/products/x/recommendations?kind=similar')).statusCode).toBe(400);
  });
});
