import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { getSearchSettings } from '../use-cases/get-search-settings.ts';
import { rebuildSearchIndex } from '../use-cases/rebuild-search-index.ts';
import { reconcileSearchIndex } from '../use-cases/reconcile-search-index.ts';
import { updateSearchSettings } from '../use-cases/update-search-settings.ts';
import { SearchRebuilt, SearchReconciled, SearchSettingsBody } from './admin-schemas.ts';

const problems = { 401: Type.Ref('Problem'), 403: Type.Ref('Problem') };
const tags = ['admin: search'];

/**
 * Staff rebuild the search index, ask for a reconciliation now instead of at the next scheduled
 * one, and set the synonyms and stop words every query is read with.
 */
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

  app.get(
    '/admin/search/settings',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Synonyms and stop words of the store search',
        response: { 200: SearchSettingsBody, ...problems },
      },
    },
    () => getSearchSettings(),
  );

  app.put(
    '/admin/search/settings',
    {
      config: { permission: 'catalog:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Replace the synonyms and stop words of the store search',
        body: SearchSettingsBody,
        response: { 200: SearchSettingsBody, 400: Type.Ref('Problem'), ...problems },
      },
    },
    (req) => updateSearchSettings(req.body),
  );
};
