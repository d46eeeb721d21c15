import { query, type EntityManager } from '../../../platform/db/index.ts';

/** A product with its options and variants, as imports compare and exports write them. */
export interface CatalogRow {
  id: string;
  handle: string;
  title: string;
  subtitle: string | null;
  description: string | null;
  status: 'draft' | 'published';
  options: { name: string; values: string[] }[];
  variants: { id: string; sku: string; title: string; options: Record<string, string>; weightGrams: number | null }[];
}

const SELECT = `select p.id, p.handle, p.title, p.subtitle, p.description, p.status,
    coalesce((select json_agg(json_build_object('name', o.name, 'values', o.values) order by o.position, o.id)
              from product.product_options o where o.product_id = p.id), '[]') as options,
    coalesce((select json_agg(json_build_object('id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options,
              'weightGrams', v.weight_grams) order by v.position, v.id)
              from product.variants v where v.product_id = p.id), '[]') as variants
  from product.products p`;

/** The products with these handles. */
export const catalogRowsByHandle = (em: EntityManager, handles: string[]) =>
  query<CatalogRow>(em, `${SELECT} where p.handle = any($1)`, [handles]);

/** A page of products by handle, after `after` (keyset). */
export const catalogRowsAfter = (em: EntityManager, after: string | null, limit: number) =>
  query<CatalogRow>(em, `${SELECT} where ($1::text is null or p.handle > $1) order by p.handle limit $2`, [
    after,
    limit,
  ]);

/** Which product (handle) holds each of these SKUs. */
export async function skuOwners(em: EntityManager, skus: string[]): Promise<Map<string, string>> {
  const rows = await query<{ sku: string; handle: string }>(
    em,
    'select v.sku, p.handle from product.variants v join product.products p on p.id = v.product_id where v.sku = any($1)',
    [skus],
  );
  return new Map(rows.map((r) => [r.sku, r.handle]));
}

/** The most options any product has (the width of an export). */
export async function widestOptions(em: EntityManager): Promise<number> {
  const [row] = await query<{ n: number }>(
    em,
    'select coalesce(max(c), 0)::int as n from (select count(*) as c from product.product_options group by product_id) x',
  );
  return row.n;
}
