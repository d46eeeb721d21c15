import { Meilisearch, type Index } from 'meilisearch';
import type { EntityManager } from '../../../../platform/db/index.ts';
import { forEachProductIdPage } from '../../entities/product-id-pages.ts';
import { priceBucketEdges, priceBuckets } from '../../domain/price-buckets.ts';
import { CURRENCIES } from '../../../pricing/contract.ts';
import { readSearchSettings, type SearchSettings } from '../../entities/search-settings.ts';
import { loadDocuments, type SearchDocument } from './documents.ts';
import type { SearchHits, SearchIndex, SearchRequest } from './port.ts';

const BATCH = 1000;
const priceFields = Object.keys(CURRENCIES).map((c) => `price_${c}`);

/**
 * Meilisearch (MEILI_URL): typo tolerance and ranking by the engine; the catalog stays the
 * source of truth. Documents are upserted after each committed change (sync) and compared with
 * the catalog by version on reconcile.
 */
export class MeiliSearch implements SearchIndex {
  readonly kind = 'meilisearch' as const;
  #index: Index<SearchDocument>;
  #client: Meilisearch;
  #ready: Promise<unknown>;

  constructor(host: string, apiKey: string | undefined, uid = 'products') {
    this.#client = new Meilisearch({ host, apiKey });
    this.#index = this.#client.index<SearchDocument>(uid);
    this.#ready = this.#client
      .createIndex(uid, { primaryKey: 'id' })
      .waitTask()
      .catch(() => undefined)
      .then(() =>
        this.#index
          .updateSettings({
            searchableAttributes: ['title', 'subtitle', 'skus', 'categoryNames', 'description'],
            filterableAttributes: ['categoryIds', 'collectionIds', 'inStock', 'ratingAverage', ...priceFields],
            sortableAttributes: ['createdAt', 'title', 'ratingAverage', ...priceFields],
            // The Postgres planner's rules (domain/edit-distance.ts typosAllowed): one typo from
            // 3 letters, two from 8; a swap of neighbours is one typo in both.
            typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 3, twoTypos: 8 } },
          })
          .waitTask(),
      );
  }

  async search(req: SearchRequest): Promise<SearchHits> {
    await this.#ready;
    const price = `price_${req.currency}`;
    const filter = [`${price} EXISTS`];
    if (req.categoryIds) filter.push(`categoryIds IN [${req.categoryIds.map((id) => JSON.stringify(id)).join(', ')}]`);
    if (req.collectionIds)
      filter.push(`collectionIds IN [${req.collectionIds.map((id) => JSON.stringify(id)).join(', ')}]`);
    if (req.minPrice !== undefined) filter.push(`${price} >= ${req.minPrice}`);
    if (req.maxPrice !== undefined) filter.push(`${price} <= ${req.maxPrice}`);
    if (req.inStock !== undefined) filter.push(`inStock = ${req.inStock}`);
    if (req.minRating !== undefined) filter.push(`ratingAverage >= ${req.minRating}`);
    const sort = {
      relevance: undefined,
      newest: ['createdAt:desc'],
      price_asc: [`${price}:asc`],
      price_desc: [`${price}:desc`],
      title: ['title:asc'],
      rating: ['ratingAverage:desc', 'createdAt:desc'],
    }[req.sort];
    const res = await this.#index.search(req.q, {
      filter,
      sort,
      offset: req.offset,
      limit: req.limit,
      attributesToRetrieve: ['id'],
      facets: ['categoryIds', 'inStock'],
    });
    const edges = priceBucketEdges(req.currency);
    const buckets = await this.#client.multiSearch({
      queries: edges.map((lo, i) => ({
        indexUid: this.#index.uid,
        q: req.q,
        limit: 0,
        filter: [...filter, `${price} >= ${lo}`, ...(edges[i + 1] !== undefined ? [`${price} < ${edges[i + 1]}`] : [])],
      })),
    });
    const dist = res.facetDistribution ?? {};
    return {
      ids: res.hits.map((h) => h.id),
      total: res.estimatedTotalHits ?? res.hits.length,
      facets: {
        categories: Object.entries(dist.categoryIds ?? {})
          .map(([id, count]) => ({ id, count }))
          .sort((a, b) => b.count - a.count)
          .slice(0, 30),
        priceBuckets: priceBuckets(
          edges,
          buckets.results.map((r) => r.estimatedTotalHits ?? 0),
        ),
        inStock: { true: dist.inStock?.true ?? 0, false: dist.inStock?.false ?? 0 },
      },
    };
  }

  async sync(em: EntityManager, productIds: string[]) {
    if (!productIds.length) return;
    await this.#ready;
    const docs = await loadDocuments(em, productIds);
    const keep = new Set(docs.map((d) => d.id));
    const gone = productIds.filter((id) => !keep.has(id));
    if (docs.length) await this.#index.addDocuments(docs).waitTask();
    if (gone.length) await this.#index.deleteDocuments(gone).waitTask();
  }

  async configure(settings: SearchSettings) {
    await this.#ready;
    const synonyms: Record<string, string[]> = {};
    for (const group of settings.synonyms)
      for (const w of group) synonyms[w] = [...new Set([...(synonyms[w] ?? []), ...group.filter((o) => o !== w)])];
    await this.#index.updateSettings({ synonyms, stopWords: settings.stopWords }).waitTask();
  }

  async rebuild(em: EntityManager) {
    await this.#ready;
    await this.configure(await readSearchSettings(em));
    await this.#index.deleteAllDocuments().waitTask();
    let indexed = 0;
    await forEachProductIdPage(em, BATCH, async (ids) => {
      const docs = await loadDocuments(em, ids);
      if (docs.length) await this.#index.addDocuments(docs).waitTask();
      indexed += docs.length;
    });
    return { indexed };
  }

  async reconcile(em: EntityManager) {
    await this.#ready;
    const inIndex = new Map<string, string>();
    for (let offset = 0; ; offset += BATCH) {
      const page = await this.#index.getDocuments({ fields: ['id', 'stamp'], offset, limit: BATCH });
      for (const d of page.results) inIndex.set(d.id, d.stamp);
      if (page.results.length < BATCH) break;
    }
    let repaired = 0;
    const published = new Set<string>();
    await forEachProductIdPage(em, BATCH, async (ids) => {
      const docs = await loadDocuments(em, ids);
      for (const d of docs) published.add(d.id);
      const stale = docs.filter((d) => inIndex.get(d.id) !== d.stamp);
      if (stale.length) await this.#index.addDocuments(stale).waitTask();
      repaired += stale.length;
    });
    const orphans = [...inIndex.keys()].filter((id) => !published.has(id));
    if (orphans.length) await this.#index.deleteDocuments(orphans).waitTask();
    return { repaired: repaired + orphans.length };
  }
}
