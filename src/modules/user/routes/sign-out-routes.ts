import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import type { AccountKind } from '../entities/account-token.entity.ts';
import { revokeAllSessions, signOut } from '../use-cases/sign-out.ts';
import { RefreshBody } from './schemas.ts';

export interface SignOutSurface {
  /** `/store/auth` or `/admin/auth`. */
  base: string;
  kind: AccountKind;
  tags: string[];
  problems: Record<number, TSchema>;
  /** Route config (the admin surface marks its auth routes public: no permission). */
  config?: { public: true };
  /** Lets only a signed-in account of this kind through; `self` then names it. */
  requireSelf: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  self: (req: FastifyRequest) => { sub: string };
}

/** Logout (one refresh token's family) and sign out everywhere: the same for customers and staff. */
export function signOutRoutes(instance: FastifyInstance, s: SignOutSurface): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { platform } = app;
  const config = s.config ?? {};
  app.post(
    `${s.base}/logout`,
    {
      config,
      schema: {
        tags: s.tags,
        summary: `Revoke a ${s.kind} refresh token and its family`,
        body: RefreshBody,
        response: { 204: Type.Null(), ...s.problems },
      },
    },
    async (req, reply) => {
      await signOut(platform.orm.em.fork(), req.body.refreshToken, s.kind);
      return reply.code(204).send(null);
    },
  );
  app.post(
    `${s.base}/logout-all`,
    {
      config,
      onRequest: s.requireSelf,
      schema: {
        tags: s.tags,
        security: bearer,
        summary: 'Sign out everywhere (every refresh token of mine)',
        response: { 204: Type.Null(), ...s.problems },
      },
    },
    async (req, reply) => {
      await revokeAllSessions(platform.orm.em.fork(), s.self(req).sub);
      return reply.code(204).send(null);
    },
  );
}
