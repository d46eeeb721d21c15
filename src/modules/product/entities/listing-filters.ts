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
 * How a search is matched, decided here alone (searchPath) and followed by the use-case and the
 * filters: `documents`, the products' search documents (entities/relevance-page.ts), any query and
 * filter; `postings`, the postings alone (entities/posting-page.ts), for a single word group only
 * (several words intersect cheaper in the documents' index, with or without facets: docs/adr/0142,
 * 0149; SKUs and dashed words go through the text-search parser, which splits them) filtered only
 * by what each posting carries (categories, prices, stock);
 * `kept`, the postings with an unfiltered single word group's counts read from those kept per term
 * (docs/adr/0130).
 */
export type SearchPath = 'documents' | 'postings' | 'kept';

/** The listing query's filters: every key but these (a new key is a compile error until placed). */
type Filter = Exclude<keyof ListingQuery, 'q' | 'plan' | 'sort' | 'currency' | 'limit' | 'cursor' | 'facets'>;

/** Whether each filter set can be applied on a posting (it carries the product's categories, prices and stock). */
const onPostings = {
  category: true,
  collection: false,
  minPrice: true,
  maxPrice: true,
  inStock: true,
  minRating: false,
} as const satisfies Record<Filter, boolean>;

const setFilters = (q: ListingQuery) =>
  (Object.keys(onPostings) as (keyof typeof onPostings)[]).filter((f) => q[f] !== undefined && q[f] !== '');

/** The path a search (`q.plan` set) takes; see SearchPath. */
export function searchPath(q: ListingQuery, withFacets: boolean): SearchPath {
  const filters = setFilters(q);
  if (q.plan?.groups.length !== 1 || q.plan.raw.length > 0 || filters.some((f) => !onPostings[f])) return 'documents';
  if (!withFacets) return 'postings';
  return filters.length === 0 ? 'kept' : 'postings';
}

/**
 * The WHERE clause every listing, search and facet count shares (`p` products, `lp` listing prices);
 * on the postings paths (searchPath) it filters a search's matches read from its postings: no
 * status (they hold published products only), no text match (they are it), and only the filters
 * they carry.
 */
export async function listingFilters(em: EntityManager, q: ListingQuery, path: SearchPath = 'documents'): Promise<Sql> {
  const postings = path !== 'documents';
  if (postings && setFilters(q).some((f) => !onPostings[f])) throw new Error(`filters not on the postings: ${path}`);
  const w = new Sql().add(postings ? 'true' : `p.status = 'published'`);
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
  if (q.q && !postings) w.add('and p.search @@').append(searchQuery(q, { match: true }));
  return w;
}

/**
 * The plan of a search (exact words only when none was made) as a Postgres tsquery expression;
 * `match`: to match only (tsqueryText), as the filters do, not to rank.
 */
export function searchQuery(q: ListingQuery, opts: { match?: boolean } = {}): Sql {
  const plan = q.plan ?? planQuery(q.q ?? '', noVocabulary);
  const text = tsqueryText(plan.groups, opts);
  const sql = new Sql().add('(');
  if (text) sql.add('?::tsquery', text);
  // SKUs and dashed words go through the parser, which splits them as it did when indexing.
  if (plan.raw.length) sql.add(`${text ? '&&' : ''} websearch_to_tsquery('simple', ?)`, plan.raw.join(' '));
  if (!text && !plan.raw.length) sql.add(`''::tsquery`);
  return sql.add(')');
}
