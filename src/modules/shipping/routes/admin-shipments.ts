import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publisherFor } from '../../../platform/host/platform.ts';
import { staffIdOf } from '../../../platform/auth/audit.ts';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { deliverShipment } from '../use-cases/deliver-shipment.ts';
import { getShipment } from '../use-cases/get-shipment.ts';
import { listShipments } from '../use-cases/list-shipments.ts';
import { shipShipment } from '../use-cases/ship-shipment.ts';
import { IdParam, problems, ShipBody, ShipmentOut, ShipmentQuery } from './schemas.ts';
import { shipmentView } from './views.ts';

const tags = ['admin: shipments'];

/** Shipments are made by order.confirmed; staff ship and deliver them. */
export const adminShipmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const publish = publisherFor(platform, 'shipping');

  app.get(
    '/admin/shipments',
    {
      config: { permission: 'orders:read' },
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
    async (req) => {
      const page = await listShipments(platform.orm.em.fork(), req.query);
      return { items: page.items.map(shipmentView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/admin/shipments/:id',
    {
      config: { permission: 'orders:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One shipment',
        params: IdParam,
        response: { 200: ShipmentOut, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => shipmentView(await getShipment(platform.orm.em.fork(), req.params.id)),
  );

  app.post(
    '/admin/shipments/:id/ship',
    {
      config: { permission: 'orders:fulfil' },
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
    async (req) => {
      const staffId = staffIdOf(currentActor(req));
      return shipmentView(await shipShipment(platform.orm.em.fork(), publish, req.params.id, req.body, staffId));
    },
  );

  app.post(
    '/admin/shipments/:id/deliver',
    {
      config: { permission: 'orders:fulfil' },
      schema: {
        tags,
        security: bearer,
        summary: 'Record that a shipped shipment arrived',
        params: IdParam,
        description: 'shipped -> delivered; publishes shipment.delivered.v1. Any other status: 409.',
        response: { 200: ShipmentOut, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const staffId = staffIdOf(currentActor(req));
      return shipmentView(await deliverShipment(platform.orm.em.fork(), publish, req.params.id, staffId));
    },
  );
};
