import { Type } from 'typebox';
import { defineEvent, type EventDef } from '../../platform/bus/index.ts';

const Uuid = Type.String({ format: 'uuid' });

/**
 * A storefront reported that a shopper looked at a product (POST /store/events). Analytics counts
 * it as the funnel's first step; recommendation could take "recently viewed" from it too. A
 * signed-in customer is named by id, an anonymous shopper by the storefront's session id, if any.
 */
export const ProductViewed = defineEvent(
  'analytics.product_viewed.v1',
  Type.Object({
    productId: Uuid,
    customerId: Type.Union([Uuid, Type.Null()]),
    sessionId: Type.Union([Type.String({ minLength: 16, maxLength: 64 }), Type.Null()]),
    viewedAt: Type.String({ format: 'date-time' }),
  }),
  'A shopper viewed a product in the storefront',
);

export const analyticsEvents: EventDef[] = [ProductViewed];
