import { query } from '../../../platform/db/sql.ts';
import type { Handler } from '../../../platform/bus/bus.ts';
import type { PriceChangedPayload } from '../../pricing/contract.ts';
import { refreshReadModels } from '../catalog/read-models.ts';

/** Keeps the shelf price per variant and currency; an older sequence than the one held is ignored. */
export const onPriceChanged = (changed: (productIds: string[]) => Promise<void>): Handler<PriceChangedPayload> => async ({ em, afterCommit }, { payload: p }) => {
  const updated = await query(em, `insert into product.variant_prices (variant_id, currency, amount, original_amount, tax_inclusive, sequence) values ($1, $2, $3, $4, $5, $6)
     on conflict (variant_id, currency) do update set amount = excluded.amount, original_amount = excluded.original_amount,
       tax_inclusive = excluded.tax_inclusive, sequence = excluded.sequence
     where product.variant_prices.sequence < excluded.sequence
     returning variant_id`,
    [p.variantId, p.currency, p.amount, p.originalAmount, p.taxInclusive, p.sequence],
  );
  if (!updated.length) return;
  const productIds = (await query<{ product_id: string }>(em, 'select product_id from product.variants where id = $1', [p.variantId])).map((o) => o.product_id);
  await refreshReadModels(em, productIds, { search: false });
  afterCommit(() => changed(productIds));
};
