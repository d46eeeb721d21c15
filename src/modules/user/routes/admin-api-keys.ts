import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { permissions, type Permission as PermissionName } from '../../../platform/auth/permissions.ts';
import { currentActor } from '../../../platform/http/auth.ts';
import { introspectionPath } from '../../../platform/auth/api-key-client.ts';
import { Unauthorized } from '../../../platform/http/errors.ts';
import { createApiKey } from '../use-cases/create-api-key.ts';
import { listApiKeys } from '../use-cases/list-api-keys.ts';
import { resolveApiKey } from '../use-cases/resolve-api-key.ts';
import { revokeApiKey } from '../use-cases/revoke-api-key.ts';
import { IdParam, problemResponses } from './schemas.ts';

const problems = problemResponses(400, 401, 403, 404);
const tags = ['admin: api keys'];
const config: { permission: PermissionName } = { permission: 'apikeys:manage' };
const Permission = Type.Union(permissions.map((p) => Type.Literal(p)));
const ApiKeyOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  permissions: Type.Array(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** Scoped keys for integrations: created (shown once), listed, revoked; and their look-up for other processes. */
export const adminApiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

  app.post(
    '/admin/api-keys',
    {
      config,
      schema: {
        tags,
        summary: 'Create a key holding some of your permissions; `key` is shown this once',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            permissions: Type.Array(Permission, { minItems: 1, maxItems: permissions.length, uniqueItems: true }),
            expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ ...ApiKeyOut.properties, key: Type.String() }), ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createApiKey(platform, platform.orm.em.fork(), currentActor(req), req.body)),
  );

  app.get(
    '/admin/api-keys',
    {
      config,
      schema: {
        tags,
        summary: 'Every key, newest first',
        response: { 200: Type.Object({ items: Type.Array(ApiKeyOut) }), ...problems },
      },
    },
    async () => ({ items: await listApiKeys(platform.orm.em.fork()) }),
  );

  app.delete(
    '/admin/api-keys/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Revoke a key (refused from the next request on)',
        params: IdParam,
        response: { 200: ApiKeyOut, ...problems },
      },
    },
    async (req) => revokeApiKey(platform, platform.orm.em.fork(), currentActor(req), req.params.id),
  );

  // For processes that do not host `user` (AUTH_URL): the key itself is the credential, so the
  // answer tells nothing its holder does not already know.
  app.post(
    introspectionPath,
    {
      schema: {
        tags: ['auth'],
        summary: 'What an API key may do (401 when unknown, revoked or expired)',
        body: Type.Object({ key: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            kind: Type.Literal('apiKey'),
            sub: Type.String(),
            createdBy: Type.String(),
            permissions: Type.Array(Type.String()),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const principal = await resolveApiKey(platform.orm.em.fork(), req.body.key);
      if (!principal) throw new Unauthorized('Unknown, revoked or expired API key');
      return principal;
    },
  );
};
