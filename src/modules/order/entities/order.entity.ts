import { defineEntity, p } from '@mikro-orm/core';
import type { Address } from '../contract.ts';
import { ORDER_STATUSES } from '../domain/order-state.ts';

/** A line as the order keeps it: from the cart at checkout, with pricing's amounts once priced. */
export interface OrderLineRecord {
  lineId: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice?: number;
  discount?: number;
  tax?: number;
  total?: number;
}

export interface OrderTotalsRecord {
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
}

export interface PaymentMethodRecord {
  provider: 'test' | 'stripe';
  token?: string;
}

/** An order and its checkout saga's state (the saga and staff move `status`). */
export const Order = defineEntity({
  name: 'OrderOrder',
  schema: 'order',
  tableName: 'orders',
  indexes: [
    // (raw: MikroORM 7.2.1 reads this index's `id desc` as the end of `customer_id` and sees a change)
    {
      name: 'orders_customer_idx',
      expression: 'create index orders_customer_idx on "order".orders (customer_id, id desc)',
    },
    {
      name: 'orders_status_idx',
      columns: [{ name: 'status' }, { name: 'id', sort: 'DESC' }],
    },
  ],
  // A status change (or a client secret handed over) wakes a checkout waiting on it (Prefer: wait),
  // in whichever process it runs; the function is migrations/order's.
  triggers: [
    {
      name: 'orders_status_notify',
      timing: 'after',
      events: ['update'],
      expression: `create trigger orders_status_notify after update of status, client_secret on "order".orders
      for each row when (old.status is distinct from new.status or old.client_secret is distinct from new.client_secret)
      execute function "order".notify_order_settled()`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    displayId: p.text().unique('orders_display_id_key'),
    cartId: p.uuid(),
    customerId: p.uuid().nullable(),
    email: p.string().length(254),
    currency: p.string().columnType('char(3)'),
    status: p.enum(ORDER_STATUSES),
    lines: p.json<OrderLineRecord[]>(),
    totals: p.json<OrderTotalsRecord>().nullable(),
    shippingAddress: p.json<Address>(),
    shippingOptionId: p.uuid(),
    shippingAmount: p.bigint('number'),
    promotionCode: p.string().length(40).nullable(),
    paymentMethod: p.json<PaymentMethodRecord>(),
    priced: p.boolean().default(false),
    reservationId: p.uuid().nullable(),
    paymentId: p.uuid().nullable(),
    clientSecret: p.text().nullable(),
    refundedAmount: p.bigint('number').defaultRaw('0'),
    cancelReason: p.text().nullable(),
    guestTokenHash: p.string().length(64).nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    confirmedAt: p.datetime().nullable(),
    canceledAt: p.datetime().nullable(),
    fulfilledAt: p.datetime().nullable(),
  },
});

/** One checkout per Idempotency-Key: the same key returns the same order, another body is refused. */
export const IdempotencyKey = defineEntity({
  name: 'OrderIdempotencyKey',
  schema: 'order',
  tableName: 'idempotency_keys',
  properties: {
    key: p.string().length(200).primary(),
    cartId: p.uuid(),
    requestHash: p.string().length(64),
    orderId: p.uuid(),
    /** A guest order's token, sealed with the key (domain/guest-token.ts); null for a customer's. */
    guestTokenSealed: p.text().nullable(),
    createdAt: p.datetime(),
  },
});
