import { describe, expect, it } from 'vitest';
import { normaliseCountries, normaliseRates, normaliseTrackingUrlTemplate } from './option-input.ts';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { extra?: { errors?: { field: string }[] } }).extra?.errors?.[0]?.field;
  }
  return undefined;
};

describe('shipping option input', () => {
  it('stores rates one per currency, sorted, with every field present', () => {
    expect(
      normaliseRates([
        { currency: 'USD', kind: 'by_weight', amount: 100, perKgAmount: 0 },
        { currency: 'EUR', kind: 'flat', amount: 495, freeAbove: 5000 },
      ]),
    ).toEqual([
      { currency: 'EUR', kind: 'flat', amount: 495, perKgAmount: 0, freeAbove: 5000 },
      { currency: 'USD', kind: 'by_weight', amount: 100, perKgAmount: 0, freeAbove: null },
    ]);
  });

  it('refuses a repeated currency, a per-kg amount on a flat rate and a by-weight rate without one', () => {
    const eur = { currency: 'EUR' as const, kind: 'flat' as const, amount: 1 };
    expect(fieldOf(() => normaliseRates([eur, eur]))).toBe('rates.1.currency');
    expect(fieldOf(() => normaliseRates([{ ...eur, perKgAmount: 5 }]))).toBe('rates.0.perKgAmount');
    expect(fieldOf(() => normaliseRates([{ ...eur, kind: 'by_weight' }]))).toBe('rates.0.perKgAmount');
  });

  it('accepts known country codes only, and sorts them', () => {
    expect(normaliseCountries(['FR', 'DE', 'XK'])).toEqual(['DE', 'FR', 'XK']);
    expect(fieldOf(() => normaliseCountries(['DE', 'UK']))).toBe('countries.1');
  });

  it('accepts an absolute http(s) tracking template with the placeholder, or none', () => {
    expect(normaliseTrackingUrlTemplate(undefined)).toBeNull();
    expect(normaliseTrackingUrlTemplate('https://t.example/{trackingNumber}')).toBe(
      'https://t.example/{trackingNumber}',
    );
    for (const t of ['https://t.example/', 'ftp://t.example/{trackingNumber}', '/track/{trackingNumber}'])
      expect(fieldOf(() => normaliseTrackingUrlTemplate(t))).toBe('trackingUrlTemplate');
  });
});
