import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Currency } from '../contract.ts';

type PerCurrency = Partial<Record<Currency, number>>;

/** A discount: by code or automatic, a percentage or a fixed amount, on the order or on products/categories. */
export const Promotion = defineEntity({
  name: 'PricingPromotion',
  schema: 'pricing',
  tableName: 'promotions',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    name: p.string(),
    description: p.string().nullable(),
    /** null: automatic. Unique case-insensitively. */
    code: p.string().nullable(),
    kind: p.enum(['percentage', 'fixed'] as const),
    percentBps: p.integer().nullable(),
    amounts: p.json<PerCurrency>(),
    productIds: p.json<string[]>(),
    categoryIds: p.json<string[]>(),
    minSubtotal: p.json<PerCurrency>(),
    startsAt: p.datetime().nullable(),
    endsAt: p.datetime().nullable(),
    usageLimit: p.integer().nullable(),
    oncePerCustomer: p.boolean().default(false),
    usageCount: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Promotion = InferEntity<typeof Promotion>;

/** One use of a promotion by one order (recorded by `redeem`). */
export const PromotionRedemption = defineEntity({
  name: 'PricingPromotionRedemption',
  schema: 'pricing',
  tableName: 'promotion_redemptions',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    promotionId: p.uuid(),
    orderId: p.uuid(),
    customerId: p.uuid().nullable(),
    onceKey: p.uuid().nullable(),
    currency: p.string().$type<Currency>(),
    amount: p.bigint('number'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type PromotionRedemption = InferEntity<typeof PromotionRedemption>;
