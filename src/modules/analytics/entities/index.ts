import { AnalyticsProduct, AnalyticsVariant } from './catalog.entity.ts';
import { Fact } from './fact.entity.ts';
import { FunnelHour, ProductSalesHour, SalesDay, SearchMissHour } from './rollup.entity.ts';

/** Every table of the analytics schema. */
export const analyticsEntities = [
  Fact,
  SalesDay,
  FunnelHour,
  ProductSalesHour,
  SearchMissHour,
  AnalyticsProduct,
  AnalyticsVariant,
];
