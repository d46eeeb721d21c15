// Money and dates as staff read them. Amounts travel as integer minor units; staff type major units
// ("12.50"), turned into minor units by the currency's own number of decimals (JPY has none).

const digitsOf = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

export function formatMoney(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  const digits = digitsOf(currency);
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 10 ** digits);
}

/** "12.5" → 1250 (EUR); null when it is not a positive amount with at most the currency's decimals. */
export function toMinor(major: string, currency: string): number | null {
  const digits = digitsOf(currency);
  const m = /^\s*(\d{1,9})(?:[.,](\d*))?\s*$/.exec(major);
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return minor > 0 ? minor : null;
}

/** Minor units as the major-unit text an amount input starts with. */
export const toMajorText = (minor: number, currency: string) =>
  (minor / 10 ** digitsOf(currency)).toFixed(digitsOf(currency));

export const formatTime = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC'
    : '—';

// Filled badges whose text keeps a 4.5:1 contrast: dark shades take white text; the light ones
// (green, cyan, orange, yellow) take black through Mantine's autoContrast.
const statusColors: Record<string, string> = {
  pending: 'gray.7',
  awaiting_payment: 'yellow.6',
  confirmed: 'blue.9',
  fulfilled: 'green.6',
  canceled: 'red.9',
  shipped: 'cyan.6',
  delivered: 'green.6',
  authorized: 'blue.9',
  captured: 'green.6',
  partially_refunded: 'orange.6',
  refunded: 'orange.6',
  failed: 'red.9',
  voided: 'gray.7',
};
export const statusColor = (status: string) => statusColors[status] ?? 'gray.7';
export const statusLabel = (status: string) => status.replaceAll('_', ' ');
