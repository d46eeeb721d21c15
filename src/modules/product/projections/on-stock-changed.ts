import { query } from '../../../platform/db/index.ts';
import { handleMany } from '../../../platform/bus/index.ts';
import type { PayloadOf } from '../../../platform/bus/index.ts';
import type { StockChanged } from '../../inventory/contract.ts';

/**
 * Keeps whether each variant is in stock (an older sequence than the one held is ignored) and
 * whether its product has any variant in stock. The store shows only in stock or not, so the
 * product, the store cache and the search index are touched only when that flips: a sale that
 * takes 10 down to 9 changes nothing a shopper sees. A batch of events is one statement (the
 * newest sequence per variant wins), plus one for the products that flipped, if any.
 */
export const onStockChanged = (changed: (productIds: string[]) => Promise<void>) =>
  handleMany<PayloadOf<typeof StockChanged>>(async ({ em, afterCommit }, events) => {
    const flipped = (
      await query<{ product_id: string }>(
        em,
        `
      with x as (
        select distinct on (variant_id) variant_id, available, in_stock, sequence
        from jsonb_to_recordset($1::jsonb) as x(variant_id uuid, available int, in_stock boolean, sequence bigint)
        order by variant_id, sequence desc),
      old as (select vs.variant_id, vs.in_stock from product.variant_stock vs join x using (variant_id)),
      up as (
        insert into product.variant_stock (variant_id, available, in_stock, sequence)
        select variant_id, available, in_stock, sequence from x
        on conflict (variant_id) do update set available = excluded.available, in_stock = excluded.in_stock, sequence = excluded.sequence
        where product.variant_stock.sequence < excluded.sequence
        returning variant_id, in_stock)
      select distinct v.product_id from up join product.variants v on v.id = up.variant_id
      left join old on old.variant_id = up.variant_id
      where old.in_stock is distinct from up.in_stock
      order by v.product_id`,
        [
          JSON.stringify(
            events.map(({ payload: s }) => ({
              variant_id: s.variantId,
              available: s.available,
              in_stock: s.inStock,
              sequence: s.sequence,
            })),
          ),
        ],
      )
    ).map((r) => r.product_id);
    if (!flipped.length) return;
    await query(
      em,
      `
      update product.products p set in_stock = exists(
        select 1 from product.variants v join product.variant_stock vs on vs.variant_id = v.id where v.product_id = p.id and vs.in_stock)
      where p.id = any($1::uuid[])`,
      [flipped],
    );
    afterCommit(() => changed(flipped));
  });
