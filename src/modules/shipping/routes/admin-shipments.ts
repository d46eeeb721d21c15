import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { publisherFor } from '../../../platform/host/platform.ts';
import { bearer, requireAdmin } from '../../../platform/http/auth.ts';
import { deliverShipment, getShipment, listShipments, shipShipment } from '../shipments.ts';
import { IdParam, problems, ShipBody, ShipmentOut, ShipmentQuery } from '../schemas.ts';

const tags = ['admin: shipments'];

/** Shipments are made by order.confirmed; staff ship and deliver them. */
export async function adminShipmentRoutes(app: FastifyInstance) {
  const { platform } = app;
  const publish = publisherFor(platform, 'shipping');
  app.addHook('onRequest', requireAdmin);

  app.get(
    '/admin/shipments',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Shipments, newest first',
        querystring: ShipmentQuery,
        response: {
          200: Type.Object({ items: Type.Array(ShipmentOut), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => listShipments(platform.orm.em.fork(), req.query as Static<typeof ShipmentQuery>),
  );

  app.get(
    '/admin/shipments/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'One shipment',
        params: IdParam,
        response: { 200: ShipmentOut, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => getShipment(platform.orm.em.fork(), (req.params as Static<typeof IdParam>).id),
  );

  app.post(
    '/admin/shipments/:id/ship',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Hand a pending shipment to a carrier',
        params: IdParam,
        body: ShipBody,
        description:
          'pending -> shipped; publishes shipment.shipped.v1 with the carrier, tracking number and tracking URL. Any other status: 409.',
        response: { 200: ShipmentOut, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      shipShipment(
        platform.orm.em.fork(),
        publish,
        (req.params as Static<typeof IdParam>).id,
        req.body as Static<typeof ShipBody>,
      ),
  );

  app.post(
    '/admin/shipments/:id/deliver',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Record that a shipped shipment arrived',
        params: IdParam,
        description: 'shipped -> delivered; publishes shipment.delivered.v1. Any other status: 409.',
        response: { 200: ShipmentOut, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => deliverShipment(platform.orm.em.fork(), publish, (req.params as Static<typeof IdParam>).id),
  );
}
