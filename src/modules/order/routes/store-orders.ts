import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer, currentUser, readUser, requireCustomer } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { query } from '../../../platform/db/index.ts';
import { checkout, sha256, type CheckoutInput } from '../checkout.ts';
import { isSettled, type OrderStatus } from '../order-state.ts';
import { findOrder, orderView } from '../views.ts';
import { orderModule } from '../state.ts';
import { CheckoutBody, IdParam } from '../schemas.ts';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  422: Type.Ref('Problem'),
};
const MAX_WAIT_SECONDS = 30;

/** Checkout and the shopper's orders. */
export async function storeOrderRoutes(app: FastifyInstance) {
  const { platform } = app;
  const em = () => platform.orm.em.fork();

  app.post(
    '/store/carts/:id/checkout',
    {
      schema: {
        tags: ['store: checkout'],
        summary: 'Place the order (answers 202; with `Prefer: wait=N` up to N s for the settled order)',
        params: IdParam,
        body: CheckoutBody,
        headers: Type.Object({
          'idempotency-key': Type.String({ minLength: 8, maxLength: 200 }),
          prefer: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: {
          200: Type.Object({ order: Type.Ref('Order'), guestToken: Type.Union([Type.String(), Type.Null()]) }),
          202: Type.Object({ order: Type.Ref('Order'), guestToken: Type.Union([Type.String(), Type.Null()]) }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string;
      const wait = /(?:^|[;,\s])wait=(\d+)/.exec(String(req.headers.prefer ?? ''))?.[1];
      const {
        orderId,
        order: placed,
        guestToken,
      } = await checkout(
        platform,
        em(),
        (req.params as Static<typeof IdParam>).id,
        await readUser(req),
        key,
        req.body as CheckoutInput,
      );
      let order;
      if (wait) {
        // Waits for the saga to settle: woken by the order's own change notification, not by polling.
        const deadline = Date.now() + Math.min(Number(wait), MAX_WAIT_SECONDS) * 1000;
        order = await orderModule().waiters.until(
          orderId,
          deadline,
          () => findOrder(em(), orderId),
          (o) => isSettled(o.status, !!o.client_secret),
          (note) => isSettled(note.status as OrderStatus, note.clientSecret),
          placed,
        );
        reply.header('preference-applied', `wait=${wait}`);
      } else order = placed ?? (await findOrder(em(), orderId));
      return reply
        .code(isSettled(order.status, !!order.client_secret) ? 200 : 202)
        .send({ order: orderView(order), guestToken });
    },
  );

  app.get(
    '/store/orders',
    {
      preHandler: requireCustomer,
      schema: {
        tags: ['store: orders'],
        security: bearer,
        summary: 'My orders, newest first',
        querystring: Type.Object(
          {
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
      const { limit, cursor } = req.query as { limit: number; cursor?: string };
      const rows = await query<any>(
        em(),
        'select * from "order".orders where customer_id = $1 and ($2::uuid is null or id < $2) order by id desc limit $3',
        [currentUser(req).sub, cursor ?? null, limit + 1],
      );
      const page = rows.slice(0, limit);
      return { items: page.map(orderView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },
  );

  app.get(
    '/store/orders/:id',
    {
      schema: {
        tags: ['store: orders'],
        summary: "An order: the customer's token, or for a guest order the token returned at checkout (?token=)",
        params: IdParam,
        querystring: Type.Object(
          { token: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('Order'), ...problems },
      },
    },
    async (req) => {
      const order = await findOrder(em(), (req.params as Static<typeof IdParam>).id);
      const user = await readUser(req);
      const token = (req.query as { token?: string }).token;
      const mine =
        order &&
        ((order.customer_id && user?.sub === order.customer_id) ||
          (!order.customer_id && token && order.guest_token_hash === sha256(token)));
      if (!mine) throw new NotFound('Order');
      return orderView(order);
    },
  );
}
