import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderConfirmed } from '../../order/contract.ts';
import { PurchasedVariant } from '../entities/purchase.entity.ts';

/** A customer's confirmed order: its variants are what they may review once it arrives. Guests cannot review. */
export const onOrderConfirmed: Handler<PayloadOf<typeof OrderConfirmed>> = async ({ em }, { payload: o }) => {
  const customerId = o.customerId;
  if (!customerId || !o.lines.length) return;
  const variantIds = [...new Set(o.lines.map((l) => l.variantId))];
  await em
    .qb(PurchasedVariant)
    .insert(variantIds.map((variantId) => ({ orderId: o.orderId, variantId, customerId })))
    .onConflict(['orderId', 'variantId'])
    .ignore()
    .execute('run');
};
