import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { attemptLimit } from '../../../platform/http/rate-limit.ts';
import { authenticate, register } from '../accounts.ts';
import { issueTokens, revoke, rotate } from '../tokens.ts';
import { customerView } from '../views.ts';
import { LoginBody, RefreshBody, RegisterBody, Session } from '../schemas.ts';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  429: Type.Ref('Problem'),
};

/** Register, login, refresh, logout. Login and register are rate limited per IP and per email. */
export async function authRoutes(app: FastifyInstance) {
  const { platform } = app;
  const { AUTH_RATE_LIMIT_MAX: max, AUTH_RATE_LIMIT_WINDOW_SECONDS: window } = platform.config;
  const emailOf = (req: FastifyRequest) => (req.body as { email?: string } | undefined)?.email?.trim().toLowerCase();
  // Per IP (looser: shoppers share NATs) slows password spraying; per email slows guessing one
  // account's password from many addresses.
  const limits = (route: string) => [
    app.rateLimit({ max: max * 5, timeWindow: window * 1000, keyGenerator: (req) => `${route}:${req.ip}` }),
    attemptLimit(app, { name: `${route}-email`, max, windowSeconds: window, key: emailOf }),
  ];

  app.post(
    '/store/auth/register',
    {
      preHandler: limits('register'),
      schema: {
        tags: ['store: auth'],
        summary: 'Create a customer account',
        body: RegisterBody,
        response: { 201: Session, ...problems },
      },
    },
    async (req, reply) => {
      const em = platform.orm.em.fork();
      const user = await register(platform, em, req.body as Static<typeof RegisterBody>);
      const issued = await issueTokens(platform, em, user);
      return reply.code(201).send({ customer: customerView(user), ...issued });
    },
  );

  app.post(
    '/store/auth/login',
    {
      preHandler: limits('login'),
      schema: {
        tags: ['store: auth'],
        summary: 'Sign in with email and password',
        body: LoginBody,
        response: { 200: Session, ...problems },
      },
    },
    async (req) => {
      const { email, password } = req.body as Static<typeof LoginBody>;
      const em = platform.orm.em.fork();
      const user = await authenticate(em, email, password);
      return { customer: customerView(user), ...(await issueTokens(platform, em, user)) };
    },
  );

  app.post(
    '/store/auth/refresh',
    {
      schema: {
        tags: ['store: auth'],
        summary: 'Trade a refresh token for new tokens (it rotates)',
        body: RefreshBody,
        response: { 200: Session, ...problems },
      },
    },
    async (req) => {
      const { user, issued } = await rotate(
        platform,
        platform.orm.em.fork(),
        (req.body as Static<typeof RefreshBody>).refreshToken,
      );
      return { customer: customerView(user), ...issued };
    },
  );

  app.post(
    '/store/auth/logout',
    {
      schema: {
        tags: ['store: auth'],
        summary: 'Revoke a refresh token and its family',
        body: RefreshBody,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await revoke(platform.orm.em.fork(), (req.body as Static<typeof RefreshBody>).refreshToken);
      return reply.code(204).send();
    },
  );
}
