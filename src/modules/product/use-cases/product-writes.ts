import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { ProductCreated, ProductUpdated } from '../contract.ts';
import { Product } from '../entities/product.entity.ts';
import { ProductImage } from '../entities/product-image.entity.ts';
import { ProductCategory } from '../entities/product-category.entity.ts';
import { ProductCollection } from '../entities/product-collection.entity.ts';
import { refreshReadModels } from '../entities/read-models.ts';
import { loadSnapshot } from '../entities/snapshot.ts';

/** What every product write shares: the lock, the links and images it replaces, the event it publishes. */
export const publishProductEvent = (platform: Platform) => publisherFor(platform, 'product');

/** One writer per product at a time, so versions and snapshots go out in order. */
export async function lockProduct(em: EntityManager, id: string): Promise<Product> {
  const product = await em.findOne(Product, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!product) throw new NotFound('Product');
  return product;
}

/** Replaces the product's categories and/or collections, whichever is given. */
export async function replaceLinks(
  em: EntityManager,
  productId: string,
  links: { categoryIds?: string[]; collectionIds?: string[] },
) {
  if (links.categoryIds) {
    await em.nativeDelete(ProductCategory, { productId });
    const rows = links.categoryIds.map((categoryId) => ({ productId, categoryId }));
    if (rows.length) await em.insertMany(ProductCategory, rows);
  }
  if (links.collectionIds) {
    await em.nativeDelete(ProductCollection, { productId });
    const rows = links.collectionIds.map((collectionId) => ({ productId, collectionId }));
    if (rows.length) await em.insertMany(ProductCollection, rows);
  }
}

/** Replaces the gallery; the new images are written by the caller's next flush. */
export async function replaceImages(em: EntityManager, productId: string, images: { url: string; alt?: string }[]) {
  await em.nativeDelete(ProductImage, { productId });
  images.forEach((img, position) => em.create(ProductImage, { productId, url: img.url, alt: img.alt ?? '', position }));
}

/** Bumps the version, rebuilds read models and publishes the new snapshot, all in the caller's transaction. */
export async function afterProductChange(platform: Platform, em: EntityManager, product: Product, created = false) {
  if (!created) product.version += 1;
  await em.flush();
  await refreshReadModels(em, [product.id]);
  await publishProductEvent(platform)(
    em,
    created ? ProductCreated : ProductUpdated,
    await loadSnapshot(em, product.id),
  );
}
