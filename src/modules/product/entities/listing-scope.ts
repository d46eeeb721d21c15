import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { ListingScope } from '../domain/cache-tags.ts';

/**
 * The categories (with their ancestors: a category's listing holds its subcategories' products)
 * and collections these products are in, each by id and by handle, since a listing may name either
 * (domain/cache-tags.ts). Read in the writing transaction, before and after a change of links.
 */
export async function listingScopeOf(em: EntityManager, productIds: string[]): Promise<ListingScope> {
  if (productIds.length === 0) return { categories: [], collections: [] };
  const rows = await query<{ kind: 'category' | 'collection'; id: string; handle: string }>(
    em,
    `select 'category' as kind, a.id, a.handle from product.product_categories pc
       join product.categories c on c.id = pc.category_id
       join product.categories a on c.path like a.path || '%'
      where pc.product_id = any($1)
     union
     select 'collection', cl.id, cl.handle from product.product_collections pcl
       join product.collections cl on cl.id = pcl.collection_id
      where pcl.product_id = any($1)`,
    [productIds],
  );
  const of = (kind: string) => rows.filter((r) => r.kind === kind).flatMap((r) => [r.id, r.handle]);
  return { categories: of('category'), collections: of('collection') };
}

export const mergeScopes = (a: ListingScope, b: ListingScope): ListingScope => ({
  categories: [...new Set([...a.categories, ...b.categories])],
  collections: [...new Set([...a.collections, ...b.collections])],
});
