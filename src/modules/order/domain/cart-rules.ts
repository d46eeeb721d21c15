import { BadRequest } from '../../../platform/http/errors.ts';
import type { CartLineRow, PromotionCodeRow } from '../entities/rows.ts';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 1000;

/** A cart line as shoppers see it, priced from this module's projections (the saga prices authoritatively). */
export interface CartLineView {
  id: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number | null;
  lineTotal: number | null;
  available: number;
  sellable: boolean;
  weightGrams: number;
}

export const toLineView = (r: CartLineRow): CartLineView => ({
  id: r.id,
  variantId: r.variant_id,
  sku: r.sku ?? '',
  title: r.title ?? '',
  quantity: r.quantity,
  unitPrice: r.amount === null ? null : Number(r.amount),
  lineTotal: r.amount === null ? null : Number(r.amount) * r.quantity,
  available: r.available,
  sellable: r.sellable,
  weightGrams: r.weight_grams,
});

/** What shipping rates are worked out from: the lines' subtotal at today's prices and their weight. */
export const cartTotals = (lines: CartLineView[]) => ({
  subtotal: lines.reduce((n, l) => n + (l.lineTotal ?? 0), 0),
  weightGrams: lines.reduce((n, l) => n + l.weightGrams * l.quantity, 0),
});

export function checkStock(quantity: number, available: number): void {
  if (quantity > available) {
    throw new BadRequest(available > 0 ? `only ${available} in stock` : 'out of stock', {
      errors: [{ field: 'quantity', message: `at most ${available} available` }],
    });
  }
}

export function checkQuantityLimit(quantity: number): void {
  if (quantity > MAX_QUANTITY)
    throw new BadRequest(`at most ${MAX_QUANTITY} of one variant per cart`, {
      errors: [{ field: 'quantity', message: `at most ${MAX_QUANTITY}` }],
    });
}

/**
 * A code the shopper enters is checked against the codes pricing published: one that names no
 * promotion, is not valid yet or any more, or needs a signed-in customer is refused here, with the
 * reason, instead of failing the order at checkout. (Usage limits are pricing's to judge then.)
 */
export function checkPromotionCode(
  code: string,
  c: PromotionCodeRow | undefined,
  cart: { customer_id: string | null },
  now = new Date(),
): void {
  const refuse = (message: string) =>
    new BadRequest(`promotion code ${code.toUpperCase()}: ${message}`, { errors: [{ field: 'code', message }] });
  if (!c?.active) throw refuse('no promotion has this code');
  if (c.starts_at && new Date(c.starts_at) > now) throw refuse(`valid from ${new Date(c.starts_at).toISOString()}`);
  if (c.ends_at && new Date(c.ends_at) <= now) throw refuse('has expired');
  if (c.once_per_customer && !cart.customer_id) throw refuse('can be used once per customer: sign in to use it');
}
