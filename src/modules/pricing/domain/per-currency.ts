import { BadRequest } from '../../../platform/http/errors.ts';
import type { Currency } from '../contract.ts';

export interface Money {
  currency: Currency;
  amount: number;
}

export type PerCurrency = Partial<Record<Currency, number>>;

/** Rejects a second entry for one currency (the set is per currency). */
export function assertOnePerCurrency(entries: readonly { currency: string }[], field: string): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.currency)) {
      throw new BadRequest(`${field} lists ${e.currency} more than once`, {
        errors: [{ field: `${field}.${i}.currency`, message: 'is a duplicate' }],
      });
    }
    seen.add(e.currency);
  });
}

export const toPerCurrency = (entries: readonly Money[]): PerCurrency =>
  Object.fromEntries(entries.map((e) => [e.currency, e.amount]));

export const toMoneyList = (map: PerCurrency): Money[] =>
  Object.entries(map)
    .map(([currency, amount]) => ({ currency: currency as Currency, amount: amount! }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
