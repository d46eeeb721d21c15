import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { bearer, requireAdmin } from '../http/auth.ts';
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

/** Staff look at events whose handlers gave up, and send one back once the cause is fixed. */
export async function deadLetterRoutes(app: FastifyInstance) {
  const { bus } = app.platform;

  app.get(
    '/admin/events/dead',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['admin: events'],
        summary: 'Events that exhausted their retries',
        security: bearer,
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(DeadEvent) }) },
      },
    },
    async (req) => ({ items: await bus.listDead((req.query as { limit: number }).limit) }),
  );

  app.post(
    '/admin/events/dead/:id/replay',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['admin: events'],
        summary: 'Send a dead event back to the queue it failed on',
        security: bearer,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 202: Type.Object({ replayed: Type.String() }) },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      if (!(await bus.replayDead(id))) throw new NotFound(`Dead event ${id}`);
      return reply.code(202).send({ replayed: id });
    },
  );
}
