import type { InferKyselyTable } from '@mikro-orm/postgresql';
import type { Kysely } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Fact, SalesHour } from './fact.entity.ts';

/** The analytics schema's tables as Kysely sees them, typed from the entities. */
export interface AnalyticsDB {
  'analytics.facts': InferKyselyTable<typeof Fact>;
  'analytics.sales_hourly': InferKyselyTable<typeof SalesHour>;
}

/** Kysely on the entity manager's connection (its transaction, when inside one). */
export const analyticsDb = (em: EntityManager): Kysely<AnalyticsDB> => em.getKysely<AnalyticsDB>();
