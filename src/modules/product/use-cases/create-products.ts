import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { Variant } from '../entities/variant.entity.ts';
import { productRuntime } from '../runtime.ts';
import { insertProduct, type ProductInput } from './create-product.ts';

/** An import: several products in one transaction, all or none; answers each one's variant ids by SKU. */
export async function createProducts(platform: Platform, em: EntityManager, inputs: ProductInput[]) {
  const ids = await em.transactional(async (tx) => {
    const out: string[] = [];
    for (const input of inputs) out.push(await insertProduct(platform, tx, input));
    return out;
  });
  await productRuntime().refreshCacheAndSearch(ids);
  const variants = await em.find(
    Variant,
    { productId: { $in: ids } },
    { fields: ['id', 'sku', 'productId'], orderBy: { position: 'asc' } },
  );
  return ids.map((id) => ({
    id,
    variants: variants.filter((v) => v.productId === id).map((v) => ({ id: v.id, sku: v.sku })),
  }));
}
