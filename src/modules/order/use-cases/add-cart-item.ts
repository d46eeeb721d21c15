import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { BadRequest, Conflict, NotFound } from '../../../platform/http/errors.ts';
import type { CustomerPrincipal } from '../../../platform/auth/principal.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import {
  CART_CURRENCY_SQL,
  CART_WITH_VERSION_SQL,
  cartLinesSql,
  writeLineIfUnchanged,
  type SellableVariantRow,
} from '../entities/cart-store.ts';
import { onUnchangedCart } from '../entities/cart-version.ts';
import { CartItemAdded } from '../contract.ts';
import type { CartLineRow, VersionedCart } from '../entities/rows.ts';
import { checkQuantityLimit, checkStock, MAX_LINES, toLineView } from '../domain/cart-rules.ts';
import { cartView, visible } from './view-cart.ts';

type Item = { variantId: string; quantity: number };

/**
 * Adds a variant (to the line it already has, if any), within stock, and returns the cart with its
 * lines as this add left them. Two statements and no transaction: read the cart with its row
 * version, the variant, its price and stock and the cart's lines; then write the line and touch
 * the cart only if the cart row is still that version (see cart-version.ts).
 */
export async function addCartItem(
  platform: Platform,
  em: EntityManager,
  cartId: string,
  user: CustomerPrincipal | undefined,
  item: Item,
) {
  const { cart, lines } = await onUnchangedCart(em, cartId, (on) => addOnce(platform, on, cartId, user, item));
  return cartView(em, cart, lines);
}

async function addOnce(
  platform: Platform,
  em: EntityManager,
  cartId: string,
  user: CustomerPrincipal | undefined,
  item: Item,
) {
  const [{ cart: found, variant: v, lines: rows }] = await query<{
    cart: VersionedCart | null;
    variant: SellableVariantRow | null;
    lines: CartLineRow[];
  }>(
    em,
    `
    select ${CART_WITH_VERSION_SQL} as cart,
      (select row_to_json(x) from (
        select v.sku, v.title, v.weight_grams, v.sellable, v.product_id, p.amount, s.available from "order".variants v
        left join "order".variant_prices p on p.variant_id = v.variant_id and p.currency = ${CART_CURRENCY_SQL}
        left join "order".variant_stock s on s.variant_id = v.variant_id
        where v.variant_id = $2) x) as variant,
      (select coalesce(json_agg(l), '[]') from (${cartLinesSql('$1', CART_CURRENCY_SQL)}) l) as lines`,
    [cartId, item.variantId],
  );
  const cart = visible(found ?? undefined, user);
  if (cart.status !== 'active') throw new Conflict(`the cart is ${cart.status}; start a new one`);
  if (!v?.sellable) throw new NotFound(`Variant ${item.variantId}`);
  if (v.amount === null)
    throw new BadRequest(`variant ${item.variantId} has no price in ${cart.currency}`, {
      errors: [{ field: 'variantId', message: `no price in ${cart.currency}` }],
    });
  const lines = rows.map(toLineView);
  const existing = lines.find((l) => l.variantId === item.variantId);
  const quantity = (existing?.quantity ?? 0) + item.quantity;
  checkQuantityLimit(quantity);
  checkStock(quantity, v.available ?? 0);
  if (!existing && lines.length >= MAX_LINES) throw new BadRequest(`a cart holds at most ${MAX_LINES} lines`);
  const lineId = existing?.id ?? uuidv7();
  const line = { cartId, version: cart.version, lineId, variantId: item.variantId, quantity };
  // The line and its order.cart_item_added commit together; with nobody subscribed, no transaction.
  const touched = platform.bus.queuesOf(CartItemAdded.name).length
    ? await em.transactional(async (tx) => {
        const row = await writeLineIfUnchanged(tx, line);
        if (row) {
          const added = { cartId, customerId: row.customer_id, productId: v.product_id ?? null };
          await platform.bus.publish(
            tx,
            CartItemAdded,
            {
              ...added,
              variantId: item.variantId,
              quantity: item.quantity,
              currency: cart.currency as never,
              addedAt: new Date().toISOString(),
            },
            { producer: 'order' },
          );
        }
        return row;
      })
    : await writeLineIfUnchanged(em, line);
  if (!touched) return undefined; // the cart changed since the read
  const unitPrice = Number(v.amount);
  const view = {
    id: lineId,
    variantId: item.variantId,
    sku: v.sku,
    title: v.title,
    quantity,
    unitPrice,
    lineTotal: unitPrice * quantity,
    available: v.available ?? 0,
    sellable: true,
    weightGrams: v.weight_grams ?? 0,
  };
  return { cart: touched, lines: existing ? lines.map((l) => (l.id === existing.id ? view : l)) : [...lines, view] };
}
