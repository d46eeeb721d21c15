import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { ORDER_STATUSES } from '../domain/order-state.ts';
import { cancelOrderByStaff } from '../use-cases/cancel-order.ts';
import { listOrders } from '../use-cases/list-orders.ts';
import { requestRefund } from '../use-cases/request-refund.ts';
import { viewOrder } from '../use-cases/view-order.ts';
import { viewOrderTimeline } from '../use-cases/view-order-timeline.ts';
import {
  IdParam,
  OrderPage,
  OrderTimeline,
  orderPage,
  orderView,
  PageQuery,
  problems as problemsFor,
} from './schemas.ts';

const problems = problemsFor(400, 401, 403, 404, 409);
const tags = ['admin: orders'];

/** Staff list and filter orders, cancel them, refund them in part or whole. */
export const adminOrderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

  app.get(
    '/admin/orders',
    {
      config: { permission: 'orders:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Orders, newest first, by status, customer, email, order number or email part (q), placing time',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
            customerId: Type.Optional(Type.String({ format: 'uuid' })),
            email: Type.Optional(Type.String({ maxLength: 254 })),
            q: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 254,
                description: 'An order number (T1042) or part of the email',
              }),
            ),
            placedFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Placed at or after' })),
            placedTo: Type.Optional(Type.String({ format: 'date-time', description: 'Placed before' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: OrderPage, ...problems },
      },
    },
    async (req) => orderPage(await listOrders(platform.orm.em.fork(), req.query)),
  );

  app.get(
    '/admin/orders/:id',
    {
      config: { permission: 'orders:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One order',
        params: IdParam,
        response: { 200: Type.Ref('Order'), ...problems },
      },
    },
    async (req) => orderView(await viewOrder(platform.orm.em.fork(), req.params.id)),
  );

  app.get(
    '/admin/orders/:id/timeline',
    {
      config: { permission: 'orders:read' },
      schema: {
        tags,
        security: bearer,
        summary: "The order's saga events and staff actions, oldest first",
        params: IdParam,
        response: { 200: OrderTimeline, ...problems },
      },
    },
    async (req) => viewOrderTimeline(platform.orm.em.fork(), req.params.id),
  );

  app.post(
    '/admin/orders/:id/cancel',
    {
      config: { permission: 'orders:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Cancel (stock released, payment voided or refunded)',
        params: IdParam,
        body: Type.Optional(
          Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
        ),
        response: { 200: Type.Ref('Order'), ...problems },
      },
    },
    async (req) =>
      orderView(
        await cancelOrderByStaff(platform, req.params.id, req.body?.reason ?? 'canceled by staff', currentActor(req)),
      ),
  );

  app.post(
    '/admin/orders/:id/refund',
    {
      config: { permission: 'orders:refund' },
      schema: {
        tags,
        security: bearer,
        summary: 'Refund a paid order, in part (amount) or whole',
        params: IdParam,
        body: Type.Object(
          {
            amount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ orderId: Type.String(), amount: Type.Integer() }), ...problems },
      },
    },
    async (req, reply) => {
      const amount = await requestRefund(platform, req.params.id, req.body, currentActor(req));
      return reply.code(202).send({ orderId: req.params.id, amount });
    },
  );
};
