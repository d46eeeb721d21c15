// Money arrives as integer minor units with a currency; Intl formats it for the shopper.
// (a format and its minor-unit scale are made once per currency: both cost more than formatting)
const formats = new Map<string, { format: Intl.NumberFormat; scale: number }>();

export function formatMoney(amount: number, currency: string): string {
  let f = formats.get(currency);
  if (!f) {
    const format = new Intl.NumberFormat('en-IE', { style: 'currency', currency });
    f = { format, scale: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
    formats.set(currency, f);
  }
  return f.format.format(amount / f.scale);
}

export const currencies = ['EUR', 'USD'] as const;
export type ShopCurrency = (typeof currencies)[number];
export const isShopCurrency = (c: unknown): c is ShopCurrency => c === 'EUR' || c === 'USD';
