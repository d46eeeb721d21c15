import { query } from '../../../platform/db/sql.ts';
import type { Handler } from '../../../platform/bus/bus.ts';
import type { PayloadOf } from '../../../platform/bus/event.ts';
import type { StockChanged } from '../../inventory/contract.ts';
import { refreshReadModels } from '../catalog/read-models.ts';

/** Keeps whether each variant is in stock; an older sequence than the one held is ignored. */
export const onStockChanged = (changed: (productIds: string[]) => Promise<void>): Handler<PayloadOf<typeof StockChanged>> => async ({ em, afterCommit }, { payload: s }) => {
  const updated = await query(em, `insert into product.variant_stock (variant_id, available, in_stock, sequence) values ($1, $2, $3, $4)
     on conflict (variant_id) do update set available = excluded.available, in_stock = excluded.in_stock, sequence = excluded.sequence
     where product.variant_stock.sequence < excluded.sequence
     returning variant_id`,
    [s.variantId, s.available, s.inStock, s.sequence],
  );
  if (!updated.length) return;
  const productIds = (await query<{ product_id: string }>(em, 'select product_id from product.variants where id = $1', [s.variantId])).map((o) => o.product_id);
  await refreshReadModels(em, productIds, { search: false });
  afterCommit(() => changed(productIds));
};
