import { execute, query } from '../../../platform/db/index.ts';
// The pricing use case: load what an order needs from pricing's own tables, then run the engine.
// POST /store/price-quotes calls it; the order saga's order.placed handler will call it with the
// handler's transaction, so the price a shopper was quoted and the price an order is charged come
// from the same code.
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound, Unprocessable } from '../../../platform/http/errors.ts';
import { CURRENCIES, type Currency } from '../contract.ts';
import { calculate, type PricingResult, type PromotionRule, type RejectReason } from '../engine/index.ts';
import type { Promotion } from '../entities/promotion.entity.ts';
import { shelfPrices } from '../shelf-prices.ts';
import { ppmToBps } from './tax.ts';
import { toRule } from './promotions.ts';

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

export function formatMoney(amount: number, currency: Currency): string {
  const exp = CURRENCIES[currency];
  return `${(amount / 10 ** exp).toFixed(exp)} ${currency}`;
}

/** Why a code was not applied, in words a storefront can show. */
export function codeMessage(reason: RejectReason, rule: PromotionRule | null, currency: Currency): string {
  switch (reason) {
    case 'unknown':
      return 'No promotion has this code';
    case 'not_started':
      return `This code is valid from ${rule?.startsAt?.toISOString()}`;
    case 'expired':
      return 'This code has expired';
    case 'limit_reached':
      return 'This code has been used up';
    case 'customer_required':
      return 'This code can be used once per customer: sign in to use it';
    case 'already_used':
      return 'You have already used this code';
    case 'minimum_not_met':
      return `This code needs an order subtotal of at least ${formatMoney(rule?.minSubtotal[currency] ?? 0, currency)}`;
    case 'not_applicable':
      return 'This code does not apply to the items in this order';
  }
}

/** A promotion row as the entity names its fields. */
const PROMOTION = `id, name, description, code, kind, percent_bps as "percentBps", amounts, product_ids as "productIds",
  category_ids as "categoryIds", min_subtotal as "minSubtotal", starts_at as "startsAt", ends_at as "endsAt",
  usage_limit as "usageLimit", once_per_customer as "oncePerCustomer", usage_count as "usageCount",
  created_at as "createdAt", updated_at as "updatedAt"`;

/** The driver hands times over as text (MikroORM's setting): the entity's fields are Dates. */
const promotionRow = (r: Promotion): Promotion => ({
  ...r,
  startsAt: r.startsAt ? new Date(r.startsAt) : null,
  endsAt: r.endsAt ? new Date(r.endsAt) : null,
  createdAt: new Date(r.createdAt),
  updatedAt: new Date(r.updatedAt),
});

export async function quote(em: EntityManager, req: QuoteRequest): Promise<Quote> {
  const at = req.at ?? new Date();
  const { currency } = req;
  const customerId = req.customerId ?? null;

  const ids = [...new Set(req.lines.map((l) => l.variantId))];
  // The variants, the currency's tax mode and the country's rate: one round trip (a quote is on the checkout's path).
  const [ctx] = await execute<{
    variants: { variant_id: string; product_id: string; category_ids: string[] }[];
    tax_inclusive: boolean | null;
    rate_ppm: number | null;
  }>(
    em,
    `select coalesce((select json_agg(json_build_object('variant_id', variant_id, 'product_id', product_id, 'category_ids', category_ids))
              from pricing.variants where variant_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))), '[]') as variants,
            (select tax_inclusive from pricing.currency_settings where currency = ?) as tax_inclusive,
            (select rate_ppm from pricing.tax_rates where country_code = ?) as rate_ppm`,
    [JSON.stringify(ids), currency, req.countryCode ?? null],
  );
  const byId = new Map(ctx.variants.map((v) => [v.variant_id, v]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw new NotFound(`Variant ${unknown.join(', ')}`);

  const prices = new Map(
    (
      await shelfPrices(
        em,
        ids.map((variantId) => ({ variantId, currency })),
        at,
        customerId,
      )
    ).map((p) => [p.variantId, p]),
  );
  const unpriced = ids.filter((id) => prices.get(id)?.amount == null);
  if (unpriced.length) throw new Unprocessable(`Variant ${unpriced.join(', ')} has no price in ${currency}`);

  if (ctx.tax_inclusive === null) throw new NotFound(`Currency ${currency}`);
  const taxInclusive = ctx.tax_inclusive;
  const ratePpm = req.countryCode ? (ctx.rate_ppm ?? 0) : 0;

  // (hand-written reads: a quote is on every checkout's path, and the ORM's find was planned on every call)
  const automatic = (
    await query<Promotion>(
      em,
      `select ${PROMOTION} from pricing.promotions where code is null
     and (starts_at is null or starts_at <= $1) and (ends_at is null or ends_at > $1) order by id`,
      [at],
    )
  ).map(promotionRow);
  const [coded = null] = req.code
    ? (
        await query<Promotion>(em, `select ${PROMOTION} from pricing.promotions where lower(code) = lower($1)`, [
          req.code.trim(),
        ])
      ).map(promotionRow)
    : [];
  const used = new Set<string>();
  const oncePer = [...automatic, ...(coded ? [coded] : [])].filter((p) => p.oncePerCustomer).map((p) => p.id);
  if (customerId && oncePer.length) {
    const rows = await execute<{ promotion_id: string }>(
      em,
      'select promotion_id from pricing.promotion_redemptions where once_key = ? and promotion_id = any(array(select jsonb_array_elements_text(?::jsonb)::uuid))',
      [customerId, JSON.stringify(oncePer)],
    );
    rows.forEach((r) => used.add(r.promotion_id));
  }
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
