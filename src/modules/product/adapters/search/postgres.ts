import type { EntityManager } from '../../../../platform/db/index.ts';
import { query } from '../../../../platform/db/index.ts';
import { anyOf, productDb } from '../../entities/db.ts';
import { forEachProductIdPage } from '../../entities/product-id-pages.ts';
import { postingsOf, refreshReadModels } from '../../entities/read-models.ts';
import { dropKeptFacets } from '../../entities/term-facets.ts';
import type { SearchIndex } from './port.ts';

const BATCH = 500;

/**
 * Postgres full-text search (tsvector) with pg_trgm for typos. The "index" is the products'
 * `search` column and the listing projections, written in the same transaction as the catalog,
 * so there is nothing to sync; drift can only come from outside (manual SQL, a restore), and
 * reconcile repairs it.
 */
export class PostgresSearch implements SearchIndex {
  readonly kind = 'postgres' as const;

  async search() {
    return null;
  }

  async sync() {}

  async configure() {}

  async rebuild(em: EntityManager) {
    let indexed = 0;
    await forEachProductIdPage(em, BATCH, async (ids) => {
      await em.transactional((tx) => refreshReadModels(tx, ids));
      indexed += ids.length;
    });
    await dropKeptFacets(em);
    return { indexed };
  }

  async reconcile(em: EntityManager) {
    const drifted = (
      await query<{ id: string }>(
        em,
        `
      with computed as (
        select v.product_id, vp.currency, min(vp.amount) as mn, max(vp.amount) as mx
        from product.variants v join product.variant_prices vp on vp.variant_id = v.id
        where vp.amount is not null group by v.product_id, vp.currency)
      select p.id from product.products p where p.search is null or p.indexed_version <> p.version
        or p.in_stock <> exists(select 1 from product.variants v join product.variant_stock s on s.variant_id = v.id where v.product_id = p.id and s.in_stock)
        or p.min_prices <> coalesce((select jsonb_object_agg(lp.currency, lp.min_amount) from product.listing_prices lp where lp.product_id = p.id), '{}')
      union
      select coalesce(e.product_id, sp.product_id) from (${postingsOf('true')}) e
        full join product.search_postings sp on sp.product_id = e.product_id and sp.term = e.term
        where (e.score, e.in_stock, e.category_ids, e.min_prices) is distinct from
          (sp.score, sp.in_stock, sp.category_ids, sp.min_prices)
      union
      select coalesce(c.product_id, lp.product_id) from computed c
        full join product.listing_prices lp on lp.product_id = c.product_id and lp.currency = c.currency
        where c.mn is distinct from lp.min_amount or c.mx is distinct from lp.max_amount`,
      )
    ).map((r) => r.id);
    for (let i = 0; i < drifted.length; i += BATCH) {
      const ids = drifted.slice(i, i + BATCH);
      await em.transactional(async (tx) => {
        // listing prices of a product that no longer exists are simply dropped (its postings go
        // with refreshReadModels, which brings them to the products by id)
        await productDb(tx)
          .deleteFrom('listing_prices as lp')
          .where('lp.product_id', '=', anyOf(ids))
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('products as p').select('p.id').whereRef('p.id', '=', 'lp.product_id'))),
          )
          .execute();
        await refreshReadModels(tx, ids);
      });
    }
    if (drifted.length) await dropKeptFacets(em);
    return { repaired: drifted.length };
  }
}
