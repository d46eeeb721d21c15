import { query } from '../../../platform/db/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';

/**
 * Rebuilds what listings read for these products: the full-text document, the cheapest and
 * dearest variant price per currency, and whether any variant is in stock. Runs in the
 * transaction that changed the catalog or a projection, so a listing never sees half a change.
 */
export async function refreshReadModels(
  em: EntityManager,
  productIds: string[],
  parts: { search?: boolean } = {},
): Promise<void> {
  if (productIds.length === 0) return;
  // Lock the products first, in id order, as every catalog write does: projections and admin
  // edits of one product then queue up instead of deadlocking on listing_prices.
  await query(em, 'select 1 from product.products where id = any($1) order by id for update', [productIds]);
  if (parts.search !== false) {
    await query(
      em,
      `update product.products p set search =
         setweight(to_tsvector('simple', p.title), 'A') ||
         setweight(to_tsvector('simple', coalesce(p.subtitle, '')), 'B') ||
         setweight(to_tsvector('simple', coalesce((select string_agg(c.name, ' ') from product.product_categories pc
             join product.categories c on c.id = pc.category_id where pc.product_id = p.id), '')), 'B') ||
         setweight(to_tsvector('simple', coalesce((select string_agg(v.sku || ' ' || v.title, ' ') from product.variants v where v.product_id = p.id), '')), 'C') ||
         setweight(to_tsvector('simple', coalesce(left(p.description, 5000), '')), 'D'),
         indexed_version = p.version
       where p.id = any($1)`,
      [productIds],
    );
  }
  await query(em, 'delete from product.listing_prices where product_id = any($1)', [productIds]);
  await query(
    em,
    `insert into product.listing_prices (product_id, currency, min_amount, max_amount)
     select v.product_id, vp.currency, min(vp.amount), max(vp.amount)
     from product.variants v join product.variant_prices vp on vp.variant_id = v.id
     where v.product_id = any($1) and vp.amount is not null
     group by v.product_id, vp.currency`,
    [productIds],
  );
  await query(
    em,
    `update product.products p set in_stock = exists(
       select 1 from product.variants v join product.variant_stock s on s.variant_id = v.id where v.product_id = p.id and s.in_stock)
     where p.id = any($1)`,
    [productIds],
  );
}
