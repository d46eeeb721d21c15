import type { InferKyselyTable } from '@mikro-orm/postgresql';
import type { Kysely, Selectable } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Attempt } from './attempt.entity.ts';
import type { Delivery } from './delivery.entity.ts';
import type { Endpoint } from './endpoint.entity.ts';

/** The webhook schema's tables as Kysely sees them, typed from the entities. */
export interface WebhookDB {
  'webhook.endpoints': InferKyselyTable<typeof Endpoint>;
  'webhook.deliveries': InferKyselyTable<typeof Delivery>;
  'webhook.attempts': InferKyselyTable<typeof Attempt>;
}

export type EndpointRow = Selectable<WebhookDB['webhook.endpoints']>;
export type DeliveryRow = Selectable<WebhookDB['webhook.deliveries']>;
export type AttemptRow = Selectable<WebhookDB['webhook.attempts']>;

/** Kysely on the entity manager's connection (its transaction, when inside one). */
export const webhookDb = (em: EntityManager): Kysely<WebhookDB> => em.getKysely<WebhookDB>();
