import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { AccountKind } from '../entities/account-token.entity.ts';
import { requestPasswordReset } from '../use-cases/request-password-reset.ts';
import { resetPassword } from '../use-cases/reset-password.ts';
import { credentialLimits, emailOf } from './limits.ts';
import { Accepted, EmailBody, ResetBody } from './staff-schemas.ts';

export interface PasswordResetSurface {
  /** `/store/auth` or `/admin/auth`. */
  base: string;
  kind: AccountKind;
  tags: string[];
  problems: Record<number, TSchema>;
  /** Prefixes the rate-limit budgets' names (`admin-` for staff), so each surface counts apart. */
  limitPrefix: string;
  /** Route config (the admin surface marks its auth routes public: no permission). */
  config?: { public: true };
}

const accepted: { status: 'accepted'; detail: string } = {
  status: 'accepted',
  detail: 'If the email has an account, a link is on its way',
};

/** Password reset by a mailed single-use token: the same two routes for customers and staff. */
export function passwordResetRoutes(instance: FastifyInstance, s: PasswordResetSurface): void {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { platform } = app;
  const config = s.config ?? {};
  app.post(
    `${s.base}/password-reset`,
    {
      config,
      preHandler: credentialLimits(app, `${s.limitPrefix}password-reset`, emailOf),
      schema: {
        tags: s.tags,
        summary: 'Mail a password reset link (the same answer whether or not the email has an account)',
        body: EmailBody,
        response: { 202: Accepted, ...s.problems },
      },
    },
    async (req, reply) => {
      await requestPasswordReset(platform, platform.orm.em.fork(), s.kind, req.body.email);
      return reply.code(202).send(accepted);
    },
  );
  app.post(
    `${s.base}/password-reset/confirm`,
    {
      config,
      preHandler: credentialLimits(app, `${s.limitPrefix}password-reset-confirm`),
      schema: {
        tags: s.tags,
        summary: 'Set a new password with the mailed token (once; signs out every session)',
        body: ResetBody,
        response: { 204: Type.Null(), ...s.problems },
      },
    },
    async (req, reply) => {
      await resetPassword(platform, platform.orm.em.fork(), s.kind, req.body);
      return reply.code(204).send(null);
    },
  );
}
