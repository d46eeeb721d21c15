import type { EntityManager } from '../../../../platform/db/index.ts';
import { query } from '../../../../platform/db/index.ts';

/** A published product as an external search engine stores it (prices per currency as fields). */
export interface SearchDocument {
  id: string;
  version: number;
  title: string;
  subtitle: string | null;
  description: string | null;
  skus: string[];
  categoryIds: string[];
  categoryNames: string[];
  collectionIds: string[];
  inStock: boolean;
  ratingAverage: number;
  ratingCount: number;
  createdAt: number;
  /** Everything a listing shows that can change without a new product version (prices, stock, rating). */
  stamp: string;
  [price: `price_${string}`]: number;
}

interface DocumentRow {
  id: string;
  version: number;
  title: string;
  subtitle: string | null;
  description: string | null;
  in_stock: boolean;
  rating_average: number;
  rating_count: number;
  created_at: Date;
  skus: string[];
  category_ids: string[];
  category_names: string[];
  collection_ids: string[];
  /** min_amount per currency */
  prices: Record<string, number>;
}

/** The documents of these products that are published and priced; the rest must leave the index. */
export async function loadDocuments(em: EntityManager, productIds: string[]): Promise<SearchDocument[]> {
  const rows = await query<DocumentRow>(
    em,
    `
    select p.id, p.version, p.title, p.subtitle, left(p.description, 2000) as description, p.in_stock, p.rating_average, p.rating_count, p.created_at,
      coalesce((select array_agg(v.sku) from product.variants v where v.product_id = p.id), '{}') as skus,
      coalesce((select array_agg(c.id) from product.product_categories pc join product.categories c on c.id = pc.category_id where pc.product_id = p.id), '{}') as category_ids,
      coalesce((select array_agg(a.name) from product.product_categories pc join product.categories c on c.id = pc.category_id
        join product.categories a on c.path like a.path || '%' where pc.product_id = p.id), '{}') as category_names,
      coalesce((select array_agg(collection_id) from product.product_collections where product_id = p.id), '{}') as collection_ids,
      coalesce((select json_object_agg(currency, min_amount) from product.listing_prices where product_id = p.id), '{}') as prices
    from product.products p
    where p.id = any($1) and p.status = 'published' and exists (select 1 from product.listing_prices lp where lp.product_id = p.id)`,
    [productIds],
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    title: r.title,
    subtitle: r.subtitle,
    description: r.description,
    skus: r.skus,
    categoryIds: r.category_ids,
    categoryNames: r.category_names,
    collectionIds: r.collection_ids,
    inStock: r.in_stock,
    ratingAverage: Number(r.rating_average),
    ratingCount: Number(r.rating_count),
    createdAt: new Date(r.created_at).getTime(),
    stamp: `${r.version}:${r.in_stock}:${r.rating_count}:${r.rating_average}:${JSON.stringify(r.prices)}`,
    ...Object.fromEntries(Object.entries(r.prices).map(([c, a]) => [`price_${c}`, Number(a)])),
  }));
}
