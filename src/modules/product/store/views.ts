import type { Currency } from '../../pricing/contract.ts';

/** A SQL expression: the product's variants with their price in the currency and stock, as JSON. */
export const variantsJson = (productIdExpr: string, currencyParam: string) => `coalesce((
  select json_agg(json_build_object(
    'id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options,
    'amount', vp.amount, 'originalAmount', vp.original_amount, 'taxInclusive', vp.tax_inclusive,
    'inStock', coalesce(vs.in_stock, false)) order by v.position, v.id)
  from product.variants v
  left join product.variant_prices vp on vp.variant_id = v.id and vp.currency = ${currencyParam}
  left join product.variant_stock vs on vs.variant_id = v.id
  where v.product_id = ${productIdExpr}), '[]')`;

interface VariantRow {
  id: string;
  sku: string;
  title: string;
  options: Record<string, string>;
  amount: number | null;
  originalAmount: number | null;
  taxInclusive: boolean | null;
  inStock: boolean;
}

export const variantView = (v: VariantRow, currency: Currency) => ({
  id: v.id,
  sku: v.sku,
  title: v.title,
  options: v.options,
  price:
    v.amount === null || v.amount === undefined
      ? null
      : {
          currency,
          amount: Number(v.amount),
          originalAmount: Number(v.originalAmount ?? v.amount),
          taxInclusive: v.taxInclusive ?? true,
        },
  inStock: v.inStock,
});

export const summaryView = (r: any, currency: Currency) => ({
  id: r.id,
  handle: r.handle,
  title: r.title,
  subtitle: r.subtitle ?? null,
  thumbnail: r.thumbnail ?? null,
  categoryIds: r.category_ids,
  inStock: r.in_stock,
  priceRange: { currency, min: Number(r.min_amount), max: Number(r.max_amount) },
  variants: (r.variants as VariantRow[]).map((v) => variantView(v, currency)),
});
