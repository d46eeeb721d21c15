import type { InferKyselyDB } from '@mikro-orm/postgresql';
import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { RecPrice, RecProduct, RecProductPrice, RecVariant } from './catalog.entity.ts';
import { CoPurchase, OrderVariant, Popularity, RecOrder } from './purchase.entity.ts';
import { ProductView } from './view.entity.ts';

export const recommendationEntities = [
  RecProduct,
  RecVariant,
  RecPrice,
  RecProductPrice,
  RecOrder,
  OrderVariant,
  CoPurchase,
  Popularity,
  ProductView,
];

type RecommendationTables = InferKyselyDB<(typeof recommendationEntities)[number]>;

/**
 * Kysely typed from the module's entities, on the entity manager's connection (its transaction
 * when inside one), tables resolved in the recommendation schema: for the set-based writes
 * (upserts with a condition, writes from a select) the unit of work cannot express in one statement.
 */
export const recommendationDb = (em: EntityManager) =>
  em.getKysely<RecommendationTables>().withSchema('recommendation');

/** `= any($1)`: one array parameter, so the statement text does not change with the list's length. */
export const anyOf = <T>(values: readonly T[]): RawBuilder<T> => sql<T>`any(${values as T[]})`;

/** A value for a jsonb column: the driver would send a JS array as a Postgres array, so it goes as JSON text. */
export const jsonb = <T>(value: T): RawBuilder<T> => sql<T>`${JSON.stringify(value)}::jsonb`;

/** `unnest($1::uuid[]) as <alias>` for a from clause: one row per id, its one column named as the alias. */
export const unnestIds = <A extends string>(ids: readonly string[], alias: A): AliasedRawBuilder<Record<A, string>, A> =>
  sql<Record<A, string>>`unnest(${ids as string[]}::uuid[])`.as(alias);
