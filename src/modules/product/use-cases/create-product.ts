import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { checkVariantOptions, variantTitle } from '../domain/variant-options.ts';
import { Product } from '../entities/product.entity.ts';
import { ProductOption } from '../entities/product-option.entity.ts';
import { Variant } from '../entities/variant.entity.ts';
import type { ProductIn } from '../routes/schemas.ts';
import { productRuntime } from '../runtime.ts';
import { checkSkusFree, checkTaxonomy, freeHandle } from './catalog-checks.ts';
import { afterProductChange, replaceImages, replaceLinks } from './product-writes.ts';

export type ProductInput = Static<typeof ProductIn>;

/** Writes a product with its options, variants, images and links, and publishes product.created, in `tx`. */
export async function insertProduct(platform: Platform, tx: EntityManager, input: ProductInput): Promise<string> {
  const options = input.options ?? [];
  checkVariantOptions(options, input.variants);
  await checkSkusFree(
    tx,
    input.variants.map((v) => v.sku),
  );
  await checkTaxonomy(tx, input.categoryIds, input.collectionIds);
  const product = tx.create(Product, {
    id: uuidv7(),
    handle: await freeHandle(tx, 'products', input.handle, input.title),
    title: input.title,
    subtitle: input.subtitle ?? null,
    description: input.description ?? null,
    status: input.status ?? 'draft',
    thumbnail: input.thumbnail ?? input.images?.[0]?.url ?? null,
    version: 1,
    inStock: false,
  });
  // The product row goes first, in a flush of its own, before the rows that name it.
  await tx.flush();
  options.forEach((o, position) =>
    tx.create(ProductOption, { productId: product.id, name: o.name, values: o.values, position }),
  );
  input.variants.forEach((v, position) =>
    tx.create(Variant, {
      productId: product.id,
      sku: v.sku,
      title: variantTitle(v, input.title),
      options: v.options ?? {},
      weightGrams: v.weightGrams ?? null,
      position,
    }),
  );
  await replaceImages(tx, product.id, input.images ?? []);
  await tx.flush();
  await replaceLinks(tx, product.id, {
    categoryIds: input.categoryIds ?? [],
    collectionIds: input.collectionIds ?? [],
  });
  await afterProductChange(platform, tx, product, true);
  return product.id;
}

export async function createProduct(platform: Platform, em: EntityManager, input: ProductInput): Promise<string> {
  const id = await em.transactional((tx) => insertProduct(platform, tx, input));
  await productRuntime().refreshCacheAndSearch([id]);
  return id;
}
