import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import type { Currency } from '../../pricing/contract.ts';
import { shippingRateFor } from '../contract.ts';
import { isCountryCode } from '../domain/countries.ts';
import { snapshotOf } from '../domain/option-snapshot.ts';
import { ShippingOption } from '../entities/shipping-option.entity.ts';

export interface Destination {
  countryCode: string;
  currency: Currency;
  subtotal: number;
  weightGrams: number;
}

export interface ShippingQuote {
  id: string;
  code: string;
  name: string;
  currency: Currency;
  amount: number;
  kind: 'flat' | 'by_weight';
  freeAbove: number | null;
}

/**
 * The options that ship to a destination, cheapest first, each priced by the contract's rule (the
 * same one the order module prices carts with). An option without a rate in the currency is left out.
 */
export async function quoteShippingRates(em: EntityManager, d: Destination): Promise<{ items: ShippingQuote[] }> {
  if (!isCountryCode(d.countryCode)) {
    throw new BadRequest(`querystring.countryCode "${d.countryCode}" is not an ISO 3166-1 alpha-2 country code`, {
      errors: [{ field: 'countryCode', message: 'is not a known country' }],
    });
  }
  // Live options are few (tens at most): the contract rule filters them, so there is one definition of "offered".
  const live = await em.find(ShippingOption, { active: true, retiredAt: null });
  const items: ShippingQuote[] = [];
  for (const o of live) {
    const snapshot = snapshotOf(o);
    const amount = shippingRateFor(snapshot, d);
    if (amount === null) continue;
    const rate = snapshot.rates.find((r) => r.currency === d.currency)!;
    items.push({
      id: o.id,
      code: o.code,
      name: o.name,
      currency: d.currency,
      amount,
      kind: rate.kind,
      freeAbove: rate.freeAbove,
    });
  }
  return { items: items.sort((a, b) => a.amount - b.amount || a.code.localeCompare(b.code)) };
}
