import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The relevance set is over the first this-many products of the demo shop (seed 42). */
export const RELEVANCE_PRODUCTS = 200;

export interface RelevanceQuery {
  kind: 'exact' | 'typo-1' | 'typo-2' | 'transposition' | 'prefix' | 'plural' | 'multi-word' | 'category' | 'sku';
  q: string;
  /** Handles of the products a shopper expects among the first five. */
  expected: string[];
}

export interface Scores {
  queries: number;
  recallAt5: number;
  mrr: number;
}

export const loadRelevanceSet = (): RelevanceQuery[] =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, 'queries.json'), 'utf8'));

/** The floor `npm test` holds the Postgres backend to (recorded in docs/adr/0091). */
export const loadFloor = (): Record<'all' | 'typo-2', Scores> =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, 'floor.json'), 'utf8'));

/**
 * Recall@5 (of the expected products, the share among the first five, out of at most five) and
 * MRR (1 / rank of the first expected product, 0 when none is in the first ten), averaged per
 * kind of query and over all.
 */
export async function scoreRelevance(
  set: RelevanceQuery[],
  topTen: (q: string) => Promise<string[]>,
): Promise<Record<string, Scores>> {
  const per: Record<string, { recall: number[]; rr: number[] }> = {};
  for (const { kind, q, expected } of set) {
    const got = await topTen(q);
    const want = new Set(expected);
    const recall = got.slice(0, 5).filter((h) => want.has(h)).length / Math.min(5, want.size);
    const rank = got.findIndex((h) => want.has(h));
    for (const key of [kind, 'all']) {
      per[key] ??= { recall: [], rr: [] };
      per[key].recall.push(recall);
      per[key].rr.push(rank < 0 ? 0 : 1 / (rank + 1));
    }
  }
  const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000;
  return Object.fromEntries(
    Object.entries(per).map(([k, v]) => [k, { queries: v.recall.length, recallAt5: mean(v.recall), mrr: mean(v.rr) }]),
  );
}
