import { BadRequest } from '../../../platform/http/errors.ts';
import type { Currency } from '../../pricing/contract.ts';
import type { ShippingRate } from '../entities/shipping-option.entity.ts';
import { checkTrackingUrlTemplate } from './carriers.ts';
import { isCountryCode } from './countries.ts';

export interface RateInput {
  currency: Currency;
  kind: 'flat' | 'by_weight';
  amount: number;
  perKgAmount?: number;
  freeAbove?: number | null;
}

export interface OptionInput {
  code: string;
  name: string;
  active?: boolean;
  countries: string[];
  rates: RateInput[];
  trackingUrlTemplate?: string | null;
}

const bad = (field: string, message: string) => new BadRequest(`${field} ${message}`, { errors: [{ field, message }] });

/**
 * Rates as stored: one per currency, sorted, every field present. A flat rate has no per-kg
 * amount; a by-weight rate must state one (0 is allowed, and then it is flat in all but name).
 */
export function normaliseRates(rates: readonly RateInput[]): ShippingRate[] {
  const seen = new Set<string>();
  return rates
    .map((r, i) => {
      if (seen.has(r.currency))
        throw bad(`rates.${i}.currency`, `lists ${r.currency} more than once (one rate per currency)`);
      seen.add(r.currency);
      if (r.kind === 'flat' && (r.perKgAmount ?? 0) !== 0)
        throw bad(`rates.${i}.perKgAmount`, 'belongs to a by_weight rate, not a flat one');
      if (r.kind === 'by_weight' && r.perKgAmount === undefined)
        throw bad(`rates.${i}.perKgAmount`, 'is required for a by_weight rate');
      return {
        currency: r.currency,
        kind: r.kind,
        amount: r.amount,
        perKgAmount: r.perKgAmount ?? 0,
        freeAbove: r.freeAbove ?? null,
      };
    })
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Countries as stored: known ISO codes, sorted. */
export function normaliseCountries(countries: readonly string[]): string[] {
  countries.forEach((c, i) => {
    if (!isCountryCode(c)) throw bad(`countries.${i}`, `"${c}" is not an ISO 3166-1 alpha-2 country code`);
  });
  return [...countries].sort();
}

export function normaliseTrackingUrlTemplate(template: string | null | undefined): string | null {
  if (template == null) return null;
  const problem = checkTrackingUrlTemplate(template);
  if (problem) throw bad('trackingUrlTemplate', problem);
  return template;
}

/** The stored form of a new option's checked fields. */
export const normaliseOption = (input: OptionInput) => ({
  countries: normaliseCountries(input.countries),
  rates: normaliseRates(input.rates),
  trackingUrlTemplate: normaliseTrackingUrlTemplate(input.trackingUrlTemplate),
});

/** The same for a patch: a field left out stays undefined (unchanged); a null template means the default. */
export const normaliseOptionPatch = (patch: Partial<OptionInput>) => ({
  countries: patch.countries && normaliseCountries(patch.countries),
  rates: patch.rates && normaliseRates(patch.rates),
  trackingUrlTemplate:
    patch.trackingUrlTemplate === undefined ? undefined : normaliseTrackingUrlTemplate(patch.trackingUrlTemplate),
});
