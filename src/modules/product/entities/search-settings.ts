import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { Vocabulary } from '../domain/query-plan.ts';
import { SearchSettingsRow } from './search-settings.entity.ts';

/** What staff set for search: groups of words that mean the same, and words a query may drop. */
export interface SearchSettings {
  synonyms: string[][];
  stopWords: string[];
}

export async function readSearchSettings(em: EntityManager): Promise<SearchSettings> {
  const row = await em.findOne(SearchSettingsRow, { id: true });
  return { synonyms: row?.synonyms ?? [], stopWords: row?.stopWords ?? [] };
}

export async function writeSearchSettings(em: EntityManager, s: SearchSettings): Promise<void> {
  await em.upsert(SearchSettingsRow, { id: true, synonyms: s.synonyms, stopWords: s.stopWords, updatedAt: new Date() });
}

/**
 * The words of published products' search documents (letters only: SKUs and numbers are matched
 * exactly, never corrected) with how many products hold each. One pass over the documents.
 */
export async function readIndexedTerms(em: EntityManager): Promise<Map<string, number>> {
  const rows = await query<{ word: string; ndoc: number }>(
    em,
    `select word, ndoc from ts_stat($$select search from product.products where status = 'published'$$)
     where word ~ '^[[:alpha:]]+$'`,
  );
  return new Map(rows.map((r) => [r.word, Number(r.ndoc)]));
}

/** Settings and terms as the query planner reads them. */
export function vocabularyOf(terms: Map<string, number>, s: SearchSettings): Vocabulary {
  const synonyms = new Map<string, string[]>();
  const known = new Map(terms);
  for (const group of s.synonyms)
    for (const w of group) {
      synonyms.set(w, [...new Set([...(synonyms.get(w) ?? []), ...group])]);
      // A synonym is a word the shop knows even when no product holds it: typos of it are corrected.
      if (!known.has(w)) known.set(w, 0);
    }
  return { terms: known, synonyms, stopWords: new Set(s.stopWords) };
}
