import type { EntityManager } from '../../../platform/db/index.ts';
import type { Currency } from '../../pricing/contract.ts';
import type { SearchIndex } from '../adapters/search/port.ts';
import type { ListingQuery } from '../entities/listing-filters.ts';
import { countFacets } from './count-facets.ts';
import { listProducts } from './list-products.ts';
import { searchWithEngine } from './search-with-engine.ts';

/**
 * The store listing: a text search goes to the external engine when there is one; otherwise the
 * catalog lists, filters and searches by itself, with facet counts when searching or asked.
 */
export async function browseProducts(em: EntityManager, search: SearchIndex, q: ListingQuery, currency: Currency) {
  if (q.q && search.kind !== 'postgres') return searchWithEngine(em, search, { ...q, q: q.q }, currency);
  const page = await listProducts(em, q, currency);
  return q.q || q.facets ? { ...page, facets: await countFacets(em, q, currency) } : page;
}
