import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentUser, requireCustomer } from '../../../platform/http/auth.ts';
import { customerPrincipal } from '../domain/principal.ts';
import { changePassword } from '../use-cases/change-password.ts';
import { getProfile } from '../use-cases/get-profile.ts';
import { issueTokens } from '../use-cases/issue-tokens.ts';
import { requestEmailVerification } from '../use-cases/request-email-verification.ts';
import { verifyEmail } from '../use-cases/verify-email.ts';
import { accountOf, credentialLimits } from './limits.ts';
import { Session, problemResponses } from './schemas.ts';
import { Accepted, ChangePasswordBody, TokenBody } from './staff-schemas.ts';
import { customerView } from './views.ts';
import { passwordResetRoutes } from './password-reset-routes.ts';

const problems = problemResponses(400, 401, 403, 404, 409, 429);
const tags = ['store: auth'];

/** A customer's password (reset by mail, change) and email verification. */
export const storePasswordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

  passwordResetRoutes(app, { base: '/store/auth', kind: 'customer', tags, problems, limitPrefix: '' });

  app.post(
    '/store/auth/verify-email',
    {
      preHandler: credentialLimits(app, 'verify-email'),
      schema: {
        tags,
        summary: 'Confirm my email with the mailed token',
        body: TokenBody,
        response: { 200: Type.Ref('Customer'), ...problems },
      },
    },
    async (req) => customerView(await verifyEmail(platform.orm.em.fork(), req.body.token)),
  );

  app.post(
    '/store/me/verify-email',
    {
      onRequest: requireCustomer,
      preHandler: credentialLimits(app, 'verify-email-resend', accountOf),
      schema: {
        tags,
        security: bearer,
        summary: 'Mail me a new email verification link',
        response: { 202: Accepted, ...problems },
      },
    },
    async (req, reply) => {
      await requestEmailVerification(platform, platform.orm.em.fork(), currentUser(req).sub);
      return reply.code(202).send({ status: 'accepted', detail: 'A verification link is on its way' });
    },
  );

  app.post(
    '/store/me/password',
    {
      onRequest: requireCustomer,
      preHandler: credentialLimits(app, 'password-change', accountOf),
      schema: {
        tags,
        security: bearer,
        summary: 'Change my password (signs out every other session; answers a new session)',
        body: ChangePasswordBody,
        response: { 200: Session, ...problems },
      },
    },
    async (req) => {
      const em = platform.orm.em.fork();
      const id = currentUser(req).sub;
      await changePassword(platform, em, { kind: 'customer', id }, req.body);
      const user = await getProfile(em, id);
      return { customer: customerView(user), ...(await issueTokens(platform, em, customerPrincipal(user))) };
    },
  );
};
