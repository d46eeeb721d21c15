import type { EntityManager } from '../../platform/db/index.ts';
import { query } from '../../platform/db/index.ts';

export const orderView = (o: any) => ({
  id: o.id,
  displayId: o.display_id,
  status: o.status,
  customerId: o.customer_id,
  email: o.email,
  currency: o.currency,
  lines: o.lines,
  totals: o.totals ?? null,
  shippingAddress: o.shipping_address,
  shippingOptionId: o.shipping_option_id,
  promotionCode: o.promotion_code,
  paymentId: o.payment_id,
  clientSecret: o.client_secret ?? null,
  refundedAmount: Number(o.refunded_amount),
  cancelReason: o.cancel_reason,
  createdAt: new Date(o.created_at).toISOString(),
  updatedAt: new Date(o.updated_at).toISOString(),
  confirmedAt: o.confirmed_at ? new Date(o.confirmed_at).toISOString() : null,
  canceledAt: o.canceled_at ? new Date(o.canceled_at).toISOString() : null,
});

export async function findOrder(em: EntityManager, id: string) {
  return (await query<any>(em, 'select * from "order".orders where id = $1', [id]))[0];
}
