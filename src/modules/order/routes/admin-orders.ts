import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer, requireAdmin } from '../../../platform/http/auth.ts';
import { BadRequest, Conflict, NotFound } from '../../../platform/http/errors.ts';
import { query } from '../../../platform/db/index.ts';
import { publisherFor } from '../../../platform/host/platform.ts';
import { OrderRefundRequested } from '../contract.ts';
import { cancelOrder, type StepContext } from '../saga/handlers.ts';
import { findOrder, orderView } from '../views.ts';
import { IdParam } from '../schemas.ts';
import { ORDER_STATUSES } from '../order-state.ts';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};
const tags = ['admin: orders'];

/** Staff list and filter orders, cancel them, refund them in part or whole. */
export async function adminOrderRoutes(app: FastifyInstance) {
  const { platform } = app;
  const publish = publisherFor(platform, 'order');
  app.addHook('onRequest', requireAdmin);

  app.get(
    '/admin/orders',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Orders, newest first, by status, customer or email',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
            customerId: Type.Optional(Type.String({ format: 'uuid' })),
            email: Type.Optional(Type.String({ maxLength: 254 })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            cursor: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('Order')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const q = req.query as { status?: string; customerId?: string; email?: string; limit: number; cursor?: string };
      const rows = await query<any>(
        platform.orm.em.fork(),
        `select * from "order".orders
      where ($1::text is null or status = $1) and ($2::uuid is null or customer_id = $2) and ($3::text is null or lower(email) = lower($3))
        and ($4::uuid is null or id < $4) order by id desc limit $5`,
        [q.status ?? null, q.customerId ?? null, q.email ?? null, q.cursor ?? null, q.limit + 1],
      );
      const page = rows.slice(0, q.limit);
      return { items: page.map(orderView), nextCursor: rows.length > q.limit ? page[page.length - 1].id : null };
    },
  );

  app.get(
    '/admin/orders/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'One order',
        params: IdParam,
        response: { 200: Type.Ref('Order'), ...problems },
      },
    },
    async (req) => {
      const o = await findOrder(platform.orm.em.fork(), (req.params as Static<typeof IdParam>).id);
      if (!o) throw new NotFound('Order');
      return orderView(o);
    },
  );

  app.post(
    '/admin/orders/:id/cancel',
    {
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
    async (req) => {
      const { id } = req.params as Static<typeof IdParam>;
      const reason = (req.body as { reason?: string } | undefined)?.reason ?? 'canceled by staff';
      return orderView(
        await platform.orm.em.fork().transactional(async (em) => {
          const [o] = await query<any>(em, 'select * from "order".orders where id = $1 for update', [id]);
          if (!o) throw new NotFound('Order');
          const ctx: StepContext = { em, publish: (event, payload) => publish(em, event, payload) };
          if (!(await cancelOrder(ctx, o, 'canceled_by_staff', reason)))
            throw new Conflict(`a ${o.status} order cannot be canceled`);
          return findOrder(em, id);
        }),
      );
    },
  );

  app.post(
    '/admin/orders/:id/refund',
    {
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
      const { id } = req.params as Static<typeof IdParam>;
      const body = req.body as { amount?: number; reason?: string };
      const amount = await platform.orm.em.fork().transactional(async (em) => {
        const [o] = await query<any>(em, 'select * from "order".orders where id = $1 for update', [id]);
        if (!o) throw new NotFound('Order');
        if (!['confirmed', 'fulfilled'].includes(o.status) || !o.payment_id)
          throw new Conflict(`a ${o.status} order has no payment to refund`);
        // Captured on shipment: before that there is only an authorization, which a cancel releases.
        if (o.status === 'confirmed' && platform.config.PAYMENT_CAPTURE === 'on_shipment') {
          throw new Conflict(
            'the payment of an order not yet shipped is only authorized, not taken: cancel the order to release it',
          );
        }
        const left = o.totals.total - Number(o.refunded_amount);
        const amount = body.amount ?? left;
        if (amount > left || amount <= 0)
          throw new BadRequest(`at most ${left} can still be refunded`, {
            errors: [{ field: 'amount', message: `at most ${left}` }],
          });
        await publish(em, OrderRefundRequested, {
          orderId: id,
          paymentId: o.payment_id,
          amount,
          currency: o.currency,
          reason: body.reason ?? null,
        });
        return amount;
      });
      return reply.code(202).send({ orderId: id, amount });
    },
  );
}
