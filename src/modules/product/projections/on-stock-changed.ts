import { query } from '../../../platform/db/sql.ts';
import type { Handler } from '../../../platform/bus/bus.ts';
import type { PayloadOf } from '../../../platform/bus/event.ts';
import type { StockChanged } from '../../inventory/contract.ts';

/**
 * Keeps whether each variant is in stock (an older sequence than the one held is ignored) and
 * whether its product has any variant in stock. The store shows only in stock or not, so the
 * product, the store cache and the search index are touched only when that flips: a sale that
 * takes 10 down to 9 changes nothing a shopper sees.
 */
export const onStockChanged = (changed: (productIds: string[]) => Promise<void>): Handler<PayloadOf<typeof StockChanged>> => async ({ em, afterCommit }, { payload: s }) => {
  const [owner] = await query<{ product_id: string; was: boolean | null }>(em, `
    with old as (select in_stock from product.variant_stock where variant_id = $1),
    up as (
      insert into product.variant_stock (variant_id, available, in_stock, sequence) values ($1, $2, $3, $4)
      on conflict (variant_id) do update set available = excluded.available, in_stock = excluded.in_stock, sequence = excluded.sequence
      where product.variant_stock.sequence < excluded.sequence
      returning variant_id)
    select v.product_id, (select in_stock from old) as was from product.variants v join up on up.variant_id = v.id`,
    [s.variantId, s.available, s.inStock, s.sequence]);
  if (!owner || owner.was === s.inStock) return;
  await query(em, `
    update product.products p set in_stock = exists(
      select 1 from product.variants v join product.variant_stock vs on vs.variant_id = v.id where v.product_id = p.id and vs.in_stock)
    where p.id = $1`, [owner.product_id]);
  afterCommit(() => changed([owner.product_id]));
};
