import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { getDelivery, listDeliveries } from '../use-cases/list-deliveries.ts';
import { redeliver } from '../use-cases/redeliver.ts';
import { AttemptOut, DeliveryQuery, IdParam, problems } from './schemas.ts';
import { attemptView, deliveryView } from './views.ts';

const tags = ['admin: webhooks'];
const config = { permission: 'webhooks:manage' } as const;

/** The delivery log: what was sent where, each attempt's answer, and sending again. */
export const adminDeliveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const em = () => platform.orm.em.fork();

  app.get(
    '/admin/webhooks/deliveries',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Deliveries, newest first; filter by endpoint, event or status',
        querystring: DeliveryQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('WebhookDelivery')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      const rows = await listDeliveries(em(), { ...req.query, limit });
      return { items: rows.map(deliveryView), nextCursor: rows.length === limit ? rows[rows.length - 1].id : null };
    },
  );

  app.get(
    '/admin/webhooks/deliveries/:id',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'One delivery with its body and every attempt (status, latency, response excerpt)',
        params: IdParam,
        response: {
          200: Type.Intersect([
            Type.Ref('WebhookDelivery'),
            Type.Object({ body: Type.String(), attemptLog: Type.Array(AttemptOut) }),
          ]),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const found = await getDelivery(em(), req.params.id);
      if (!found) throw new NotFound('Webhook delivery');
      return { ...deliveryView(found.d), body: found.d.body, attemptLog: found.attempts.map(attemptView) };
    },
  );

  app.post(
    '/admin/webhooks/deliveries/:id/redeliver',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Send a succeeded or failed delivery again (same webhook-id, a fresh retry budget)',
        params: IdParam,
        response: { 202: Type.Ref('WebhookDelivery'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await platform.orm.em.fork().transactional((tx) => redeliver(tx, req.params.id));
      const found = await getDelivery(em(), req.params.id);
      if (!found) throw new NotFound('Webhook delivery');
      return reply.code(202).send(deliveryView(found.d));
    },
  );
};
