import { query } from '../../../platform/db/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { Currency } from '../../pricing/contract.ts';
import { variantView, variantsJson, type VariantRow } from '../entities/store-rows.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface StoreProductRow {
  id: string;
  handle: string;
  title: string;
  subtitle: string | null;
  description: string | null;
  thumbnail: string | null;
  in_stock: boolean;
  rating_average: number;
  rating_count: number;
  variants: VariantRow[];
  images: { url: string; alt: string }[];
  options: { name: string; values: string[] }[];
  categories: { id: string; name: string; handle: string }[];
  collections: { id: string; title: string; handle: string }[];
}

/** A published product by id or handle, in one statement whatever its variant count. */
export async function getProduct(em: EntityManager, idOrHandle: string, currency: Currency) {
  const byId = uuid.test(idOrHandle);
  const [r] = await query<StoreProductRow>(
    em,
    `select p.id, p.handle, p.title, p.subtitle, p.description, p.thumbnail, p.in_stock, p.rating_average, p.rating_count,
       -- the listing row holds the variants as shown; a product with no price in the currency has none
       coalesce((select lp.variants from product.listing_prices lp where lp.product_id = p.id and lp.currency = $1),
                ${variantsJson('p.id', '$1')}) as variants,
       coalesce((select json_agg(json_build_object('url', i.url, 'alt', i.alt) order by i.position) from product.images i where i.product_id = p.id), '[]') as images,
       coalesce((select json_agg(json_build_object('name', o.name, 'values', o."values") order by o.position) from product.product_options o where o.product_id = p.id), '[]') as options,
       coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'handle', c.handle) order by c.path)
                 from product.product_categories pc join product.categories c on c.id = pc.category_id where pc.product_id = p.id), '[]') as categories,
       coalesce((select json_agg(json_build_object('id', c.id, 'title', c.title, 'handle', c.handle) order by c.title)
                 from product.product_collections pc join product.collections c on c.id = pc.collection_id where pc.product_id = p.id), '[]') as collections
     from product.products p where ${byId ? 'p.id = $2' : 'p.handle = $2'} and p.status = 'published'`,
    [currency, idOrHandle],
  );
  if (!r) throw new NotFound('Product');
  return {
    id: r.id,
    handle: r.handle,
    title: r.title,
    subtitle: r.subtitle ?? null,
    description: r.description ?? null,
    thumbnail: r.thumbnail ?? null,
    categories: r.categories,
    collections: r.collections,
    images: r.images,
    options: r.options,
    inStock: r.in_stock,
    rating: { average: Number(r.rating_average), count: Number(r.rating_count) },
    variants: r.variants.map((v) => variantView(v, currency)),
  };
}
