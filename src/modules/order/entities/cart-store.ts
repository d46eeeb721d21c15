import { sql, type QueryCreator } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { ShippingOptionSnapshot } from '../../shipping/contract.ts';
import { MAX_QUANTITY } from '../domain/cart-rules.ts';
import { orderDb, type OrderDb } from './db.ts';
import type { CartLineRow, CartRow, PromotionCodeRow } from './rows.ts';

// Reads are typed SQL; writes go through Kysely typed from the entities.

/** The cart row with its version, as JSON ($1: the cart id), for a read that is followed by a versioned write. */
export const CART_WITH_VERSION_SQL = `(select row_to_json(c) from (select *, xmin::text as version from "order".carts where id = $1) c)`;
/** The cart's currency ($1: the cart id), for reads that join prices before the cart is known. */
export const CART_CURRENCY_SQL = `(select currency from "order".carts where id = $1)`;

/** The cart's lines joined to this module's projections (SQL for the cart id and the currency). */
export const cartLinesSql = (cartId: string, currency: string) => `
    select l.id, l.variant_id, l.quantity, v.sku, v.title, coalesce(v.sellable, false) as sellable, coalesce(v.weight_grams, 0) as weight_grams,
      p.amount, coalesce(s.available, 0) as available
    from "order".cart_lines l
    left join "order".variants v on v.variant_id = l.variant_id
    left join "order".variant_prices p on p.variant_id = l.variant_id and p.currency = ${currency}
    left join "order".variant_stock s on s.variant_id = l.variant_id
    where l.cart_id = ${cartId} order by l.created_at, l.id`;

export async function findCart(em: EntityManager, id: string, lock = false): Promise<CartRow | undefined> {
  return (await query<CartRow>(em, `select * from "order".carts where id = $1 ${lock ? 'for update' : ''}`, [id]))[0];
}

/** Waits for the cart's row lock (held until the transaction ends). */
export async function lockCart(em: EntityManager, id: string): Promise<void> {
  await query(em, 'select 1 from "order".carts where id = $1 for update', [id]);
}

/** The customer's newest active cart in a currency, locked. */
export async function lockCustomerCart(em: EntityManager, customerId: string, currency: string) {
  const rows = await query<CartRow>(
    em,
    `select * from "order".carts where customer_id = $1 and status = 'active' and currency = $2 order by updated_at desc limit 1 for update`,
    [customerId, currency],
  );
  return rows[0];
}

export function readCartLines(em: EntityManager, cart: Pick<CartRow, 'id' | 'currency'>): Promise<CartLineRow[]> {
  return query<CartLineRow>(em, cartLinesSql('$1', '$2'), [cart.id, cart.currency]);
}

export async function readShippingOptions(em: EntityManager): Promise<ShippingOptionSnapshot[]> {
  const rows = await query<{ snapshot: ShippingOptionSnapshot }>(em, 'select snapshot from "order".shipping_options');
  return rows.map((r) => r.snapshot);
}

/** A variant as carts see it: whether it is sold, its price in a currency, what is on the shelf. */
export interface SellableVariantRow {
  sku: string;
  title: string;
  weight_grams: number | null;
  sellable: boolean;
  /** (selected where a caller needs it: the product a cart add names) */
  product_id?: string;
  amount: string | number | null;
  available: number | null;
}

export async function readVariant(em: EntityManager, variantId: string, currency: string) {
  const rows = await query<SellableVariantRow>(
    em,
    `select v.sku, v.title, v.weight_grams, v.sellable, p.amount, s.available from "order".variants v
    left join "order".variant_prices p on p.variant_id = v.variant_id and p.currency = $2
    left join "order".variant_stock s on s.variant_id = v.variant_id
    where v.variant_id = $1`,
    [variantId, currency],
  );
  return rows[0];
}

export async function findCartLine(em: EntityManager, cartId: string, lineId: string) {
  const rows = await query<{ variant_id: string }>(
    em,
    'select variant_id from "order".cart_lines where id = $1 and cart_id = $2',
    [lineId, cartId],
  );
  return rows[0];
}

export async function findPromotionCode(em: EntityManager, code: string): Promise<PromotionCodeRow | undefined> {
  const rows = await query<PromotionCodeRow>(
    em,
    'select active, starts_at, ends_at, once_per_customer from "order".promotion_codes where code = $1',
    [code.toUpperCase()],
  );
  return rows[0];
}

