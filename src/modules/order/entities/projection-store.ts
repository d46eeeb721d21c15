import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { ShippingOptionSnapshot } from '../../shipping/contract.ts';
import { jsonb, orderDb } from './db.ts';

// Each projection keeps the newest version or sequence it heard of: an older event changes nothing.

/** The product version the variants were last written from, if any. */
export async function heldProductVersion(em: EntityManager, productId: string): Promise<number | null> {
  const [held] = await query<{ v: number | null }>(
    em,
    'select max(product_version) as v from "order".variants where product_id = $1',
    [productId],
  );
  return held?.v ?? null;
}

export interface VariantProjection {
  variant_id: string;
  product_id: string;
  sku: string;
  title: string;
  weight_grams: number | null;
  sellable: boolean;
  product_version: number;
}

/** A product's variants as of `version`: the given ones written, the others no longer sellable. */
export async function writeProductVariants(
  em: EntityManager,
  productId: string,
  version: number,
  variants: VariantProjection[],
): Promise<void> {
  const db = orderDb(em);
  let retired = db
    .updateTable('order.variants')
    .set({ sellable: false, product_version: version })
    .where('product_id', '=', productId);
  if (variants.length)
    retired = retired.where(
      'variant_id',
      'not in',
      variants.map((v) => v.variant_id),
    );
  await retired.execute();
  if (!variants.length) return;
  await db
    .insertInto('order.variants')
    .values(variants)
    .onConflict((oc) =>
      oc.column('variant_id').doUpdateSet((eb) => ({
        sku: eb.ref('excluded.sku'),
        title: eb.ref('excluded.title'),
        weight_grams: eb.ref('excluded.weight_grams'),
        sellable: eb.ref('excluded.sellable'),
        product_version: eb.ref('excluded.product_version'),
      })),
    )
    .execute();
}

export async function retireProductVariants(em: EntityManager, productId: string, version: number): Promise<void> {
  await orderDb(em)
    .updateTable('order.variants')
    .set((eb) => ({ sellable: false, product_version: eb.fn('greatest', ['product_version', eb.val(version)]) }))
    .where('product_id', '=', productId)
    .execute();
}

/**
 * Prices of many variants in one statement, the newest sequence per (variant, currency) winning.
 * Rows go in key order, so concurrent batches lock them in one order and queue up instead of
 * deadlocking (docs/adr/0120).
 */
export async function writeVariantPrices(
  em: EntityManager,
  prices: { variant_id: string; currency: string; amount: number | null; sequence: number }[],
): Promise<void> {
  const newest = new Map<string, (typeof prices)[number]>();
  for (const p of prices) {
    const key = `${p.variant_id} ${p.currency}`;
    if (!((newest.get(key)?.sequence ?? -Infinity) >= p.sequence)) newest.set(key, p);
  }
  if (!newest.size) return;
  await orderDb(em)
    .insertInto('order.variant_prices')
    .values(inKeyOrder(newest))
    .onConflict((oc) =>
      oc
        .columns(['variant_id', 'currency'])
        .doUpdateSet((eb) => ({ amount: eb.ref('excluded.amount'), sequence: eb.ref('excluded.sequence') }))
        .where('order.variant_prices.sequence', '<', (eb) => eb.ref('excluded.sequence')),
    )
    .execute();
}

/** Stock of many variants in one statement, the newest sequence per variant winning, rows in key order (as above). */
export async function writeVariantStock(
  em: EntityManager,
  stock: { variant_id: string; available: number; sequence: number }[],
): Promise<void> {
  if (!stock.length) return;
  const newest = new Map<string, (typeof stock)[number]>();
  for (const s of stock)
    if ((newest.get(s.variant_id)?.sequence ?? -Infinity) < s.sequence) newest.set(s.variant_id, s);
  await orderDb(em)
    .insertInto('order.variant_stock')
    .values(inKeyOrder(newest))
    .onConflict((oc) =>
      oc
        .column('variant_id')
        .doUpdateSet((eb) => ({ available: eb.ref('excluded.available'), sequence: eb.ref('excluded.sequence') }))
        .where('order.variant_stock.sequence', '<', (eb) => eb.ref('excluded.sequence')),
    )
    .execute();
}

/** A map's values sorted by their keys. */
const inKeyOrder = <T>(rows: Map<string, T>): T[] =>
  [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

export async function writeShippingOption(em: EntityManager, o: ShippingOptionSnapshot): Promise<void> {
  await orderDb(em)
    .insertInto('order.shipping_options')
    .values({ option_id: o.optionId, version: o.version, snapshot: jsonb(o) })
    .onConflict((oc) =>
      oc
        .column('option_id')
        .doUpdateSet((eb) => ({ version: eb.ref('excluded.version'), snapshot: eb.ref('excluded.snapshot') }))
        .where('order.shipping_options.version', '<', (eb) => eb.ref('excluded.version')),
    )
    .execute();
}

export interface PromotionCodeProjection {
  code: string;
  promotion_id: string;
  name: string;
  active: boolean;
  starts_at: Date | string | null;
  ends_at: Date | string | null;
  once_per_customer: boolean;
  min_subtotal: { currency: string; amount: number }[];
  version: number;
}

export async function writePromotionCode(em: EntityManager, c: PromotionCodeProjection): Promise<void> {
  const row = {
    ...c,
    starts_at: c.starts_at === null ? null : new Date(c.starts_at),
    ends_at: c.ends_at === null ? null : new Date(c.ends_at),
    min_subtotal: jsonb(c.min_subtotal),
  };
  await orderDb(em)
    .insertInto('order.promotion_codes')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({
          promotion_id: eb.ref('excluded.promotion_id'),
          name: eb.ref('excluded.name'),
          active: eb.ref('excluded.active'),
          starts_at: eb.ref('excluded.starts_at'),
          ends_at: eb.ref('excluded.ends_at'),
          once_per_customer: eb.ref('excluded.once_per_customer'),
          min_subtotal: eb.ref('excluded.min_subtotal'),
          version: eb.ref('excluded.version'),
        }))
        .where('order.promotion_codes.version', '<=', (eb) => eb.ref('excluded.version')),
    )
    .execute();
}
