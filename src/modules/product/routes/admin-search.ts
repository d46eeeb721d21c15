import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { bearer, requireAdmin } from '../../../platform/http/auth.ts';
import { catalog } from '../state.ts';

const problems = { 401: Type.Ref('Problem'), 403: Type.Ref('Problem') };

/** Staff rebuild the search index, or ask for a reconciliation now instead of at the next scheduled one. */
export async function adminSearchRoutes(app: FastifyInstance) {
  app.addHook('preHandler', requireAdmin);
  const tags = ['admin: search'];

  app.post(
    '/admin/search/rebuild',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Rebuild every search document from the catalog',
        response: { 200: Type.Object({ backend: Type.String(), indexed: Type.Integer() }), ...problems },
      },
    },
    async () => {
      const { search } = catalog();
      const { indexed } = await search.rebuild(app.platform.orm.em.fork());
      await catalog().changed([]);
      return { backend: search.kind, indexed };
    },
  );

  app.post(
    '/admin/search/reconcile',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Find and repair drift between catalog and search index',
        response: { 200: Type.Object({ backend: Type.String(), repaired: Type.Integer() }), ...problems },
      },
    },
    async () => {
      const { search } = catalog();
      const { repaired } = await search.reconcile(app.platform.orm.em.fork());
      if (repaired) await catalog().changed([]);
      return { backend: search.kind, repaired };
    },
  );
}
