import type { EntityManager } from '../../../platform/db/index.ts';
import type { Currency } from '../../pricing/contract.ts';
import type { SearchIndex } from '../adapters/search/port.ts';
import type { SearchVocabulary } from '../adapters/search/vocabulary.ts';
import { planQuery, suggestQuery } from '../domain/query-plan.ts';
import type { ListingQuery } from '../entities/listing-filters.ts';
import { listProducts } from './list-products.ts';
import { searchWithEngine } from './search-with-engine.ts';

/**
 * The store listing: a text search goes to the external engine when there is one; otherwise the
 * catalog lists, filters and searches by itself (the query rewritten against the vocabulary for
 * typos, prefixes and synonyms), with facet counts when searching (unless `facets=false`: a
 * search-as-you-type box wants the first few products fast) or asked. A search that finds
 * nothing offers the nearest query that finds something ("did you mean").
 */
export async function browseProducts(
  em: EntityManager,
  search: SearchIndex,
  vocabulary: SearchVocabulary,
  q: ListingQuery,
  currency: Currency,
) {
  const result = await browse(em, search, vocabulary, q, currency);
  if (!q.q || q.cursor || result.items.length > 0) return result;
  const suggestion = suggestQuery(q.q, await vocabulary.get());
  if (!suggestion) return result;
  const found = await browse(em, search, vocabulary, { ...q, q: suggestion, limit: 1 }, currency, false);
  return found.items.length ? { ...result, didYouMean: suggestion } : result;
}

async function browse(
  em: EntityManager,
  search: SearchIndex,
  vocabulary: SearchVocabulary,
  q: ListingQuery,
  currency: Currency,
  withFacets = true,
) {
  if (q.q && search.kind !== 'postgres') return searchWithEngine(em, search, { ...q, q: q.q }, currency);
  const planned = q.q ? { ...q, plan: planQuery(q.q, await vocabulary.get()) } : q;
  return listProducts(em, planned, currency, withFacets && (q.facets ?? !!q.q));
}
