import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentUser, requireCustomer } from '../../../platform/http/auth.ts';
import { customerPrincipal } from '../domain/principal.ts';
import { authenticate } from '../use-cases/authenticate.ts';
import { getProfile } from '../use-cases/get-profile.ts';
import { issueTokens } from '../use-cases/issue-tokens.ts';
import { refreshSession } from '../use-cases/refresh-session.ts';
import { registerCustomer } from '../use-cases/register-customer.ts';
import { customerView } from './views.ts';
import { signOutRoutes } from './sign-out-routes.ts';
import { credentialLimits, emailOf } from './limits.ts';
import { LoginBody, RefreshBody, RegisterBody, Session, problemResponses } from './schemas.ts';
import { Accepted } from './staff-schemas.ts';

const problems = problemResponses(400, 401, 409, 429);
const tags = ['store: auth'];
const registered: { status: 'accepted'; detail: string } = {
  status: 'accepted',
  detail: 'Check your inbox: we sent a message to this address. Then sign in.',
};

/** Register, login, refresh, logout. Login and register are rate limited per IP and per email. */
export const storeAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

  app.post(
    '/store/auth/register',
    {
      preHandler: credentialLimits(app, 'register', emailOf),
      schema: {
        tags,
        summary: 'Create a customer account',
        description:
          'Answers 202 alike whether or not the email has an account (a new account gets a welcome and a verification mail, ' +
          'the owner of a known one a notice); then sign in with POST /store/auth/login.',
        body: RegisterBody,
        response: { 202: Accepted, ...problems },
      },
    },
    async (req, reply) => {
      await registerCustomer(platform, platform.orm.em.fork(), req.body);
      return reply.code(202).send(registered);
    },
  );

  app.post(
    '/store/auth/login',
    {
      preHandler: credentialLimits(app, 'login', emailOf),
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: LoginBody,
        response: { 200: Session, ...problems },
      },
    },
    async (req) => {
      const em = platform.orm.em.fork();
      const user = await authenticate(platform.config, em, req.body.email, req.body.password);
      return { customer: customerView(user), ...(await issueTokens(platform, em, customerPrincipal(user))) };
    },
  );

  app.post(
    '/store/auth/refresh',
    {
      schema: {
        tags,
        summary: 'Trade a refresh token for new tokens (it rotates)',
        body: RefreshBody,
        response: { 200: Session, ...problems },
      },
    },
    async (req) => {
      const em = platform.orm.em.fork();
      const { account, issued } = await refreshSession(platform, em, req.body.refreshToken, 'customer');
      return { customer: customerView(await getProfile(em, account.id)), ...issued };
    },
  );

  signOutRoutes(app, {
    base: '/store/auth',
    kind: 'customer',
    tags,
    problems,
    requireSelf: requireCustomer,
    self: currentUser,
  });
};
