import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Permission } from '../../../platform/auth/permissions.ts';
import { currentActor } from '../../../platform/http/auth.ts';
import { signingKeysChanged } from '../runtime.ts';
import { retireSigningKey } from '../use-cases/retire-signing-key.ts';
import { rotateSigningKey } from '../use-cases/rotate-signing-key.ts';
import { problemResponses } from './schemas.ts';

const problems = problemResponses(400, 401, 403, 404, 409);
const tags = ['admin: signing keys'];
const config: { permission: Permission } = { permission: 'staff:manage' };

/** Token signing key rotation: a new key signs, the old ones verify until their tokens expire. */
export const adminSigningKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

  app.post(
    '/admin/signing-keys/rotate',
    {
      config,
      schema: {
        tags,
        summary: 'Sign with a new key; the old ones keep verifying until their tokens have expired',
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: {
          200: Type.Object({
            kid: Type.String(),
            retiring: Type.Array(Type.String()),
            retiresAt: Type.String({ format: 'date-time' }),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const rotated = await rotateSigningKey(platform, platform.orm.em.fork(), currentActor(req));
      await signingKeysChanged(platform);
      return { ...rotated, retiresAt: rotated.retiresAt.toISOString() };
    },
  );

  app.post(
    '/admin/signing-keys/:kid/retire',
    {
      config,
      schema: {
        tags,
        summary: 'Retire a replaced key now (a leak): the tokens it signed stop verifying',
        params: Type.Object({ kid: Type.String({ format: 'uuid' }) }),
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await retireSigningKey(platform, platform.orm.em.fork(), currentActor(req), req.params.kid);
      await signingKeysChanged(platform);
      return reply.code(204).send(null);
    },
  );
};
