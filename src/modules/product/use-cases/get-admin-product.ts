import { query } from '../../../platform/db/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';

interface AdminProductRow {
  id: string;
  handle: string;
  title: string;
  subtitle: string | null;
  description: string | null;
  status: 'draft' | 'published';
  thumbnail: string | null;
  version: number;
  category_ids: string[];
  collection_ids: string[];
  images: { url: string; alt: string }[];
  options: { name: string; values: string[] }[];
  variants: {
    id: string;
    sku: string;
    title: string;
    options: Record<string, string>;
    weightGrams: number | null;
  }[];
  created_at: Date;
  updated_at: Date;
}

/** The staff view of a product: everything, drafts included, with its variants and links. */
export async function getAdminProduct(em: EntityManager, id: string) {
  const [r] = await query<AdminProductRow>(
    em,
    `select p.id, p.handle, p.title, p.subtitle, p.description, p.status, p.thumbnail, p.version, p.created_at, p.updated_at,
       coalesce((select json_agg(json_build_object('id', v.id, 'sku', v.sku, 'title', v.title, 'options', v.options, 'weightGrams', v.weight_grams) order by v.position, v.id)
                 from product.variants v where v.product_id = p.id), '[]') as variants,
       coalesce((select json_agg(json_build_object('name', o.name, 'values', o."values") order by o.position) from product.product_options o where o.product_id = p.id), '[]') as options,
       coalesce((select json_agg(json_build_object('url', i.url, 'alt', i.alt) order by i.position) from product.images i where i.product_id = p.id), '[]') as images,
       coalesce((select array_agg(category_id) from product.product_categories where product_id = p.id), '{}') as category_ids,
       coalesce((select array_agg(collection_id) from product.product_collections where product_id = p.id), '{}') as collection_ids
     from product.products p where p.id = $1`,
    [id],
  );
  if (!r) throw new NotFound('Product');
  return {
    id: r.id,
    handle: r.handle,
    title: r.title,
    subtitle: r.subtitle,
    description: r.description,
    status: r.status,
    thumbnail: r.thumbnail,
    version: r.version,
    categoryIds: r.category_ids,
    collectionIds: r.collection_ids,
    images: r.images,
    options: r.options,
    variants: r.variants,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
