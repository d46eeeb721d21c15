import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A shopper's last view of a product; `shopper` is "c:<customer id>" or "s:<anonymous session id>". */
export const ProductView = defineEntity({
  name: 'ProductView',
  schema: 'recommendation',
  tableName: 'views',
  properties: {
    shopper: p.string().length(80).primary(),
    productId: p.uuid().primary(),
    viewedAt: p.datetime(),
  },
});
export type ProductView = InferEntity<typeof ProductView>;
