import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { rebuildSearchIndex } from '../use-cases/rebuild-search-index.ts';
import { reconcileSearchIndex } from '../use-cases/reconcile-search-index.ts';
import { SearchRebuilt, SearchReconciled } from './admin-schemas.ts';

const problems = { 401: Type.Ref('Problem'), 403: Type.Ref('Problem') };
const tags = ['admin: search'];

/** Staff rebuild the search index, or ask for a reconciliation now instead of at the next scheduled one. */
export const adminSearchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/admin/search/rebuild',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Rebuild every search document from the catalog',
        response: { 200: SearchRebuilt, ...problems },
      },
    },
    () => rebuildSearchIndex(),
  );

  app.post(
    '/admin/search/reconcile',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Find and repair drift between catalog and search index',
        response: { 200: SearchReconciled, ...problems },
      },
    },
    () => reconcileSearchIndex(),
  );
};
