import { Cart, CartLine } from './cart.entity.ts';
import { IdempotencyKey, Order } from './order.entity.ts';
import { OrderTimelineEntry } from './timeline.entity.ts';
import { PromotionCode, ShippingOption, Variant, VariantPrice, VariantStock } from './projection.entity.ts';

/** Every table of migrations/order, as MikroORM entities. */
export const orderEntities = [
  Cart,
  CartLine,
  Order,
  IdempotencyKey,
  Variant,
  VariantPrice,
  VariantStock,
  ShippingOption,
  PromotionCode,
  OrderTimelineEntry,
];
