import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { webhookDb } from '../entities/webhook-db.ts';
import { webhook } from '../runtime.ts';

/**
 * Tells the bus which deliverable events some enabled endpoint wants, in the caller's transaction
 * (the one that changed the endpoints), so the others cost a publisher no job. The bus locks first,
 * then this reads the endpoints: concurrent changes each see the ones before them.
 */
export async function syncInterest(em: EntityManager): Promise<void> {
  await webhook().platform.bus.updateInterest(em, 'webhook', async () => {
    const rows = await webhookDb(em)
      .selectFrom('webhook.endpoints')
      .where('enabled', '=', true)
      .select(sql<string>`unnest(event_types)`.as('event'))
      .distinct()
      .execute();
    return rows.map((r) => r.event);
  });
}

/**
 * Runs an endpoint change and `syncInterest` in one transaction. The interest lock waits for open
 * publishers that read the rows; they lock every row of the module's queues at their first read,
 * in the order this takes them, so neither waits for the other in a circle (no retry needed).
 */
export async function changeEndpoints<T>(em: EntityManager, change: (tx: EntityManager) => Promise<T>): Promise<T> {
  const result = await em.fork().transactional(async (tx) => {
    const result = await change(tx);
    await syncInterest(tx);
    return result;
  });
  // (committed: this process's workers follow at once; other processes at their next check)
  await webhook().platform.bus.applyInterest();
  return result;
}
