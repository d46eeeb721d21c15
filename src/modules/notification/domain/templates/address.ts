import type { Address } from '../../../order/contract.ts';

const regions = new Intl.DisplayNames(['en'], { type: 'region' });

const countryName = (code: string) => {
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
};

/** A postal address as lines on an envelope; empty parts are left out. */
export function addressLines(a: Address): string[] {
  const name = [a.firstName, a.lastName].filter(Boolean).join(' ');
  const city = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [name, a.company, a.line1, a.line2, city, a.province, countryName(a.countryCode)].filter(
    (l): l is string => typeof l === 'string' && l.trim() !== '',
  );
}
