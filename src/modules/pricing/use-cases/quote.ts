// The pricing use case: load what an order needs from pricing's own tables, then run the engine.
// POST /store/price-quotes calls it, and so does the order saga (price-order.ts) in its handler's
// transaction, so the price a shopper was quoted and the price an order is charged come from the
// same code. It is on the checkout's path: keep its round trips few.
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { NotFound, Unprocessable } from '../../../platform/http/errors.ts';
import type { Currency } from '../contract.ts';
import { codeMessage } from '../domain/code-message.ts';
import { calculate, type PricingResult, type RejectReason } from '../domain/index.ts';
import { toRule } from '../domain/promotion.ts';
import { ppmToBps } from '../domain/tax-rate.ts';
import {
  promotionByCode,
  promotionOf,
  redeemedByCustomer,
  runningAutomaticSql,
  type PromotionRow,
} from '../entities/promotion.data.ts';
import { pairsJson, shelfPriceOf, shelfPricesSql, type ShelfPriceRow } from '../entities/shelf-price.data.ts';

export interface QuoteRequest {
  currency: Currency;
  lines: readonly { variantId: string; quantity: number }[];
  code?: string | null;
  countryCode?: string | null;
  /** In the currency's tax mode, like the prices. */
  shippingAmount?: number | null;
  /** A signed-in customer: their groups' price lists apply and once-per-customer is checked. */
  customerId?: string | null;
  at?: Date;
}

export interface QuoteLine {
  variantId: string;
  productId: string;
  quantity: number;
  unitPrice: number;
  originalUnitPrice: number | null;
  priceListId: string | null;
  subtotal: number;
  discount: number;
  net: number;
  tax: number;
  total: number;
  adjustments: { promotionId: string; amount: number }[];
}

export interface Quote {
  currency: Currency;
  taxInclusive: boolean;
  countryCode: string | null;
  taxRateBps: number;
  pricedAt: string;
  lines: QuoteLine[];
  shipping: PricingResult['shipping'];
  totals: PricingResult['totals'];
  promotions: { promotionId: string; name: string; code: string | null; automatic: boolean; amount: number }[];
  code: { code: string; applied: boolean; reason: RejectReason | null; message: string | null } | null;
}

interface QuoteContextRow {
  variants: { variant_id: string; product_id: string; category_ids: string[] }[];
  tax_inclusive: boolean | null;
  rate_ppm: number | null;
  prices: ShelfPriceRow[];
  automatic: PromotionRow[];
}

/** Prices a basket (or an order) at a moment; a code that cannot be used is reported in `code`, not thrown. */
export async function quote(em: EntityManager, req: QuoteRequest): Promise<Quote> {
  const at = req.at ?? new Date();
  const { currency } = req;
  const customerId = req.customerId ?? null;

  const ids = [...new Set(req.lines.map((l) => l.variantId))];
  // The variants, the currency's tax mode, the country's rate, the shelf prices and the running
  // automatic promotions: one round trip (they do not depend on each other).
  const [ctx] = await query<QuoteContextRow>(
    em,
    `select coalesce((select json_agg(json_build_object('variant_id', variant_id, 'product_id', product_id, 'category_ids', category_ids))
              from pricing.variants where variant_id = any($1::uuid[])), '[]') as variants,
            (select tax_inclusive from pricing.currency_settings where currency = $2) as tax_inclusive,
            (select rate_ppm from pricing.tax_rates where country_code = $3) as rate_ppm,
            (select coalesce(json_agg(s), '[]') from (${shelfPricesSql('$4', '$5', '$6')}) s) as prices,
            (select coalesce(json_agg(a order by a.id), '[]') from (${runningAutomaticSql('$5::timestamptz')}) a) as automatic`,
    [
      ids,
      currency,
      req.countryCode ?? null,
      pairsJson(ids.map((variantId) => ({ variantId, currency }))),
      at.toISOString(),
      customerId,
    ],
  );
  const byId = new Map(ctx.variants.map((v) => [v.variant_id, v]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw new NotFound(`Variant ${unknown.join(', ')}`);

  const prices = new Map(ctx.prices.map(shelfPriceOf).map((p) => [p.variantId, p]));
  const unpriced = ids.filter((id) => prices.get(id)?.amount == null);
  if (unpriced.length) throw new Unprocessable(`Variant ${unpriced.join(', ')} has no price in ${currency}`);

  if (ctx.tax_inclusive === null) throw new NotFound(`Currency ${currency}`);
  const taxInclusive = ctx.tax_inclusive;
  const ratePpm = req.countryCode ? (ctx.rate_ppm ?? 0) : 0;

  const automatic = ctx.automatic.map(promotionOf);
  const coded = req.code ? await promotionByCode(em, req.code) : null;
  const oncePer = [...automatic, ...(coded ? [coded] : [])].filter((p) => p.oncePerCustomer).map((p) => p.id);
  const used = customerId && oncePer.length ? await redeemedByCustomer(em, customerId, oncePer) : new Set<string>();
  const codeRule = coded ? toRule(coded, used.has(coded.id)) : null;

  const result = calculate({
    currency,
    at,
    taxInclusive,
    taxRatePpm: ratePpm,
    lines: req.lines.map((l) => {
      const v = byId.get(l.variantId)!;
      return {
        variantId: l.variantId,
        productId: v.product_id,
        categoryIds: v.category_ids,
        quantity: l.quantity,
        unitPrice: prices.get(l.variantId)!.amount!,
      };
    }),
    shippingAmount: req.shippingAmount ?? null,
    automatic: automatic.map((p) => toRule(p, used.has(p.id))),
    code: req.code ? { code: req.code, promotion: codeRule } : null,
    hasCustomer: customerId !== null,
  });

  return {
    currency,
    taxInclusive,
    countryCode: req.countryCode ?? null,
    taxRateBps: ppmToBps(ratePpm),
    pricedAt: at.toISOString(),
    lines: result.lines.map((l, i) => {
      const price = prices.get(l.variantId)!;
      return {
        variantId: l.variantId,
        productId: byId.get(l.variantId)!.product_id,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        originalUnitPrice: price.originalAmount,
        priceListId: price.priceListId,
        subtotal: l.subtotal,
        discount: l.discount,
        net: l.net,
        tax: l.tax,
        total: l.total,
        adjustments: result.lines[i].adjustments,
      };
    }),
    shipping: result.shipping,
    totals: result.totals,
    promotions: result.promotions.map((p) => ({ ...p, automatic: p.code === null })),
    code: result.code && {
      ...result.code,
      message: result.code.reason ? codeMessage(result.code.reason, codeRule, currency) : null,
    },
  };
}
