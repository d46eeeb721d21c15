import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { ShippingOptionSnapshot } from '../../shipping/contract.ts';
import { CART_CURRENCY_SQL, CART_WITH_VERSION_SQL, cartLinesSql, updateUnchangedCart } from './cart-store.ts';
import { jsonb, orderDb } from './db.ts';
import type { OrderLineRecord, PaymentMethodRecord } from './order.entity.ts';
import type { CartLineRow, VersionedCart } from './rows.ts';
import type { Address } from '../contract.ts';

/** What a checkout is decided on, in one read: the cart and its version, its lines, the options, the key if seen. */
export interface CheckoutRead {
  cart: VersionedCart | null;
  seen: { request_hash: string; order_id: string; guest_token_sealed: string | null } | null;
  lines: CartLineRow[];
  options: ShippingOptionSnapshot[];
}

export async function readCheckout(em: EntityManager, cartId: string, key: string): Promise<CheckoutRead> {
  const [read] = await query<CheckoutRead>(
    em,
    `
    select ${CART_WITH_VERSION_SQL} as cart,
      (select row_to_json(k) from (select request_hash, order_id, guest_token_sealed from "order".idempotency_keys where key = $2) k) as seen,
      (select coalesce(json_agg(x), '[]') from (${cartLinesSql('$1', CART_CURRENCY_SQL)}) x) as lines,
      (select coalesce(json_agg(snapshot), '[]') from "order".shipping_options) as options`,
    [cartId, key],
  );
  return read;
}

export interface NewOrder {
  id: string;
  cartId: string;
  cartVersion: string;
  customerId: string | null;
  email: string;
  currency: string;
  lines: OrderLineRecord[];
  shippingAddress: Address;
  shippingOptionId: string;
  shippingAmount: number;
  promotionCode: string | null;
  paymentMethod: PaymentMethodRecord;
  guestTokenHash: string | null;
  guestTokenSealed: string | null;
  idempotencyKey: string;
  requestHash: string;
  at: Date;
}

/**
 * One statement: converts the cart only if its row is still the version read and still active,
 * and from that writes the pending order and the Idempotency-Key. Returns the order's display id,
 * or undefined when the cart changed (nothing is written then).
 */
export async function convertCartToOrder(em: EntityManager, o: NewOrder): Promise<string | undefined> {
  const placed = await orderDb(em)
    .with('cart', (db) =>
      updateUnchangedCart(db, o.cartId, o.cartVersion).set({ status: 'converted', updated_at: o.at }).returning('id'),
    )
    .with('placed', (db) =>
      db
        .insertInto('order.orders')
        .columns([
          'id',
          'display_id',
          'cart_id',
          'customer_id',
          'email',
          'currency',
          'status',
          'lines',
          'shipping_address',
          'shipping_option_id',
          'shipping_amount',
          'promotion_code',
          'payment_method',
          'guest_token_hash',
          'created_at',
          'updated_at',
        ])
        .expression((eb) =>
          eb
            .selectFrom('cart')
            .select([
              eb.val(o.id).as('id'),
              sql<string>`'T' || nextval('"order".display_id_seq')`.as('display_id'),
              'cart.id',
              eb.val(o.customerId).as('customer_id'),
              eb.val(o.email).as('email'),
              eb.val(o.currency).as('currency'),
              sql.lit('pending').as('status'),
              jsonb(o.lines).as('lines'),
              jsonb(o.shippingAddress).as('shipping_address'),
              eb.val(o.shippingOptionId).as('shipping_option_id'),
              eb.val(o.shippingAmount).as('shipping_amount'),
              eb.val(o.promotionCode).as('promotion_code'),
              jsonb(o.paymentMethod).as('payment_method'),
              eb.val(o.guestTokenHash).as('guest_token_hash'),
              eb.val(o.at).as('created_at'),
              eb.val(o.at).as('updated_at'),
            ]),
        )
        .returning(['id', 'display_id']),
    )
    .with('idem', (db) =>
      db
        .insertInto('order.idempotency_keys')
        .columns(['key', 'cart_id', 'request_hash', 'order_id', 'guest_token_sealed', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('placed')
            .select([
              eb.val(o.idempotencyKey).as('key'),
              eb.val(o.cartId).as('cart_id'),
              eb.val(o.requestHash).as('request_hash'),
              'placed.id',
              eb.val(o.guestTokenSealed).as('guest_token_sealed'),
              eb.val(o.at).as('created_at'),
            ]),
        ),
    )
    .selectFrom('placed')
    .select('display_id')
    .executeTakeFirst();
  return placed?.display_id;
}
