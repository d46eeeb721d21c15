import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { rebuildRecommendations } from '../use-cases/rebuild.ts';
import { problems, RebuildResult } from './schemas.ts';

/** Staff rebuild the counts from the module's stored facts (after a fix, or variants learnt late). */
export const adminRecommendationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/admin/recommendations/rebuild',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags: ['admin: recommendations'],
        security: bearer,
        summary: 'Recompute bought-together and popularity counts from stored confirmed orders',
        response: { 200: RebuildResult, ...problems(401, 403) },
      },
    },
    async () => rebuildRecommendations(app.platform.orm.em.fork()),
  );
};
