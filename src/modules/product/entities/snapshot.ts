import { query } from '../../../platform/db/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { ProductSnapshot } from '../contract.ts';

interface SnapshotRow {
  id: string;
  version: number;
  handle: string;
  title: string;
  status: ProductSnapshot['status'];
  thumbnail: string | null;
  category_ids: string[];
  collection_ids: string[];
  variants: ProductSnapshot['variants'];
}

/** The product as its events carry it, read inside the writing transaction. */
export async function loadSnapshot(em: EntityManager, productId: string): Promise<ProductSnapshot> {
  const [row] = await query<SnapshotRow>(
    em,
    `select p.id, p.version, p.handle, p.title, p.status, p.thumbnail,
       coalesce((select array_agg(category_id order by category_id) from product.product_categories where product_id = p.id), '{}') as category_ids,
       coalesce((select array_agg(collection_id order by collection_id) from product.product_collections where product_id = p.id), '{}') as collection_ids,
       coalesce((select json_agg(json_build_object('variantId', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options, 'weightGrams', v.weight_grams) order by v.position, v.id)
                 from product.variants v where v.product_id = p.id), '[]') as variants
     from product.products p where p.id = $1`,
    [productId],
  );
  return {
    productId: row.id,
    version: row.version,
    handle: row.handle,
    title: row.title,
    status: row.status,
    categoryIds: row.category_ids,
    collectionIds: row.collection_ids,
    thumbnail: row.thumbnail ?? null,
    variants: row.variants,
  };
}
