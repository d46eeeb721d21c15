import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { passwordFlowLimited } from '../../../platform/http/rate-limit.ts';
import { emailInBody } from '../domain/email.ts';
import { authenticate } from '../use-cases/authenticate.ts';
import { issueTokens } from '../use-cases/issue-tokens.ts';
import { refreshSession } from '../use-cases/refresh-session.ts';
import { registerCustomer } from '../use-cases/register-customer.ts';
import { signOut } from '../use-cases/sign-out.ts';
import { customerView } from './views.ts';
import { LoginBody, RefreshBody, RegisterBody, Session, problemResponses } from './schemas.ts';

const problems = problemResponses(400, 401, 409, 429);
const tags = ['store: auth'];

/** Register, login, refresh, logout. Login and register are rate limited per IP and per email. */
export const storeAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  // Per (email, address), per address and a per-email backstop that spares the owner's addresses.
  const limits = (route: string) => passwordFlowLimited(app, route, (req: FastifyRequest) => emailInBody(req.body));

  app.post(
    '/store/auth/register',
    {
      preHandler: limits('register'),
      schema: {
        tags,
        summary: 'Create a customer account',
        body: RegisterBody,
        response: { 201: Session, ...problems },
      },
    },
    async (req, reply) => {
      const em = platform.orm.em.fork();
      const user = await registerCustomer(platform, em, req.body);
      const issued = await issueTokens(platform, em, user);
      return reply.code(201).send({ customer: customerView(user), ...issued });
    },
  );

  app.post(
    '/store/auth/login',
    {
      preHandler: limits('login'),
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: LoginBody,
        response: { 200: Session, ...problems },
      },
    },
    async (req) => {
      const em = platform.orm.em.fork();
      const user = await authenticate(em, req.body.email, req.body.password);
      return { customer: customerView(user), ...(await issueTokens(platform, em, user)) };
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
      const { user, issued } = await refreshSession(platform, platform.orm.em.fork(), req.body.refreshToken);
      return { customer: customerView(user), ...issued };
    },
  );

  app.post(
    '/store/auth/logout',
    {
      schema: {
        tags,
        summary: 'Revoke a refresh token and its family',
        body: RefreshBody,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await signOut(platform.orm.em.fork(), req.body.refreshToken);
      return reply.code(204).send(null);
    },
  );
};
