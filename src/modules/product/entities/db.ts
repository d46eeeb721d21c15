import type { InferKyselyDB } from '@mikro-orm/postgresql';
import { sql, type RawBuilder } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { Product } from './product.entity.ts';
import { Variant } from './variant.entity.ts';
import { ProductOption } from './product-option.entity.ts';
import { ProductImage } from './product-image.entity.ts';
import { Category } from './category.entity.ts';
import { Collection } from './collection.entity.ts';
import { ProductCategory } from './product-category.entity.ts';
import { ProductCollection } from './product-collection.entity.ts';
import { VariantPrice } from './variant-price.entity.ts';
import { VariantStock } from './variant-stock.entity.ts';
import { ListingPrice } from './listing-price.entity.ts';
import { SearchSettingsRow } from './search-settings.entity.ts';
import { SearchPosting } from './search-posting.entity.ts';
import { TermFacet } from './term-facet.entity.ts';
import { TermFacetStale } from './term-facet-stale.entity.ts';

export const productEntities = [
  Product,
  Variant,
  ProductOption,
  ProductImage,
  Category,
  Collection,
  ProductCategory,
  ProductCollection,
  VariantPrice,
  VariantStock,
  ListingPrice,
  SearchSettingsRow,
  SearchPosting,
  TermFacet,
  TermFacetStale,
];

type ProductTables = InferKyselyDB<(typeof productEntities)[number]>;

/**
 * Kysely typed from the module's entities, on the entity manager's connection (its transaction
 * when inside one), tables resolved in the product schema: for the set-based writes (upserts with
 * a condition, writes from a select) that the unit of work cannot express in one statement.
 */
export const productDb = (em: EntityManager) => em.getKysely<ProductTables>().withSchema('product');

/** `= any($1)`: one array parameter, so the statement text does not change with the list's length. */
export const anyOf = <T>(values: readonly T[]): RawBuilder<T> => sql<T>`any(${values as T[]})`;
