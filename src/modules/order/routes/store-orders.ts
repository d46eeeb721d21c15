import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentUser, readUser, requireCustomer } from '../../../platform/http/auth.ts';
import { rateLimited } from '../../../platform/http/rate-limit.ts';
import { isSettled } from '../domain/order-state.ts';
import { findOrder } from '../entities/order-store.ts';
import { orderModule } from '../runtime.ts';
import { listOrders } from '../use-cases/list-orders.ts';
import { placeOrder } from '../use-cases/place-order.ts';
import { viewOwnOrder } from '../use-cases/view-order.ts';
import { waitForSettledOrder } from '../use-cases/wait-for-settled-order.ts';
import {
  CheckoutBody,
  IdParam,
  OrderPage,
  orderPage,
  orderView,
  PageQuery,
  problems as problemsFor,
} from './schemas.ts';

const problems = problemsFor(400, 401, 404, 409, 422, 429);
const MAX_WAIT_SECONDS = 30;
const Placed = Type.Object({ order: Type.Ref('Order'), guestToken: Type.Union([Type.String(), Type.Null()]) });

/** Checkout and the shopper's orders. */
export const storeOrderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const em = () => platform.orm.em.fork();

  app.post(
    '/store/carts/:id/checkout',
    {
      preHandler: rateLimited(app, 'checkout'),
      schema: {
        tags: ['store: checkout'],
        summary: 'Place the order (answers 202; with `Prefer: wait=N` up to N s for the settled order)',
        params: IdParam,
        body: CheckoutBody,
        headers: Type.Object({
          'idempotency-key': Type.String({ minLength: 8, maxLength: 200 }),
          prefer: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: { 200: Placed, 202: Placed, ...problems },
      },
    },
    async (req, reply) => {
      const wait = /(?:^|[;,\s])wait=(\d+)/.exec(req.headers.prefer ?? '')?.[1];
      const user = await readUser(req);
      const key = req.headers['idempotency-key'];
      const placed = await placeOrder(platform, em(), req.params.id, user, key, req.body);
      let order;
      if (wait) {
        // Woken by the order's own change notification, not by polling.
        const deadline = Date.now() + Math.min(Number(wait), MAX_WAIT_SECONDS) * 1000;
        const { waiters } = orderModule();
        order = await waitForSettledOrder(waiters, em, placed.orderId, deadline, placed.order ?? undefined);
        reply.header('preference-applied', `wait=${wait}`);
      } else order = placed.order ?? (await findOrder(em(), placed.orderId));
      const status = order && isSettled(order.status, !!order.client_secret) ? 200 : 202;
      return reply.code(status).send({ order: order && orderView(order), guestToken: placed.guestToken });
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
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: OrderPage, ...problems },
      },
    },
    async (req) => orderPage(await listOrders(em(), { ...req.query, customerId: currentUser(req).sub })),
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
    async (req) => orderView(await viewOwnOrder(em(), req.params.id, await readUser(req), req.query.token)),
  );
};
