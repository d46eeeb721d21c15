import { CURRENCIES, type Currency } from '../../pricing/contract.ts';

/** The lower edges of the price facet's buckets, in minor units: 0, 25, 50, 100, 200 whole units. */
export function priceBucketEdges(currency: Currency): number[] {
  const unit = 10 ** CURRENCIES[currency];
  return [0, 25, 50, 100, 200].map((e) => e * unit);
}

/** Buckets from their edges and counts; the last one is open-ended. */
export const priceBuckets = (edges: number[], counts: number[]) =>
  edges.map((min, i) => ({ min, max: edges[i + 1] ?? null, count: counts[i] ?? 0 }));
