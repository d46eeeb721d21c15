import type { EntityManager } from '../../../platform/db/index.ts';
import { webhookDb, type EndpointRow } from '../entities/webhook-db.ts';

export const getEndpoint = (em: EntityManager, id: string): Promise<EndpointRow | undefined> =>
  webhookDb(em).selectFrom('webhook.endpoints').selectAll().where('id', '=', id).executeTakeFirst();

export const listEndpoints = (em: EntityManager): Promise<EndpointRow[]> =>
  webhookDb(em).selectFrom('webhook.endpoints').selectAll().orderBy('id', 'desc').limit(500).execute();