export async function insertCart(
  em: EntityManager,
  cart: { id: string; customerId: string | null; currency: string; email: string | null; at: Date },
): Promise<CartRow> {
  return orderDb(em)
    .insertInto('order.carts')
    .values({
      id: cart.id,
      customer_id: cart.customerId,
      currency: cart.currency,
      email: cart.email,
      created_at: cart.at,
      updated_at: cart.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every change to a cart updates its row, so a versioned write that read it before sees the change. */
export async function touchCart(em: EntityManager, id: string): Promise<void> {
  await orderDb(em)
    .updateTable('order.carts')
    .set({ updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function updateCartFields(
  em: EntityManager,
  id: string,
  fields: {
    email?: string;
    shipping_option_id?: string | null;
    country_code?: string | null;
    promotion_code?: string | null;
  },
): Promise<CartRow> {
  return orderDb(em)
    .updateTable('order.carts')
    .set({ ...fields, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An update of the cart that lands only if its row is still `version` and the cart still active. */
export const updateUnchangedCart = (db: QueryCreator<OrderDb>, cartId: string, version: string) =>
  db
    .updateTable('order.carts')
    .where('id', '=', cartId)
    .where('status', '=', 'active')
    .where(sql<boolean>`xmin = ${version}::text::xid`);

/**
 * Writes a line (its new quantity, if the variant already has one) and touches the cart, only if
 * the cart row is still `version` and active: one statement. Undefined when the cart changed.
 */
export async function writeLineIfUnchanged(
  em: EntityManager,
  line: { cartId: string; version: string; lineId: string; variantId: string; quantity: number },
): Promise<CartRow | undefined> {
  return orderDb(em)
    .with('cart', (db) =>
      updateUnchangedCart(db, line.cartId, line.version)
        .set({ updated_at: sql<Date>`now()` })
        .returningAll(),
    )
    .with('line', (db) =>
      db
        .insertInto('order.cart_lines')
        .columns(['id', 'cart_id', 'variant_id', 'quantity', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('cart')
            .select([
              eb.val(line.lineId).as('id'),
              eb.val(line.cartId).as('cart_id'),
              eb.val(line.variantId).as('variant_id'),
              eb.val(line.quantity).as('quantity'),
              sql<Date>`now()`.as('created_at'),
            ]),
        )
        .onConflict((oc) => oc.columns(['cart_id', 'variant_id']).doUpdateSet({ quantity: line.quantity })),
    )
    .selectFrom('cart')
    .selectAll()
    .executeTakeFirst();
}

export async function setLineQuantity(em: EntityManager, lineId: string, quantity: number): Promise<void> {
  await orderDb(em).updateTable('order.cart_lines').set({ quantity }).where('id', '=', lineId).execute();
}

/** Whether the cart had the line. */
export async function deleteLine(em: EntityManager, cartId: string, lineId: string): Promise<boolean> {
  const removed = await orderDb(em)
    .deleteFrom('order.cart_lines')
    .where('id', '=', lineId)
    .where('cart_id', '=', cartId)
    .executeTakeFirst();
  return removed.numDeletedRows > 0n;
}

/** Moves a guest cart's lines into another cart, summing quantities of a variant both hold; the guest cart is merged. */
export async function mergeCartInto(em: EntityManager, guestId: string, targetId: string): Promise<void> {
  const db = orderDb(em);
  await touchCart(em, targetId);
  await db
    .insertInto('order.cart_lines')
    .columns(['id', 'cart_id', 'variant_id', 'quantity', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('order.cart_lines')
        .select([
          sql<string>`gen_random_uuid()`.as('id'),
          eb.val(targetId).as('cart_id'),
          'variant_id',
          'quantity',
          'created_at',
        ])
        .where('cart_id', '=', guestId),
    )
    .onConflict((oc) =>
      oc.columns(['cart_id', 'variant_id']).doUpdateSet({
        quantity: sql<number>`least("order".cart_lines.quantity + excluded.quantity, ${sql.lit(MAX_QUANTITY)})`,
      }),
    )
    .execute();
  await db
    .updateTable('order.carts')
    .set({ status: 'merged', updated_at: sql<Date>`now()` })
    .where('id', '=', guestId)
    .execute();
}

/** A guest cart becomes the customer's (keeping an email it has). */
export async function assignCart(em: EntityManager, id: string, customerId: string, email: string | undefined) {
  await orderDb(em)
    .updateTable('order.carts')
    .set((eb) => ({
      customer_id: customerId,
      email: eb.fn.coalesce('email', eb.val(email ?? null)),
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute();
}
