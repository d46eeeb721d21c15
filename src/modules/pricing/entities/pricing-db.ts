// Kysely typed from pricing's entities, for the writes the ORM's unit of work cannot express in one
// statement (upserts with a condition, inserts that skip conflicts and say which rows went in).
import type { InferKyselyDB } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { CatalogProduct, CatalogVariant } from './catalog.entity.ts';
import { CustomerGroup, CustomerGroupMember } from './customer-group.entity.ts';
import { PriceList, PriceListPrice } from './price-list.entity.ts';
import { Price, PublishedPrice } from './price.entity.ts';
import { Promotion, PromotionRedemption } from './promotion.entity.ts';
import { CurrencySetting, TaxRate } from './tax.entity.ts';

export const pricingEntities = [
  CatalogProduct,
  CatalogVariant,
  Price,
  PublishedPrice,
  CustomerGroup,
  CustomerGroupMember,
  PriceList,
  PriceListPrice,
  Promotion,
  PromotionRedemption,
  TaxRate,
  CurrencySetting,
];

export type PricingDB = InferKyselyDB<(typeof pricingEntities)[number]>;

/** Kysely on the entity manager's connection (its transaction, when inside one), in pricing's schema. */
export const pricingDb = (em: EntityManager) => em.getKysely<PricingDB>().withSchema('pricing');

/** A value for a jsonb column: the driver would send a JS array as a Postgres array, so it goes as JSON text. */
export const jsonb = <T>(value: T) => sql<T>`${JSON.stringify(value)}::jsonb`;
