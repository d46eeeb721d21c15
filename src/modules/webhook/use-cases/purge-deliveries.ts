import type { EntityManager } from '../../../platform/db/index.ts';
import type { Kysely } from 'kysely';
import { webhookDb, type WebhookDB } from '../entities/webhook-db.ts';

const BATCH = 1_000;

/** One batch of finished deliveries last touched before `before` (what deliveries_purge_idx serves). */
export const finishedDeliveriesBefore = (db: Kysely<WebhookDB>, before: Date) =>
  db
    .selectFrom('webhook.deliveries')
    .select('id')
    .where('status', '<>', 'pending')
    .where('updated_at', '<', before)
    .limit(BATCH);

/**
 * Drops finished deliveries (succeeded or failed, with their attempts) last touched before `before`,
 * a batch per statement so no run holds many rows locked; a pending one stays whatever its age.
 * Returns how many went.
 */
export async function purgeDeliveries(em: EntityManager, before: Date, maxBatches = 100): Promise<number> {
  const db = webhookDb(em);
  let purged = 0;
  for (let i = 0; i < maxBatches; i++) {
    const old = finishedDeliveriesBefore(db, before);
    const { numDeletedRows } = await db.deleteFrom('webhook.deliveries').where('id', 'in', old).executeTakeFirst();
    purged += Number(numDeletedRows);
    if (numDeletedRows < BigInt(BATCH)) break;
  }
  return purged;
}
