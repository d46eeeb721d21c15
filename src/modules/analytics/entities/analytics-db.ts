import type { InferKyselyTable } from '@mikro-orm/postgresql';
import type { Kysely } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { AnalyticsProduct, AnalyticsVariant } from './catalog.entity.ts';
import type { Fact } from './fact.entity.ts';
import type { FunnelHour, ProductSalesHour, SalesDay, SearchMissHour } from './rollup.entity.ts';

/** The analytics schema's tables as Kysely sees them, typed from the entities. */
export interface AnalyticsDB {
  'analytics.facts': InferKyselyTable<typeof Fact>;
  'analytics.sales_daily': InferKyselyTable<typeof SalesDay>;
  'analytics.funnel_hourly': InferKyselyTable<typeof FunnelHour>;
  'analytics.product_sales_hourly': InferKyselyTable<typeof ProductSalesHour>;
  'analytics.search_misses_hourly': InferKyselyTable<typeof SearchMissHour>;
  'analytics.products': InferKyselyTable<typeof AnalyticsProduct>;
  'analytics.variants': InferKyselyTable<typeof AnalyticsVariant>;
}

/** Kysely on the entity manager's connection (its transaction, when inside one). */
export const analyticsDb = (em: EntityManager): Kysely<AnalyticsDB> => em.getKysely<AnalyticsDB>();
