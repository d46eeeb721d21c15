import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import type { ProductPatch } from '../routes/schemas.ts';
import { productRuntime } from '../runtime.ts';
import { checkTaxonomy, freeHandle } from './catalog-checks.ts';
import { afterProductChange, lockProduct, replaceImages, replaceLinks } from './product-writes.ts';

/** Publishes, unpublishes, retitles or recategorises a product; publishes product.updated. */
export async function updateProduct(
  platform: Platform,
  em: EntityManager,
  id: string,
  patch: Static<typeof ProductPatch>,
): Promise<void> {
  const before = await em.transactional(async (tx) => {
    const product = await lockProduct(tx, id);
    // (the links before the edit: listings of a category it leaves must be dropped too)
    const linked = await productRuntime().listingScopeBefore(tx, [id]);
    await checkTaxonomy(tx, patch.categoryIds, patch.collectionIds);
    if (patch.handle !== undefined && patch.handle !== product.handle)
      product.handle = await freeHandle(tx, 'products', patch.handle, product.title, id);
    const { title, subtitle, description, status, thumbnail } = patch;
    tx.assign(product, { title, subtitle, description, status, thumbnail }, { ignoreUndefined: true });
    if (patch.images) await replaceImages(tx, id, patch.images);
    await replaceLinks(tx, id, patch);
    await afterProductChange(platform, tx, product);
    return linked;
  });
  await productRuntime().refreshCacheAndSearch([id], undefined, before);
}
