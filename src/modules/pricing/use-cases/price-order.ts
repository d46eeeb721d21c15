import type { EntityManager } from '../../../platform/db/index.ts';
import type { PayloadOf } from '../../../platform/bus/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { OrderPlaced } from '../../order/contract.ts';
import type { OrderPriced } from '../contract.ts';
import { quote } from './quote.ts';
import { redeem } from './redeem-promotion.ts';

class PricingRefused extends Error {}

export type OrderPricing = { priced: PayloadOf<typeof OrderPriced> } | { refused: string };

/**
 * Prices a placed order with the engine (the customer's groups, the code, tax for the shipping
 * country, the shipping amount) and redeems its promotions, all or nothing: a code that cannot be
 * used (expired, used up, already used by this customer, two checkouts racing for a
 * once-per-customer code) refuses the order with the reason. Runs in the caller's transaction.
 */
export async function priceOrder(em: EntityManager, o: PayloadOf<typeof OrderPlaced>): Promise<OrderPricing> {
  try {
    const priced = await quote(em, {
      currency: o.currency,
      lines: o.lines,
      code: o.promotionCode,
      countryCode: o.shippingAddress.countryCode,
      shippingAmount: o.shippingAmount,
      customerId: o.customerId,
    });
    if (o.promotionCode && priced.code && !priced.code.applied)
      throw new PricingRefused(`promotion code ${o.promotionCode}: ${priced.code.message ?? priced.code.reason}`);
    // The quote only reads; the redemptions write, all or none (a savepoint, only when there are any).
    if (priced.promotions.length) {
      await em.transactional(async (tx) => {
        for (const p of priced.promotions) {
          const r = await redeem(tx, {
            promotionId: p.promotionId,
            orderId: o.orderId,
            customerId: o.customerId,
            currency: o.currency,
            amount: p.amount,
          });
          if (!r.ok) throw new PricingRefused(`promotion ${p.code ?? p.name}: ${r.reason.replace('_', ' ')}`);
        }
      });
    }
    return {
      priced: {
        orderId: o.orderId,
        currency: o.currency,
        lines: priced.lines.map((l) => ({
          variantId: l.variantId,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discount: l.discount,
          tax: l.tax,
          total: l.total,
        })),
        totals: {
          subtotal: priced.totals.subtotal,
          discount: priced.totals.discount,
          shipping: priced.totals.shipping,
          tax: priced.totals.tax,
          total: priced.totals.total,
        },
        promotions: priced.promotions.map((p) => ({ promotionId: p.promotionId, code: p.code, amount: p.amount })),
      },
    };
  } catch (err) {
    // A refusal is an answer for the saga, not a failure: the order cannot be priced.
    if (err instanceof PricingRefused || err instanceof DomainError) return { refused: err.message };
    throw err;
  }
}
