import { query } from '../../../platform/db/index.ts';
import { LockMode } from '@mikro-orm/core';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../contract.ts';
import { Product } from '../product.entity.ts';
import { Variant } from '../variant.entity.ts';
import { ProductOption } from '../product-option.entity.ts';
import { ProductImage } from '../image.entity.ts';
import type { ProductIn, ProductPatch, VariantIn, VariantPatch } from '../schemas.ts';
import { loadSnapshot } from './snapshot.ts';
import { refreshReadModels } from './read-models.ts';
import { checkSkusFree, checkTaxonomy, checkVariantOptions, freeHandle } from './validate.ts';

const publish = (platform: Platform) => publisherFor(platform, 'product');

const variantTitle = (v: Static<typeof VariantIn>, productTitle: string) =>
  v.title ?? (Object.values(v.options ?? {}).join(' / ') || productTitle);

async function setLinks(
  em: EntityManager,
  productId: string,
  table: 'product_categories' | 'product_collections',
  column: string,
  ids: string[],
) {
  await query(em, `delete from product.${table} where product_id = $1`, [productId]);
  if (ids.length)
    await query(em, `insert into product.${table} (product_id, ${column}) select $1, unnest($2::uuid[])`, [
      productId,
      ids,
    ]);
}

async function setImages(em: EntityManager, productId: string, images: { url: string; alt?: string }[]) {
  await em.nativeDelete(ProductImage, { productId });
  images.forEach((img, position) => em.create(ProductImage, { productId, url: img.url, alt: img.alt ?? '', position }));
}

async function loadProduct(em: EntityManager, id: string) {
  // One writer per product at a time, so versions and snapshots go out in order.
  const product = await em.findOne(Product, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!product) throw new NotFound('Product');
  return product;
}

/** Bumps the version, rebuilds read models and publishes the new snapshot, all in the caller's transaction. */
async function afterChange(platform: Platform, em: EntityManager, product: Product, created = false) {
  if (!created) product.version += 1;
  await em.flush();
  await refreshReadModels(em, [product.id]);
  await publish(platform)(em, created ? ProductCreated : ProductUpdated, await loadSnapshot(em, product.id));
}

export async function createProduct(
  platform: Platform,
  em: EntityManager,
  input: Static<typeof ProductIn>,
): Promise<string> {
  return em.transactional(async (tx) => {
    const options = input.options ?? [];
    checkVariantOptions(options, input.variants);
    await checkSkusFree(
      tx,
      input.variants.map((v) => v.sku),
    );
    await checkTaxonomy(tx, input.categoryIds, input.collectionIds);
    const handle = await freeHandle(tx, 'products', input.handle, input.title);
    const product = tx.create(Product, {
      id: uuidv7(),
      handle,
      title: input.title,
      subtitle: input.subtitle ?? null,
      description: input.description ?? null,
      status: input.status ?? 'draft',
      thumbnail: input.thumbnail ?? input.images?.[0]?.url ?? null,
      version: 1,
      inStock: false,
    });
    // Entities here hold ids, not relations, so the unit of work cannot order the inserts: the product goes first.
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
    await setImages(tx, product.id, input.images ?? []);
    await tx.flush();
    await setLinks(tx, product.id, 'product_categories', 'category_id', input.categoryIds ?? []);
    await setLinks(tx, product.id, 'product_collections', 'collection_id', input.collectionIds ?? []);
    await afterChange(platform, tx, product, true);
    return product.id;
  });
}

export async function updateProduct(
  platform: Platform,
  em: EntityManager,
  id: string,
  patch: Static<typeof ProductPatch>,
): Promise<void> {
  await em.transactional(async (tx) => {
    const product = await loadProduct(tx, id);
    await checkTaxonomy(tx, patch.categoryIds, patch.collectionIds);
    if (patch.handle !== undefined && patch.handle !== product.handle)
      product.handle = await freeHandle(tx, 'products', patch.handle, product.title, id);
    for (const key of ['title', 'subtitle', 'description', 'status', 'thumbnail'] as const) {
      if (patch[key] !== undefined) (product as any)[key] = patch[key];
    }
    if (patch.images) await setImages(tx, id, patch.images);
    if (patch.categoryIds) await setLinks(tx, id, 'product_categories', 'category_id', patch.categoryIds);
    if (patch.collectionIds) await setLinks(tx, id, 'product_collections', 'collection_id', patch.collectionIds);
    await afterChange(platform, tx, product);
  });
}

export async function deleteProduct(platform: Platform, em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const product = await loadProduct(tx, id);
    const variantIds = (await tx.find(Variant, { productId: id }, { fields: ['id'] })).map((v) => v.id);
    await query(tx, 'delete from product.listing_prices where product_id = $1', [id]);
    await query(tx, 'delete from product.products where id = $1', [id]); // options, variants, images, links cascade
    await publish(platform)(tx, ProductDeleted, { productId: id, version: product.version + 1, variantIds });
  });
}

export async function addVariant(
  platform: Platform,
  em: EntityManager,
  productId: string,
  input: Static<typeof VariantIn>,
): Promise<string> {
  return em.transactional(async (tx) => {
    const product = await loadProduct(tx, productId);
    const options = await tx.find(ProductOption, { productId }, { orderBy: { position: 'asc' } });
    const existing = await tx.find(Variant, { productId });
    if (existing.length >= 100) throw new Conflict('A product holds at most 100 variants');
    checkVariantOptions(
      options,
      [input],
      existing.map((v) => ({ sku: v.sku, options: v.options })),
    );
    await checkSkusFree(tx, [input.sku]);
    const variant = tx.create(Variant, {
      productId,
      sku: input.sku,
      title: variantTitle(input, product.title),
      options: input.options ?? {},
      weightGrams: input.weightGrams ?? null,
      position: existing.length,
    });
    await afterChange(platform, tx, product);
    return variant.id;
  });
}

export async function updateVariant(
  platform: Platform,
  em: EntityManager,
  productId: string,
  variantId: string,
  patch: Static<typeof VariantPatch>,
): Promise<void> {
  await em.transactional(async (tx) => {
    const product = await loadProduct(tx, productId);
    const variant = await tx.findOne(Variant, { id: variantId, productId });
    if (!variant) throw new NotFound('Variant');
    if (patch.sku !== undefined && patch.sku !== variant.sku) await checkSkusFree(tx, [patch.sku], [variantId]);
    tx.assign(variant, patch);
    await afterChange(platform, tx, product);
  });
}

export async function removeVariant(
  platform: Platform,
  em: EntityManager,
  productId: string,
  variantId: string,
): Promise<void> {
  await em.transactional(async (tx) => {
    const product = await loadProduct(tx, productId);
    const count = await tx.count(Variant, { productId });
    const removed = await tx.nativeDelete(Variant, { id: variantId, productId });
    if (!removed) throw new NotFound('Variant');
    if (count <= 1) throw new Conflict('A product keeps at least one variant; delete the product instead');
    await afterChange(platform, tx, product);
  });
}
