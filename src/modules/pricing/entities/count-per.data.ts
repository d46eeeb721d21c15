import { query, type EntityManager } from '../../../platform/db/index.ts';

type Counted =
  { table: 'price_list_prices'; column: 'price_list_id' } | { table: 'customer_group_members'; column: 'group_id' };

/** How many rows of a table each id has (one grouped query for a whole page of lists or groups). */
export async function countPer(em: EntityManager, { table, column }: Counted, ids: readonly string[]) {
  const rows = await query<{ id: string; n: number }>(
    em,
    `select ${column} as id, count(*)::int as n from pricing.${table} where ${column} = any($1::uuid[]) group by 1`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}
