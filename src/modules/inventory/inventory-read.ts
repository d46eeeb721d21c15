import type { EntityManager } from '../../platform/db/index.ts';
import type { AdjustmentRow } from './adjust-stock.ts';

export interface LevelView {
  locationId: string;
  locationCode: string;
  locationName: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface InventoryView {
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  deleted: boolean;
  onHand: number;
  reserved: number;
  available: number;
  inStock: boolean;
  levels: LevelView[];
  updatedAt: string;
}

const json = (v: unknown) => JSON.stringify(v);

/** Stock of the given variants, per location and in total, in the order of the ids given. */
export async function readInventory(em: EntityManager, variantIds: string[]): Promise<InventoryView[]> {
  if (!variantIds.length) return [];
  const variants = await em.execute<
    { variant_id: string; product_id: string; sku: string; title: string; deleted_at: Date | null; updated_at: Date }[]
  >(
    `select variant_id, product_id, sku, title, deleted_at, updated_at from inventory.variants
     where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))`,
    [json(variantIds)],
  );
  const levels = await em.execute<
    { variant_id: string; location_id: string; code: string; name: string; on_hand: number; reserved: number }[]
  >(
    `select l.variant_id, l.location_id, s.code, s.name, l.on_hand, l.reserved
     from inventory.stock_levels l join inventory.stock_locations s on s.id = l.location_id
     where l.variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))
     order by s.is_default desc, s.code`,
    [json(variantIds)],
  );
  const byId = new Map(variants.map((v) => [v.variant_id, v]));
  return variantIds.flatMap((id) => {
    const v = byId.get(id.toLowerCase());
    if (!v) return [];
    const mine: LevelView[] = levels
      .filter((l) => l.variant_id === v.variant_id)
      .map((l) => ({
        locationId: l.location_id,
        locationCode: l.code,
        locationName: l.name,
        onHand: l.on_hand,
        reserved: l.reserved,
        available: l.on_hand - l.reserved,
      }));
    const onHand = mine.reduce((s, l) => s + l.onHand, 0);
    const reserved = mine.reduce((s, l) => s + l.reserved, 0);
    return [
      {
        variantId: v.variant_id,
        productId: v.product_id,
        sku: v.sku,
        title: v.title,
        deleted: v.deleted_at !== null,
        onHand,
        reserved,
        available: onHand - reserved,
        inStock: onHand - reserved > 0,
        levels: mine,
        updatedAt: new Date(v.updated_at).toISOString(),
      },
    ];
  });
}

/** A page of variants (newest first is meaningless for stock, so by id), optionally of one product. */
export async function listInventory(
  em: EntityManager,
  q: { productId?: string; includeDeleted?: boolean; limit: number; cursor?: string },
) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.productId) {
    where.push('product_id = ?');
    params.push(q.productId);
  }
  if (!q.includeDeleted) where.push('deleted_at is null');
  if (q.cursor) {
    where.push('variant_id > ?');
    params.push(q.cursor);
  }
  const rows = await em.execute<{ variant_id: string }[]>(
    `select variant_id from inventory.variants ${where.length ? 'where ' + where.join(' and ') : ''} order by variant_id limit ?`,
    [...params, q.limit + 1],
  );
  const page = rows.slice(0, q.limit).map((r) => r.variant_id);
  return { items: await readInventory(em, page), nextCursor: rows.length > q.limit ? page[page.length - 1] : null };
}

export const adjustmentView = (a: AdjustmentRow) => ({
  id: a.id,
  variantId: a.variant_id,
  locationId: a.location_id,
  kind: a.kind,
  reason: a.reason,
  note: a.note ?? null,
  delta: a.delta,
  onHandBefore: a.on_hand_before,
  onHandAfter: a.on_hand_after,
  reserved: a.reserved,
  staffId: a.staff_id ?? null,
  reservationId: a.reservation_id ?? null,
  createdAt: new Date(a.created_at).toISOString(),
});

/** The on-hand ledger of a variant, newest first, in keyset pages (ids are UUIDv7: they sort by time). */
export async function listAdjustments(
  em: EntityManager,
  variantId: string,
  q: { limit: number; cursor?: string; locationId?: string },
) {
  const where = ['variant_id = ?'];
  const params: unknown[] = [variantId];
  if (q.locationId) {
    where.push('location_id = ?');
    params.push(q.locationId);
  }
  if (q.cursor) {
    where.push('id < ?');
    params.push(q.cursor);
  }
  const rows = await em.execute<AdjustmentRow[]>(
    `select * from inventory.adjustments where ${where.join(' and ')} order by id desc limit ?`,
    [...params, q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  return { items: page.map(adjustmentView), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
}
