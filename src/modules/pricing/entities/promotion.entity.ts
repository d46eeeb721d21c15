import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { timestamps, uuidv7Id } from '../../../platform/db/index.ts';
import type { Currency } from '../contract.ts';

type PerCurrency = Partial<Record<Currency, number>>;

/** A discount: by code or automatic, a percentage or a fixed amount, on the order or on products/categories. */
export const Promotion = defineEntity({
  name: 'PricingPromotion',
  schema: 'pricing',
  tableName: 'promotions',
  properties: {
    id: uuidv7Id(),
    name: p.string().length(200),
    description: p.string().length(2000).nullable(),
    /** null: automatic. Unique case-insensitively. */
    code: p.string().length(40).nullable(),
    kind: p.enum(['percentage', 'fixed'] as const),
    percentBps: p.integer().nullable(),
    amounts: p.json<PerCurrency>().defaultRaw(`'{}'`),
    productIds: p.json<string[]>().defaultRaw(`'[]'`),
    categoryIds: p.json<string[]>().defaultRaw(`'[]'`),
    minSubtotal: p.json<PerCurrency>().defaultRaw(`'{}'`),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    usageLimit: p.integer().nullable(),
    oncePerCustomer: p.boolean().default(false),
    usageCount: p.integer().default(0),
    ...timestamps(),
  },
  uniques: [
    {
      name: 'promotions_code_key',
      expression: 'create unique index promotions_code_key on pricing.promotions (lower(code)) where code is not null',
    },
  ],
  indexes: [{ name: 'promotions_automatic_idx', properties: ['id'], where: 'code is null' }],
  checks: [
    { name: 'promotions_check', expression: '(starts_at IS NULL) OR (ends_at IS NULL) OR (starts_at < ends_at)' },
    { name: 'promotions_check1', expression: "(kind = 'percentage'::text) = (percent_bps IS NOT NULL)" },
    { name: 'promotions_percent_bps_check', expression: '(percent_bps >= 1) AND (percent_bps <= 10000)' },
    { name: 'promotions_usage_count_check', expression: 'usage_count >= 0' },
    { name: 'promotions_usage_limit_check', expression: 'usage_limit >= 1' },
  ],
});
export type Promotion = InferEntity<typeof Promotion>;

/**
 * One use of a promotion by one order (recorded by `redeem`). once_key is the customer id when the
 * promotion is once-per-customer (null otherwise), so its unique constraint is what enforces "once".
 */
export const PromotionRedemption = defineEntity({
  name: 'PricingPromotionRedemption',
  schema: 'pricing',
  tableName: 'promotion_redemptions',
  properties: {
    id: uuidv7Id(),
    promotionId: p
      .manyToOne(Promotion)
      .mapToPk()
      .fieldName('promotion_id')
      .foreignKeyName('promotion_redemptions_promotion_id_fkey')
      .deleteRule('cascade'),
    orderId: p.uuid().index('promotion_redemptions_order_idx'),
    customerId: p.uuid().nullable(),
    onceKey: p.uuid().nullable(),
    currency: p.string().$type<Currency>().columnType('char(3)'),
    amount: p.bigint('number'),
    createdAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
  },
  uniques: [
    { name: 'promotion_redemptions_order_key', properties: ['promotionId', 'orderId'] },
    { name: 'promotion_redemptions_once_key', properties: ['promotionId', 'onceKey'] },
  ],
  checks: [{ name: 'promotion_redemptions_amount_check', expression: 'amount >= 0' }],
});
export type PromotionRedemption = InferEntity<typeof PromotionRedemption>;
