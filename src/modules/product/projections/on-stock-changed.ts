import { query } from '../../../platform/db/sql.ts';
import type { Handler } from '../../../platform/bus/bus.ts';
import type { PayloadOf } from '../../../platform/bus/event.ts';
import type { StockChanged } from '../../inventory/contract.ts';

/**
 * Keeps whether each variant is in stock (an older sequence than the one held is ignored) and
 * whether its product has any variant in stock, in two statements.
 */
export const onStockChanged = (changed: (productIds: string[]) => Promise<void>): Handler<PayloadOf<typeof StockChanged>> => async ({ em, afterCommit }, { payload: s }) => {
  const [owner] = await query<{ product_id: string }>(em, `
    with up as (
      insert into product.variant_stock (variant_id, available, in_stock, sequence) values ($1, $2, $3, $4)
      on conflict (variant_id) do update set available = excluded.available, in_stock = excluded.in_stock, sequence = excluded.sequence
      where product.variant_stock.sequence < excluded.sequence
      returning variant_id)
    select v.product_id from product.variants v join up on up.variant_id = v.id`,
    [s.variantId, s.available, s.inStock, s.sequence]);
  if (!owner) return;
  await query(em, `
    update product.products p set in_stock = exists(
      select 1 from product.variants v join product.variant_stock vs on vs.variant_id = v.id where v.product_id = p.id and vs.in_stock)
    where p.id = $1`, [owner.product_id]);
  afterCommit(() => changed([owner.product_id]));
};
