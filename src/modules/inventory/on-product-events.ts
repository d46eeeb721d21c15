import type { Handler } from '../../platform/bus/index.ts';
import type { ProductSnapshot } from '../product/contract.ts';
import { StockChanged } from './contract.ts';

const json = (v: unknown) => JSON.stringify(v);

/**
 * product.created / product.updated: keeps the local copy of the product's variants. A variant seen
 * for the first time gets a stock record (on hand 0) at the default location and a stock_changed
 * event; a variant missing from the snapshot is marked deleted (its history stays). A snapshot
 * not newer than the one applied (or of a deleted product) changes nothing.
 */
export const onProductSnapshot: Handler<ProductSnapshot> = async ({ em, publishAll }, { payload: snap }) => {
  // One conditional upsert decides, and its row lock orders concurrent snapshots of one product.
  const fresh = await em.execute(
    `insert into inventory.products (product_id, version) values (?, ?)
     on conflict (product_id) do update set version = excluded.version, updated_at = now()
       where inventory.products.version < excluded.version and inventory.products.deleted_at is null
     returning product_id`,
    [snap.productId, snap.version],
  );
  if (!fresh.length) return;

  const ids = snap.variants.map((v) => v.variantId);
  // Lock order as everywhere else: variant rows by id.
  const known = await em.execute<{ variant_id: string; product_id: string }[]>(
    `select variant_id, product_id from inventory.variants
     where product_id = ? or variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
     order by variant_id for update`,
    [snap.productId, json(ids)],
  );
  const knownIds = new Set(known.map((k) => k.variant_id));
  const added = snap.variants.filter((v) => !knownIds.has(v.variantId));
  const kept = snap.variants.filter((v) => knownIds.has(v.variantId));
  const removed = known
    .filter((k) => k.product_id === snap.productId && !ids.includes(k.variant_id))
    .map((k) => k.variant_id);

  if (kept.length) {
    await em.execute(
      `update inventory.variants v set product_id = ?, sku = x.sku, title = x.title, deleted_at = null, updated_at = now()
       from jsonb_to_recordset(?::jsonb) as x(variant_id uuid, sku text, title text) where v.variant_id = x.variant_id`,
      [snap.productId, json(kept.map((v) => ({ variant_id: v.variantId, sku: v.sku, title: v.title })))],
    );
  }
  if (removed.length) {
    await em.execute(
      `update inventory.variants set deleted_at = now(), updated_at = now()
       where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid)) and deleted_at is null`,
      [json(removed)],
    );
  }
  if (added.length) {
    const rows = added.map((v) => ({ variant_id: v.variantId, sku: v.sku, title: v.title }));
    await em.execute(
      `insert into inventory.variants (variant_id, product_id, sku, title, sequence)
       select x.variant_id, ?, x.sku, x.title, 1 from jsonb_to_recordset(?::jsonb) as x(variant_id uuid, sku text, title text)
       order by x.variant_id`,
      [snap.productId, json(rows)],
    );
    await em.execute(
      `insert into inventory.stock_levels (variant_id, location_id)
       select x.variant_id, (select id from inventory.stock_locations where is_default)
       from jsonb_to_recordset(?::jsonb) as x(variant_id uuid) order by x.variant_id`,
      [json(rows)],
    );
    await publishAll(
      StockChanged,
      added.map((v) => ({ variantId: v.variantId, available: 0, inStock: false, sequence: 1 })),
    );
  }
};

/** product.deleted: the product and its variants are marked deleted; stock rows and history stay. */
export const onProductDeleted: Handler<{ productId: string; version: number; variantIds: string[] }> = async (
  { em },
  { payload },
) => {
  // Deletion is final, so it also applies at the version it was last seen with.
  const applied = await em.execute(
    `insert into inventory.products (product_id, version, deleted_at) values (?, ?, now())
     on conflict (product_id) do update set version = excluded.version, deleted_at = now(), updated_at = now()
       where inventory.products.version <= excluded.version and inventory.products.deleted_at is null
     returning product_id`,
    [payload.productId, payload.version],
  );
  if (!applied.length) return;
  // Locked by id first, like every other writer of these rows, so a concurrent reservation cannot deadlock with us.
  const rows = await em.execute<{ variant_id: string }[]>(
    `select variant_id from inventory.variants
     where (product_id = ? or variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))) and deleted_at is null
     order by variant_id for update`,
    [payload.productId, json(payload.variantIds)],
  );
  if (!rows.length) return;
  await em.execute(
    `update inventory.variants set deleted_at = now(), updated_at = now()
     where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))`,
    [json(rows.map((r) => r.variant_id))],
  );
};
