// Money in the dashboard: the API speaks integer minor units; staff type major units (12.50).

export const toMinor = (major: number, exponent: number) => Math.round(major * 10 ** exponent);
export const toMajor = (minor: number, exponent: number) => minor / 10 ** exponent;

export function formatMoney(minor: number, currency: string, exponent: number): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: exponent }).format(
    toMajor(minor, exponent),
  );
}

/** The currencies the API prices in (its document's enum); the amounts' exponents come from /admin/currency-settings. */
export const priceCurrencies = ['EUR', 'USD', 'GBP', 'JPY'] as const;
export type PriceCurrency = (typeof priceCurrencies)[number];
export const isPriceCurrency = (c: string): c is PriceCurrency => (priceCurrencies as readonly string[]).includes(c);

/**
 * A NumberInput's value as a number, or undefined when empty or not a number. Mantine hands over
 * a string while the text is not a plain number yet ("79.90", "12."), so the form keeps the raw
 * value and converts it only when saving.
 */
export function parseAmount(value: number | string | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
