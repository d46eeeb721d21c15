import type { Static } from 'typebox';
import { query } from '../../../platform/db/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import { planQuery, tsqueryText, type QueryPlan } from '../domain/query-plan.ts';
import type { ListQuery } from '../routes/schemas.ts';

/** The store's listing query; `plan` is `q` read against the search vocabulary (see browseProducts). */
export type ListingQuery = Static<typeof ListQuery> & { plan?: QueryPlan };

const noVocabulary = { terms: new Map(), synonyms: new Map(), stopWords: new Set<string>() };

/** SQL assembled from fragments written with `?`; `text` numbers them `$1..$n` in order, matching `params`. */
export class Sql {
  parts: string[] = [];
  params: unknown[] = [];
  add(fragment: string, ...params: unknown[]) {
    this.parts.push(fragment);
    this.params.push(...params);
    return this;
  }
  append(other: Sql) {
    this.parts.push(...other.parts);
    this.params.push(...other.params);
    return this;
  }
  get text() {
    let n = 0;
    return this.parts.join(' ').replace(/\?/g, () => `$${++n}`);
  }
}

/** The path of a category named by id or handle; an unknown one is the shopper's mistake (400). */
export async function categoryPathOf(em: EntityManager, idOrHandle: string): Promise<string> {
  const [cat] = await query<{ path: string }>(
    em,
    'select path from product.categories where id::text = $1 or handle = $1',
    [idOrHandle],
  );
  if (!cat)
    throw new BadRequest(`unknown category ${idOrHandle}`, {
      errors: [{ field: 'category', message: 'unknown category' }],
    });
  return cat.path;
}

/** The ids of a category named by id or handle and of every category under it; an unknown one is a 400. */
async function categorySubtree(em: EntityManager, idOrHandle: string): Promise<string[]> {
  const [row] = await query<{ ids: string[] | null }>(
    em,
    `select array_agg(d.id) as ids from product.categories c join product.categories d on d.path like c.path || '%'
     where c.id::text = $1 or c.handle = $1`,
    [idOrHandle],
  );
  if (!row?.ids)
    throw new BadRequest(`unknown category ${idOrHandle}`, {
      errors: [{ field: 'category', message: 'unknown category' }],
    });
  return row.ids;
}

/**
 * The WHERE clause every listing, search and facet count shares (`p` products, `lp` listing prices);
 * `postings` filters a search's matches read from its postings (entities/posting-page.ts): no
 * status, no text match, only what the postings carry (no collection, no rating).
 */
export async function listingFilters(
  em: EntityManager,
  q: ListingQuery,
  opts: { postings?: boolean } = {},
): Promise<Sql> {
  // the postings hold published products only, and are the text match
  const w = new Sql().add(opts.postings ? 'true' : `p.status = 'published'`);
  if (q.category) {
    // The product's own category ids (kept with the read models) against the subtree's: no join per row.
    w.add('and p.category_ids && ?::uuid[]', await categorySubtree(em, q.category));
  }
  if (q.collection) {
    w.add(
      `and exists (select 1 from product.product_collections pcl join product.collections cl on cl.id = pcl.collection_id
                       where pcl.product_id = p.id and (cl.id::text = ? or cl.handle = ?))`,
      q.collection,
      q.collection,
    );
  }
  if (q.minPrice !== undefined) w.add('and lp.min_amount >= ?', q.minPrice);
  if (q.maxPrice !== undefined) w.add('and lp.min_amount <= ?', q.maxPrice);
  if (q.inStock !== undefined) w.add('and p.in_stock = ?', q.inStock);
  if (q.minRating !== undefined) w.add('and p.rating_average >= ?', q.minRating);
  if (q.q && !opts.postings) w.add('and p.search @@').append(searchQuery(q));
  return w;
}

/** The plan of a search (exact words only when none was made) as a Postgres tsquery expression. */
export function searchQuery(q: ListingQuery): Sql {
  const plan = q.plan ?? planQuery(q.q ?? '', noVocabulary);
  const text = tsqueryText(plan.groups);
  const sql = new Sql().add('(');
  if (text) sql.add('?::tsquery', text);
  // SKUs and dashed words go through the parser, which splits them as it did when indexing.
  if (plan.raw.length) sql.add(`${text ? '&&' : ''} websearch_to_tsquery('simple', ?)`, plan.raw.join(' '));
  if (!text && !plan.raw.length) sql.add(`''::tsquery`);
  return sql.add(')');
}
