// How the dashboard writes money, dates and rates: integer minor units shown in the currency's
// own digits (JPY has none), instants in the browser's locale.
const digits = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();

export function money(amount: number, currency: string): string {
  const d = digits(currency).maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount / 10 ** d);
}

/** An amount already in major units (a chart's axis). */
export const majorMoney = (major: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(major);

/** Major units typed by staff (e.g. "12.50") to minor units, or null when it is not a number. */
export function toMinor(major: number | string, currency: string): number | null {
  const n = typeof major === 'number' ? major : Number(major);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 10 ** (digits(currency).maximumFractionDigits ?? 2));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** (digits(currency).maximumFractionDigits ?? 2);
}

export const dateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

export const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

export const currencies = ['EUR', 'USD', 'GBP', 'JPY'] as const;
export type Currency = (typeof currencies)[number];

/** Saves text as a file the browser downloads (the API needs a bearer token, so no plain link). */
export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
