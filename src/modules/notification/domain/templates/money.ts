// Money for people: integer minor units of a currency, shown with that currency's exponent
// (EUR 2 decimals, JPY none). The digits are placed by string, never by dividing a float.
import { CURRENCIES } from '../../../pricing/contract.ts';

/** Decimal places of a currency's minor unit: Tessera's own table first, then ISO 4217 as Intl knows it. */
export function minorUnitExponent(currency: string): number {
  const known = (CURRENCIES as Record<string, number>)[currency];
  if (known !== undefined) return known;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

// Building an Intl.NumberFormat costs far more than using one: one per (locale, currency, exponent).
const formats = new Map<string, Intl.NumberFormat>();
const formatFor = (locale: string, currency: string, exponent: number) => {
  const key = `${locale}|${currency}|${exponent}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    if (formats.size < 1000) formats.set(key, f);
  }
  return f;
};

/** `formatMoney(123456, 'EUR')` is "€1,234.56"; `formatMoney(1500, 'JPY')` is "¥1,500"; negatives get a minus sign. */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer of minor units, got ${amount}`);
  const exponent = minorUnitExponent(currency);
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  const decimal = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
  const format = formatFor(locale, currency, exponent);
  // A decimal string is formatted exactly (Intl takes string numerics), so no float rounding creeps in.
  return format.format(`${amount < 0 ? '-' : ''}${decimal}` as `${number}`);
}
