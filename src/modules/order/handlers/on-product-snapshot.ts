import type { Handler } from '../../../platform/bus/index.ts';
import type { ProductSnapshot } from '../../product/contract.ts';
import { heldProductVersion, writeProductVariants } from '../entities/projection-store.ts';

/**
 * product.created and product.updated both carry the product's snapshot: what carts may hold are
 * variants of published products, and a newer snapshot replaces an older one.
 */
export const onProductSnapshot: Handler<ProductSnapshot> = async ({ em }, { payload: p }) => {
  const held = await heldProductVersion(em, p.productId);
  if (held && held >= p.version) return;
  const variants = p.variants.map((v) => ({
    variant_id: v.variantId,
    product_id: p.productId,
    sku: v.sku,
    title: v.title === p.title || p.variants.length === 1 ? p.title : `${p.title} – ${v.title}`,
    weight_grams: v.weightGrams,
    sellable: p.status === 'published',
    product_version: p.version,
  }));
  await writeProductVariants(em, p.productId, p.version, variants);
};
