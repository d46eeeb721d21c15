// A stored promotion: how admin input changes it, how it must hang together, and how the engine
// and carts see it.
import { BadRequest } from '../../../platform/http/errors.ts';
import type { PayloadOf } from '../../../platform/bus/index.ts';
import type { PromotionCodeChanged } from '../contract.ts';
import type { Promotion } from '../entities/promotion.entity.ts';
import { assertOnePerCurrency, toMoneyList, toPerCurrency, type Money } from './per-currency.ts';
import type { PromotionRule } from './types.ts';

export interface PromotionInput {
  name: string;
  description?: string | null;
  code?: string | null;
  kind: 'percentage' | 'fixed';
  percentBps?: number | null;
  amounts?: Money[];
  productIds?: string[];
  categoryIds?: string[];
  minSubtotal?: Money[];
  startsAt?: string | null;
  endsAt?: string | null;
  usageLimit?: number | null;
  oncePerCustomer?: boolean;
}

const date = (s: string | null | undefined) => (s ? new Date(s) : null);
const bad = (field: string, message: string) => new BadRequest(`${field} ${message}`, { errors: [{ field, message }] });

export const promotionView = (p: Promotion) => ({
  id: p.id,
  name: p.name,
  description: p.description ?? null,
  code: p.code ?? null,
  automatic: !p.code,
  kind: p.kind,
  percentBps: p.percentBps ?? null,
  amounts: toMoneyList(p.amounts),
  productIds: p.productIds,
  categoryIds: p.categoryIds,
  minSubtotal: toMoneyList(p.minSubtotal),
  startsAt: p.startsAt?.toISOString() ?? null,
  endsAt: p.endsAt?.toISOString() ?? null,
  usageLimit: p.usageLimit ?? null,
  usageCount: p.usageCount,
  oncePerCustomer: p.oncePerCustomer,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** The engine's view of a stored promotion, with the usage facts looked up by the caller. */
export const toRule = (p: Promotion, usedByCustomer: boolean): PromotionRule => ({
  id: p.id,
  name: p.name,
  code: p.code ?? null,
  kind: p.kind,
  percentBps: p.percentBps ?? null,
  amounts: p.amounts,
  productIds: p.productIds,
  categoryIds: p.categoryIds,
  minSubtotal: p.minSubtotal,
  startsAt: p.startsAt ?? null,
  endsAt: p.endsAt ?? null,
  oncePerCustomer: p.oncePerCustomer,
  limitReached: p.usageLimit != null && p.usageCount >= p.usageLimit,
  usedByCustomer,
});

/** A promotion must make sense as a whole: a percentage has basis points, a fixed one has amounts. */
function assertCoherent(p: Promotion): void {
  if (p.kind === 'percentage') {
    if (p.percentBps == null) throw bad('percentBps', 'is required for a percentage promotion');
    if (Object.keys(p.amounts).length) throw bad('amounts', 'belong to a fixed promotion, not a percentage one');
  } else {
    if (p.percentBps != null) throw bad('percentBps', 'belongs to a percentage promotion, not a fixed one');
    if (!Object.keys(p.amounts).length) throw bad('amounts', 'must name the amount off in at least one currency');
  }
  if (p.startsAt && p.endsAt && p.startsAt >= p.endsAt) throw bad('endsAt', 'must be after startsAt');
}

/** Applies admin input (a whole promotion or a patch) to a promotion, then checks it as a whole. */
export function applyPromotionInput(p: Promotion, input: Partial<PromotionInput>): void {
  if (input.amounts) assertOnePerCurrency(input.amounts, 'amounts');
  if (input.minSubtotal) assertOnePerCurrency(input.minSubtotal, 'minSubtotal');
  if (input.kind !== undefined && input.kind !== p.kind) {
    // switching kind drops the other kind's value unless the patch sets it (and then is rejected)
    if (input.kind === 'fixed' && input.percentBps === undefined) p.percentBps = null;
    if (input.kind === 'percentage' && input.amounts === undefined) p.amounts = {};
    p.kind = input.kind;
  }
  if (input.name !== undefined) p.name = input.name.trim();
  if (input.description !== undefined) p.description = input.description;
  if (input.code !== undefined) p.code = input.code;
  if (input.percentBps !== undefined) p.percentBps = input.percentBps;
  if (input.amounts !== undefined) p.amounts = toPerCurrency(input.amounts);
  if (input.productIds !== undefined) p.productIds = [...new Set(input.productIds)];
  if (input.categoryIds !== undefined) p.categoryIds = [...new Set(input.categoryIds)];
  if (input.minSubtotal !== undefined) p.minSubtotal = toPerCurrency(input.minSubtotal);
  if (input.startsAt !== undefined) p.startsAt = date(input.startsAt);
  if (input.endsAt !== undefined) p.endsAt = date(input.endsAt);
  if (input.usageLimit !== undefined) p.usageLimit = input.usageLimit;
  if (input.oncePerCustomer !== undefined) p.oncePerCustomer = input.oncePerCustomer;
  assertCoherent(p);
}

/** What carts are told about a code: what it is now, or (without a promotion) that it names nothing any more. */
export const codeFacts = (
  code: string,
  p: Promotion | null,
  version: number,
): PayloadOf<typeof PromotionCodeChanged> => ({
  code: code.toUpperCase(),
  promotionId: p?.id ?? '00000000-0000-0000-0000-000000000000',
  name: p?.name ?? '',
  active: !!p,
  startsAt: p?.startsAt?.toISOString() ?? null,
  endsAt: p?.endsAt?.toISOString() ?? null,
  oncePerCustomer: p?.oncePerCustomer ?? false,
  minSubtotal: p ? toMoneyList(p.minSubtotal) : [],
  version,
});
