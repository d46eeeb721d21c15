import { query } from '../../../platform/db/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';

interface AdminListRow {
  id: string;
  handle: string;
  title: string;
  status: string;
  variant_count: number;
}

export interface AdminListFilter {
  q?: string;
  status?: 'draft' | 'published';
  categoryId?: string;
  collectionId?: string;
  limit: number;
  cursor?: string;
}

/** Staff's product list, drafts included, newest first: by title words or an exact SKU, a category or a collection, paged by id. */
export async function listAdminProducts(
  em: EntityManager,
  { q, status, categoryId, collectionId, limit, cursor }: AdminListFilter,
) {
  const likeText = q?.replace(/[\\%_]/g, (c) => '\\' + c) ?? null;
  const rows = await query<AdminListRow>(
    em,
    `select p.id, p.handle, p.title, p.status, (select count(*)::int from product.variants v where v.product_id = p.id) as variant_count
     from product.products p
     where ($1::text is null or p.status = $2) and ($3::uuid is null or p.id < $4)
       and ($5::text is null or p.title ilike '%' || $6 || '%' or exists (select 1 from product.variants v where v.product_id = p.id and v.sku = $7))
       and ($8::uuid is null or exists (select 1 from product.product_categories pc where pc.product_id = p.id and pc.category_id = $9))
       and ($10::uuid is null or exists (select 1 from product.product_collections pl where pl.product_id = p.id and pl.collection_id = $11))
     order by p.id desc limit $12`,
    [
      status ?? null,
      status ?? null,
      cursor ?? null,
      cursor ?? null,
      q ?? null,
      likeText,
      q ?? null,
      categoryId ?? null,
      categoryId ?? null,
      collectionId ?? null,
      collectionId ?? null,
      limit + 1,
    ],
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      handle: r.handle,
      title: r.title,
      status: r.status,
      variantCount: r.variant_count,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}
