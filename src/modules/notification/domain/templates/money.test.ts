import { describe, expect, it } from 'vitest';
import { formatMoney, minorUnitExponent } from './money.ts';

describe('formatMoney', () => {
  it('shows EUR with two decimals from cents', () => {
    expect(formatMoney(1999, 'EUR')).toBe('€19.99');
    expect(formatMoney(123456789, 'EUR')).toBe('€1,234,567.89');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
    expect(formatMoney(100, 'USD')).toBe('$1.00');
    expect(formatMoney(250, 'GBP')).toBe('£2.50');
  });

  it('shows JPY without decimals: its minor unit is the yen', () => {
    expect(minorUnitExponent('JPY')).toBe(0);
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(0, 'JPY')).toBe('¥0');
  });

  it('signs negative amounts (discounts) and keeps exact digits for large amounts', () => {
    expect(formatMoney(-500, 'EUR')).toBe('-€5.00');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('€90,071,992,547,409.91');
  });

  it("takes the exponent of currencies outside Tessera's table from ISO 4217", () => {
    expect(minorUnitExponent('KWD')).toBe(3);
    expect(formatMoney(1234, 'KWD')).toBe('KWD\u00a01.234');
  });

  it('refuses fractional minor units', () => {
    expect(() => formatMoney(19.99, 'EUR')).toThrow(RangeError);
  });

  it('formats for another locale', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
  });
});
