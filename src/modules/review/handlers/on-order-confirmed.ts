import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { OrderConfirmed } from '../../order/contract.ts';

/** A customer's confirmed order: its variants are what they may review once it arrives. Guests cannot review. */
export const onOrderConfirmed: Handler<PayloadOf<typeof OrderConfirmed>> = async ({ em }, { payload: o }) => {
  if (!o.customerId || !o.lines.length) return;
  await query(
    em,
    `insert into review.purchased_variants (order_id, variant_id, customer_id)
     select $1, v, $2 from unnest($3::uuid[]) v on conflict do nothing`,
    [o.orderId, o.customerId, [...new Set(o.lines.map((l) => l.variantId))]],
  );
};
