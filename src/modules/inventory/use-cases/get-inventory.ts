import { execute, type EntityManager } from '../../../platform/db/index.ts';

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

interface VariantRow {
  variant_id: string;
  product_id: string;
  sku: string;
  title: string;
  deleted_at: Date | null;
  updated_at: Date;
}

interface LevelRow {
  variant_id: string;
  location_id: string;
  code: string;
  name: string;
  on_hand: number;
  reserved: number;
}

/** Stock of the given variants, per location and in total, in the order of the ids given. */
export async function getInventory(em: EntityManager, variantIds: string[]): Promise<InventoryView[]> {
  if (!variantIds.length) return [];
  const variants = await execute<VariantRow>(
    em,
    `select variant_id, product_id, sku, title, deleted_at, updated_at from inventory.variants
     where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))`,
    [json(variantIds)],
  );
  const levels = await execute<LevelRow>(
    em,
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
