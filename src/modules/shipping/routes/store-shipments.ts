import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentUser, requireCustomer } from '../../../platform/http/auth.ts';
import { listCustomerShipments } from '../use-cases/list-customer-shipments.ts';
import { problems } from './schemas.ts';

const StoreShipment = Type.Object({
  orderId: Type.String(),
  displayId: Type.String(),
  status: Type.String(),
  optionName: Type.Union([Type.String(), Type.Null()]),
  carrier: Type.Union([Type.String(), Type.Null()]),
  trackingNumber: Type.Union([Type.String(), Type.Null()]),
  trackingUrl: Type.Union([Type.String(), Type.Null()]),
  shippedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const Query = Type.Object(
  {
    orderId: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), {
        maxItems: 50,
        description: 'only these orders (repeat the parameter)',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  },
  { additionalProperties: false },
);

/** A signed-in customer's parcels with their tracking, for an order history (the storefront's account page). */
export const storeShipmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  app.get(
    '/store/shipments',
    {
      preHandler: requireCustomer,
      schema: {
        tags: ['store: shipping'],
        security: bearer,
        summary: "The customer's shipments and their tracking, newest first",
        querystring: Query,
        response: { 200: Type.Object({ items: Type.Array(StoreShipment) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const rows = await listCustomerShipments(platform.orm.em.fork(), currentUser(req).sub, {
        orderIds: req.query.orderId,
        limit: req.query.limit,
      });
      return {
        items: rows.map((s) => ({
          orderId: s.orderId,
          displayId: s.displayId,
          status: s.status,
          optionName: s.optionName ?? null,
          carrier: s.carrier ?? null,
          trackingNumber: s.trackingNumber ?? null,
          trackingUrl: s.trackingUrl ?? null,
          shippedAt: s.shippedAt?.toISOString() ?? null,
          deliveredAt: s.deliveredAt?.toISOString() ?? null,
        })),
      };
    },
  );
};
