import { BadRequest } from '../../../platform/http/errors.ts';
import type { Currency } from '../contract.ts';

export interface ListPrice {
  variantId: string;
  currency: Currency;
  amount: number;
}

export interface PriceListInput {
  name: string;
  description?: string | null;
  customerGroupId?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  prices: ListPrice[];
}

export type PriceListPatch = Partial<PriceListInput>;

export const parseDate = (s: string | null | undefined) => (s ? new Date(s) : null);

/** A list applies in [startsAt, endsAt); either end may be open. */
export function priceListStatus(
  list: { startsAt?: Date | null; endsAt?: Date | null },
  at = new Date(),
): 'scheduled' | 'active' | 'ended' {
  if (list.startsAt && list.startsAt > at) return 'scheduled';
  if (list.endsAt && list.endsAt <= at) return 'ended';
  return 'active';
}

export function assertWindow(startsAt: Date | null | undefined, endsAt: Date | null | undefined): void {
  if (startsAt && endsAt && startsAt >= endsAt) {
    throw new BadRequest('endsAt must be after startsAt', {
      errors: [{ field: 'endsAt', message: 'must be after startsAt' }],
    });
  }
}

export function assertUniquePrices(prices: readonly ListPrice[]): void {
  const seen = new Set<string>();
  prices.forEach((p, i) => {
    const key = `${p.variantId}:${p.currency}`;
    if (seen.has(key))
      throw new BadRequest(`prices lists variant ${p.variantId} in ${p.currency} more than once`, {
        errors: [{ field: `prices.${i}`, message: 'is a duplicate' }],
      });
    seen.add(key);
  });
}
