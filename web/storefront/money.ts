// Money arrives as integer minor units with a currency; Intl formats it for the shopper.
const formats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number, currency: string): string {
  let f = formats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-IE', { style: 'currency', currency });
    formats.set(currency, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(amount / 10 ** digits);
}

export const currencies = ['EUR', 'USD'] as const;
export type ShopCurrency = (typeof currencies)[number];
export const isShopCurrency = (c: unknown): c is ShopCurrency => c === 'EUR' || c === 'USD';
