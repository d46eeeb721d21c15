import type { Currency } from '../../pricing/contract.ts';

/**
 * A SQL expression: the product's variants with their price in the currency and stock, as JSON.
 * Stored per listing row (listing_prices.variants) by the read models and projections; reads take it from there.
 */
export const variantsJson = (productIdExpr: string, currencyParam: string) => `coalesce((
  select jsonb_agg(jsonb_build_object(
    'id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options,
    'amount', vp.amount, 'originalAmount', vp.original_amount, 'taxInclusive', vp.tax_inclusive,
    'inStock', coalesce(vs.in_stock, false)) order by v.position, v.id)
  from product.variants v
  left join product.variant_prices vp on vp.variant_id = v.id and vp.currency = ${currencyParam}
  left join product.variant_stock vs on vs.variant_id = v.id
  where v.product_id = ${productIdExpr}), '[]'::jsonb)`;

/** The columns a listing row selects from a product `p` and its listing row `lp`: no subquery, all kept denormalised. */
export const summaryColumns = `p.id, p.handle, p.title, p.subtitle, p.thumbnail, p.in_stock, p.rating_average, p.rating_count,
  p.category_ids, lp.min_amount, lp.max_amount, lp.variants`;

export interface VariantRow {
  id: string;
  sku: string;
  title: string;
  options: Record<string, string>;
  amount: number | string | null;
  originalAmount: number | string | null;
  taxInclusive: boolean | null;
  inStock: boolean;
}

export interface SummaryRow {
  id: string;
  handle: string;
  title: string;
  subtitle: string | null;
  thumbnail: string | null;
  in_stock: boolean;
  rating_average: number;
  rating_count: number;
  /** bigint columns arrive as strings */
  min_amount: string | number;
  max_amount: string | number;
  category_ids: string[];
  variants: VariantRow[];
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

export const summaryView = (r: SummaryRow, currency: Currency) => ({
  id: r.id,
  handle: r.handle,
  title: r.title,
  subtitle: r.subtitle ?? null,
  thumbnail: r.thumbnail ?? null,
  categoryIds: r.category_ids,
  inStock: r.in_stock,
  priceRange: { currency, min: Number(r.min_amount), max: Number(r.max_amount) },
  rating: { average: Number(r.rating_average), count: Number(r.rating_count) },
  variants: r.variants.map((v) => variantView(v, currency)),
});
