import { query } from '../../../platform/db/index.ts';
import type { Handler } from '../../../platform/bus/index.ts';
import type { PriceChangedPayload } from '../../pricing/contract.ts';

/**
 * Keeps the shelf price per variant and currency (an older sequence than the one held is
 * ignored) and the product's price range in that currency, in two statements. It locks one
 * price row and one listing row, never the product, so it cannot deadlock with catalog edits.
 */
export const onPriceChanged =
  (changed: (productIds: string[]) => Promise<void>): Handler<PriceChangedPayload> =>
  async ({ em, afterCommit }, { payload: p }) => {
    const [owner] = await query<{ product_id: string }>(
      em,
      `
    with up as (
      insert into product.variant_prices (variant_id, currency, amount, original_amount, tax_inclusive, sequence) values ($1, $2, $3, $4, $5, $6)
      on conflict (variant_id, currency) do update set amount = excluded.amount, original_amount = excluded.original_amount,
        tax_inclusive = excluded.tax_inclusive, sequence = excluded.sequence
      where product.variant_prices.sequence < excluded.sequence
      returning variant_id)
    select v.product_id from product.variants v join up on up.variant_id = v.id`,
      [p.variantId, p.currency, p.amount, p.originalAmount, p.taxInclusive, p.sequence],
    );
    if (!owner) return; // stale, or a variant this catalog does not (yet) have
    // The statement above committed nothing yet but is visible to this one: recompute the range.
    await query(
      em,
      `
    with agg as (
      select min(vp.amount) as mn, max(vp.amount) as mx from product.variants v
      join product.variant_prices vp on vp.variant_id = v.id and vp.currency = $2
      where v.product_id = $1 and vp.amount is not null),
    gone as (delete from product.listing_prices where product_id = $1 and currency = $2 and (select mn from agg) is null)
    insert into product.listing_prices (product_id, currency, min_amount, max_amount)
    select $1, $2, mn, mx from agg where mn is not null
    on conflict (product_id, currency) do update set min_amount = excluded.min_amount, max_amount = excluded.max_amount`,
      [owner.product_id, p.currency],
    );
    afterCommit(() => changed([owner.product_id]));
  };
