import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { RebuildDue } from '../use-cases/rebuild.ts';
import { problems, RebuildAccepted } from './schemas.ts';

/**
 * Staff rebuild the counts from the module's stored facts (after a fix, or variants learnt late).
 * The work runs as a bus task, off the request: a rebuild of a large shop outlasts any HTTP timeout.
 */
export const adminRecommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  app.post(
    '/admin/recommendations/rebuild',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags: ['admin: recommendations'],
        security: bearer,
        summary: 'Recompute bought-together and popularity counts from stored confirmed orders (a background task)',
        response: { 202: RebuildAccepted, ...problems(401, 403) },
      },
    },
    async (req, reply) => {
      const task = await platform.orm.em
        .fork()
        .transactional((tx) =>
          platform.bus.schedule(
            tx,
            RebuildDue,
            { requestedBy: req.principal?.sub ?? 'staff' },
            { startAfter: new Date() },
          ),
        );
      return reply.code(202).send({ taskId: task.id });
    },
  );
};
