import { handleMany, type Handler } from '../../platform/bus/index.ts';
import type { PayloadOf } from '../../platform/bus/index.ts';
import { query } from '../../platform/db/index.ts';
import type { ProductDeleted, ProductSnapshot } from '../product/contract.ts';
import type { PriceChangedPayload, PromotionCodeChanged } from '../pricing/contract.ts';
import type { StockChanged } from '../inventory/contract.ts';
import type { ShippingOptionSnapshot } from '../shipping/contract.ts';

/** What carts may hold: variants of published products (a newer snapshot replaces an older one). */
export const onProductSnapshot: Handler<ProductSnapshot> = async ({ em }, { payload: p }) => {
  const [held] = await query<{ v: number }>(
    em,
    'select max(product_version) as v from "order".variants where product_id = $1',
    [p.productId],
  );
  if (held?.v && held.v >= p.version) return;
  await query(
    em,
    'update "order".variants set sellable = false, product_version = $2 where product_id = $1 and not (variant_id = any($3))',
    [p.productId, p.version, p.variants.map((v) => v.variantId)],
  );
  for (const v of p.variants) {
    await query(
      em,
      `insert into "order".variants (variant_id, product_id, sku, title, weight_grams, sellable, product_version)
      values ($1, $2, $3, $4, $5, $6, $7)
      on conflict (variant_id) do update set sku = excluded.sku, title = excluded.title, weight_grams = excluded.weight_grams,
        sellable = excluded.sellable, product_version = excluded.product_version`,
      [
        v.variantId,
        p.productId,
        v.sku,
        v.title === p.title || p.variants.length === 1 ? p.title : `${p.title} – ${v.title}`,
        v.weightGrams,
        p.status === 'published',
        p.version,
      ],
    );
  }
};

export const onProductDeleted: Handler<PayloadOf<typeof ProductDeleted>> = async ({ em }, { payload: p }) => {
  await query(
    em,
    'update "order".variants set sellable = false, product_version = greatest(product_version, $2) where product_id = $1',
    [p.productId, p.version],
  );
};

export const onPriceChanged: Handler<PriceChangedPayload> = async ({ em }, { payload: p }) => {
  await query(
    em,
    `insert into "order".variant_prices (variant_id, currency, amount, sequence) values ($1, $2, $3, $4)
    on conflict (variant_id, currency) do update set amount = excluded.amount, sequence = excluded.sequence
    where "order".variant_prices.sequence < excluded.sequence`,
    [p.variantId, p.currency, p.amount, p.sequence],
  );
};

/** Stock for carts, the newest sequence per variant winning (a batch is one statement). */
export const onStockChanged = handleMany<PayloadOf<typeof StockChanged>>(async ({ em }, events) => {
  await query(
    em,
    `insert into "order".variant_stock (variant_id, available, sequence)
    select distinct on (variant_id) variant_id, available, sequence
    from jsonb_to_recordset($1::jsonb) as x(variant_id uuid, available int, sequence bigint)
    order by variant_id, sequence desc
    on conflict (variant_id) do update set available = excluded.available, sequence = excluded.sequence
    where "order".variant_stock.sequence < excluded.sequence`,
    [
      JSON.stringify(
        events.map(({ payload: s }) => ({ variant_id: s.variantId, available: s.available, sequence: s.sequence })),
      ),
    ],
  );
});

export const onShippingOptionChanged: Handler<ShippingOptionSnapshot> = async ({ em }, { payload: o }) => {
  await query(
    em,
    `insert into "order".shipping_options (option_id, version, snapshot) values ($1, $2, $3)
    on conflict (option_id) do update set version = excluded.version, snapshot = excluded.snapshot
    where "order".shipping_options.version < excluded.version`,
    [o.optionId, o.version, JSON.stringify(o)],
  );
};

export const onPromotionCodeChanged: Handler<PayloadOf<typeof PromotionCodeChanged>> = async (
  { em },
  { payload: c },
) => {
  await query(
    em,
    `insert into "order".promotion_codes (code, promotion_id, name, active, starts_at, ends_at, once_per_customer, min_subtotal, version)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    on conflict (code) do update set promotion_id = excluded.promotion_id, name = excluded.name, active = excluded.active,
      starts_at = excluded.starts_at, ends_at = excluded.ends_at, once_per_customer = excluded.once_per_customer,
      min_subtotal = excluded.min_subtotal, version = excluded.version
    where "order".promotion_codes.version <= excluded.version`,
    [
      c.code.toUpperCase(),
      c.promotionId,
      c.name,
      c.active,
      c.startsAt,
      c.endsAt,
      c.oncePerCustomer,
      JSON.stringify(c.minSubtotal),
      c.version,
    ],
  );
};
