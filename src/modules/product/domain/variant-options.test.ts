import { describe, expect, it } from 'vitest';
import { checkVariantOptions, duplicateSku, variantTitle } from './variant-options.ts';

const size = { name: 'Size', values: ['S', 'M'] };

describe('variant options', () => {
  it('accepts variants that each name an allowed value for every option', () => {
    expect(() =>
      checkVariantOptions(
        [size],
        [
          { sku: 'a', options: { Size: 'S' } },
          { sku: 'b', options: { Size: 'M' } },
        ],
      ),
    ).not.toThrow();
  });

  it('refuses unknown options, values outside the list, missing values and repeated combinations', () => {
    expect(() => checkVariantOptions([size], [{ sku: 'a', options: { Colour: 'red' } }])).toThrow(/unknown option/);
    expect(() => checkVariantOptions([size], [{ sku: 'a', options: { Size: 'XL' } }])).toThrow(/not a value/);
    expect(() => checkVariantOptions([size], [{ sku: 'a' }])).toThrow(/needs a value/);
    expect(() => checkVariantOptions([size, size], [])).toThrow(/listed twice/);
    expect(() =>
      checkVariantOptions([size], [{ sku: 'b', options: { Size: 'S' } }], [{ sku: 'a', options: { Size: 'S' } }]),
    ).toThrow(/already has these options/);
  });

  it('names an untitled variant by its option values, else after the product', () => {
    expect(variantTitle({ sku: 'a', options: { Size: 'S', Colour: 'red' } }, 'Shirt')).toBe('S / red');
    expect(variantTitle({ sku: 'a' }, 'Shirt')).toBe('Shirt');
    expect(variantTitle({ sku: 'a', title: 'Own' }, 'Shirt')).toBe('Own');
  });

  it('finds a SKU given twice in one request', () => {
    expect(duplicateSku(['a', 'b', 'a'])).toBe('a');
    expect(duplicateSku(['a', 'b'])).toBeUndefined();
  });
});
