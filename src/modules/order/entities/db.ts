import { sql, type RawBuilder } from 'kysely';
import type { InferKyselyTable } from '@mikro-orm/postgresql';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Cart, CartLine } from './cart.entity.ts';
import type { IdempotencyKey, Order } from './order.entity.ts';
import type { OrderTimelineEntry } from './timeline.entity.ts';
import type { PromotionCode, ShippingOption, Variant, VariantPrice, VariantStock } from './projection.entity.ts';

/** The order schema's tables as Kysely sees them, typed from the entities (columns in snake_case). */
export interface OrderDb {
  'order.carts': InferKyselyTable<typeof Cart>;
  'order.cart_lines': InferKyselyTable<typeof CartLine>;
  'order.orders': InferKyselyTable<typeof Order>;
  'order.idempotency_keys': InferKyselyTable<typeof IdempotencyKey>;
  'order.variants': InferKyselyTable<typeof Variant>;
  'order.variant_prices': InferKyselyTable<typeof VariantPrice>;
  'order.variant_stock': InferKyselyTable<typeof VariantStock>;
  'order.shipping_options': InferKyselyTable<typeof ShippingOption>;
  'order.promotion_codes': InferKyselyTable<typeof PromotionCode>;
  'order.timeline': InferKyselyTable<typeof OrderTimelineEntry>;
}

/** Typed writes on the entity manager's connection (its transaction, when inside one). */
export const orderDb = (em: EntityManager) => em.getKysely<OrderDb>();

/** A jsonb value (node-postgres would send a JS array as a Postgres array). */
export const jsonb = <T>(value: T): RawBuilder<T> => sql<T>`${JSON.stringify(value)}::jsonb`;
