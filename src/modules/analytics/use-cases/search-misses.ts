import { query, type EntityManager } from '../../../platform/db/index.ts';
import { hoursOf, type RankQuery } from '../domain/ranking.ts';

export type SearchMiss = { query: string; searches: number; lastSeen: string };

/** Searches that found nothing in the range, most frequent first. */
export async function searchMisses(em: EntityManager, q: Omit<RankQuery, 'by'>): Promise<SearchMiss[]> {
  const rows = await query<{ query: string; searches: number; last_seen: Date }>(
    em,
    `select query, sum(searches)::int as searches, max(last_seen) as last_seen
     from analytics.search_misses_hourly where hour >= $1 and hour < $2
     group by query order by 2 desc, query collate "C" limit $3`,
    [...hoursOf(q), q.limit],
  );
  return rows.map((r) => ({ query: r.query, searches: r.searches, lastSeen: new Date(r.last_seen).toISOString() }));
}
