import { query } from '../../../platform/db/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';

const BEFORE_ALL = '00000000-0000-0000-0000-000000000000';

/** Walks every product id in id order, a page at a time (search rebuilds and reconciliations). */
export async function forEachProductIdPage(
  em: EntityManager,
  pageSize: number,
  visit: (ids: string[]) => Promise<void>,
): Promise<void> {
  for (let after = BEFORE_ALL; ;) {
    const ids = (
      await query<{ id: string }>(em, 'select id from product.products where id > $1 order by id limit $2', [
        after,
        pageSize,
      ])
    ).map((r) => r.id);
    if (!ids.length) return;
    await visit(ids);
    after = ids[ids.length - 1];
  }
}
