import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Whether a variant is in stock, projected from inventory's events (no foreign key, as for prices). */
export const VariantStock = defineEntity({
  name: 'VariantStock',
  schema: 'product',
  tableName: 'variant_stock',
  properties: {
    variantId: p.uuid().primary(),
    available: p.integer(),
    inStock: p.boolean(),
    /** inventory's sequence: an older one than the one held is ignored. */
    sequence: p.bigint('number'),
  },
});
export type VariantStock = InferEntity<typeof VariantStock>;
