import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import type { Promotion } from './promotion.entity.ts';

/** Flushes a new or changed promotion; a code taken (case-insensitively) is a 409. */
export async function flushPromotion(em: EntityManager, p: Promotion): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException)
      throw new Conflict(`A promotion with the code "${p.code}" already exists (codes are case-insensitive)`);
    throw err;
  }
}

// The quote's reads are typed SQL: they are on every checkout's path, and the ORM's find is
// planned on every call.
const PROMOTION = `id, name, description, code, kind, percent_bps as "percentBps", amounts, product_ids as "productIds",
  category_ids as "categoryIds", min_subtotal as "minSubtotal", starts_at as "startsAt", ends_at as "endsAt",
  usage_limit as "usageLimit", once_per_customer as "oncePerCustomer", usage_count as "usageCount",
  created_at as "createdAt", updated_at as "updatedAt"`;

/** A promotion row under the entity's field names; the driver hands times over as text. */
export type PromotionRow = Omit<Promotion, 'startsAt' | 'endsAt' | 'createdAt' | 'updatedAt'> & {
  startsAt: string | null;
  endsAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export const promotionOf = (r: PromotionRow): Promotion => ({
  ...r,
  startsAt: r.startsAt ? new Date(r.startsAt) : null,
  endsAt: r.endsAt ? new Date(r.endsAt) : null,
  createdAt: new Date(r.createdAt),
  updatedAt: new Date(r.updatedAt),
});

/** Automatic promotions (no code) running at a moment (unordered): a sub-select of the quote's read (quote.ts). */
export const runningAutomaticSql = (at: string) =>
  `select ${PROMOTION} from pricing.promotions where code is null
      and (starts_at is null or starts_at <= ${at}) and (ends_at is null or ends_at > ${at})`;

/** The promotion a code names (codes are case-insensitive), if any. */
export async function promotionByCode(em: EntityManager, code: string): Promise<Promotion | null> {
  const [row] = await query<PromotionRow>(
    em,
    `select ${PROMOTION} from pricing.promotions where lower(code) = lower($1)`,
    [code.trim()],
  );
  return row ? promotionOf(row) : null;
}

/** Which of the given once-per-customer promotions the customer has already redeemed. */
export async function redeemedByCustomer(
  em: EntityManager,
  customerId: string,
  promotionIds: readonly string[],
): Promise<Set<string>> {
  const rows = await query<{ promotion_id: string }>(
    em,
    'select promotion_id from pricing.promotion_redemptions where once_key = $1 and promotion_id = any($2::uuid[])',
    [customerId, promotionIds],
  );
  return new Set(rows.map((r) => r.promotion_id));
}
