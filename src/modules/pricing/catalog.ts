// Pricing's projection of the catalog, fed by the product module's events. Snapshots replace the
// local copy (ignored when older than what is held); a variant that disappears takes its prices
// with it, and its published shelf prices become null.
import type { EntityManager } from '../../platform/db/index.ts';
import type { Handler } from '../../platform/bus/index.ts';
import type { ProductSnapshot } from '../product/contract.ts';
import { fromHandler, pairsOfVariants, republishShelfPrices, type Publish } from './shelf-prices.ts';

const idsJson = (ids: readonly string[]) => JSON.stringify(ids);

/** Applies a product snapshot (created or updated) unless an equal or newer version is held. */
export async function applyProductSnapshot(
  em: EntityManager,
  publish: Publish,
  snap: ProductSnapshot,
): Promise<boolean> {
  const applied = await em.execute(
    `insert into pricing.products as p (product_id, version, deleted, category_ids, collection_ids, updated_at)
     values (?, ?, false, ?::jsonb, ?::jsonb, now())
     on conflict (product_id) do update
       set version = excluded.version, deleted = false, category_ids = excluded.category_ids,
           collection_ids = excluded.collection_ids, updated_at = now()
       where p.version < excluded.version
     returning product_id`,
    [snap.productId, snap.version, idsJson(snap.categoryIds), idsJson(snap.collectionIds)],
  );
  if (applied.length === 0) return false;
  const keep = snap.variants.map((v) => v.variantId);
  const removed = await em.execute<{ variant_id: string }[]>(
    `delete from pricing.variants where product_id = ? and variant_id <> all(array(select jsonb_array_elements_text(?::jsonb)::uuid))
     returning variant_id`,
    [snap.productId, idsJson(keep)],
  );
  if (snap.variants.length) {
    await em.execute(
      `insert into pricing.variants (variant_id, product_id, sku, title, category_ids, updated_at)
       select v.variant_id, ?::uuid, v.sku, v.title, ?::jsonb, now()
         from jsonb_to_recordset(?::jsonb) as v(variant_id uuid, sku text, title text)
       on conflict (variant_id) do update
         set product_id = excluded.product_id, sku = excluded.sku, title = excluded.title,
             category_ids = excluded.category_ids, updated_at = now()`,
      [
        snap.productId,
        idsJson(snap.categoryIds),
        JSON.stringify(snap.variants.map((v) => ({ variant_id: v.variantId, sku: v.sku, title: v.title }))),
      ],
    );
  }
  await dropPricesOf(
    em,
    publish,
    removed.map((r) => r.variant_id),
  );
  return true;
}

/** Applies a deletion: a tombstone at its version (so a late, older snapshot cannot revive it). */
export async function applyProductDeleted(
  em: EntityManager,
  publish: Publish,
  e: { productId: string; version: number; variantIds: string[] },
): Promise<boolean> {
  const applied = await em.execute(
    `insert into pricing.products as p (product_id, version, deleted, updated_at) values (?, ?, true, now())
     on conflict (product_id) do update set version = excluded.version, deleted = true, updated_at = now()
       where p.version < excluded.version
     returning product_id`,
    [e.productId, e.version],
  );
  if (applied.length === 0) return false;
  const removed = await em.execute<{ variant_id: string }[]>(
    `delete from pricing.variants where product_id = ? or variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
     returning variant_id`,
    [e.productId, idsJson(e.variantIds)],
  );
  await dropPricesOf(em, publish, [...new Set([...removed.map((r) => r.variant_id), ...e.variantIds])]);
  return true;
}

/** Deletes every price of gone variants and publishes their shelf prices as null. */
async function dropPricesOf(em: EntityManager, publish: Publish, variantIds: string[]): Promise<void> {
  if (variantIds.length === 0) return;
  const pairs = await pairsOfVariants(em, variantIds);
  const ids = idsJson(variantIds);
  await em.execute(
    'delete from pricing.prices where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))',
    [ids],
  );
  await em.execute(
    'delete from pricing.price_list_prices where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))',
    [ids],
  );
  await republishShelfPrices(em, publish, pairs);
}

export const onProductChanged: Handler<ProductSnapshot> = async (ctx, event) => {
  await applyProductSnapshot(ctx.em, fromHandler(ctx), event.payload);
};

export const onProductDeleted: Handler<{ productId: string; version: number; variantIds: string[] }> = async (
  ctx,
  event,
) => {
  await applyProductDeleted(ctx.em, fromHandler(ctx), event.payload);
};

/** Locks the variants (FOR SHARE: a concurrent removal waits) and returns the ids that are unknown. */
export async function missingVariants(em: EntityManager, variantIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(variantIds)];
  if (unique.length === 0) return [];
  const found = await em.execute<{ variant_id: string }[]>(
    `select variant_id from pricing.variants where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid)) for share`,
    [idsJson(unique)],
  );
  const known = new Set(found.map((r) => r.variant_id));
  return unique.filter((id) => !known.has(id));
}
