import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../http/auth.ts';
import { NotFound } from '../http/errors.ts';

const DeadEvent = Type.Object({
  id: Type.String(),
  queue: Type.String(),
  deadLetterQueue: Type.String(),
  event: Type.String(),
  eventId: Type.String(),
  correlationId: Type.String(),
  error: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  failedAt: Type.String(),
  payload: Type.Unknown(),
});
const DeadId = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Staff look at events whose handlers gave up, send one back once the cause is fixed, or drop it. */
export const deadLetterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { bus } = app.platform;
  const common = { tags: ['admin: events'], security: bearer };

  app.get(
    '/admin/events/dead',
    {
      config: { permission: 'events:read' },
      schema: {
        ...common,
        summary: 'Events that exhausted their retries',
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(DeadEvent) }) },
      },
    },
    async (req) => ({ items: await bus.listDead(req.query.limit) }),
  );

  app.post(
    '/admin/events/dead/:id/replay',
    {
      config: { permission: 'events:replay' },
      schema: {
        ...common,
        summary: 'Send a dead event back to the queue it failed on',
        params: DeadId,
        response: { 202: Type.Object({ replayed: Type.String() }) },
      },
    },
    async (req, reply) => {
      if (!(await bus.replayDead(req.params.id))) throw new NotFound(`Dead event ${req.params.id}`);
      return reply.code(202).send({ replayed: req.params.id });
    },
  );

  app.delete(
    '/admin/events/dead/:id',
    {
      config: { permission: 'events:replay' },
      schema: { ...common, summary: 'Discard a dead event for good', params: DeadId, response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      if (!(await bus.discardDead(req.params.id))) throw new NotFound(`Dead event ${req.params.id}`);
      return reply.code(204).send(null);
    },
  );
};
