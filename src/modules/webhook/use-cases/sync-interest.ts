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
