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

type Tables = InferKyselyDB<(typeof recommendationEntities)[number]>;
/** The tables as `recommendation.<table>`, the schema written in each statement. */
type RecommendationTables = { [T in keyof Tables & string as `recommendation.${T}`]: Tables[T] };

/**
 * Kysely typed from the module's entities, on the entity manager's connection (its transaction
 * when inside one): for the set-based writes (upserts with a condition, writes from a select) the
 * unit of work cannot express in one statement. Tables are named with their schema rather than
 * through `withSchema`, whose plugin rewrites every statement's tree on each call: on a view or an
 * order, that pass cost about as much as building the statement (ADR 0069).
 */
export const recommendationDb = (em: EntityManager) => em.getKysely<RecommendationTables>();

/** `= any($1)`: one array parameter, so the statement text does not change with the list's length. */
export const anyOf = <T>(values: readonly T[]): RawBuilder<T> => sql<T>`any(${values as T[]})`;

/** A value for a jsonb column: the driver would send a JS array as a Postgres array, so it goes as JSON text. */
export const jsonb = <T>(value: T): RawBuilder<T> => sql<T>`${JSON.stringify(value)}::jsonb`;

/** `unnest($1::uuid[]) as <alias>` for a from clause: one row per id, its one column named as the alias. */
export const unnestIds = <A extends string>(
  ids: readonly string[],
  alias: A,
): AliasedRawBuilder<Record<A, string>, A> => sql<Record<A, string>>`unnest(${ids as string[]}::uuid[])`.as(alias);
