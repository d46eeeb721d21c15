import type { InferKyselyTable } from '@mikro-orm/postgresql';
import type { Kysely } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { DeliveryAttempt } from './delivery-attempt.entity.ts';
import type { Message } from './message.entity.ts';
import type { OrderContact } from './order-contact.entity.ts';

/** The notification schema's tables as Kysely sees them, typed from the entities (schema-qualified names). */
export interface NotificationDB {
  'notification.messages': InferKyselyTable<typeof Message>;
  'notification.attempts': InferKyselyTable<typeof DeliveryAttempt>;
  'notification.orders': InferKyselyTable<typeof OrderContact>;
}

/** Kysely on the entity manager's connection (its transaction, when inside one), for writes one ORM call cannot say. */
export const notificationDb = (em: EntityManager): Kysely<NotificationDB> => em.getKysely<NotificationDB>();
