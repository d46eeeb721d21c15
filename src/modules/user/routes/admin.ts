import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { FilterQuery } from '@mikro-orm/core';
import { bearer, requireAdmin } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { attemptLimit } from '../../../platform/http/rate-limit.ts';
import { authenticate } from '../accounts.ts';
import { issueTokens } from '../tokens.ts';
import { User } from '../user.entity.ts';
import { customerView } from '../views.ts';
import { CustomerQuery, IdParam, LoginBody, Session } from '../schemas.ts';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  429: Type.Ref('Problem'),
};
const tags = ['admin: customers'];

/** Staff sign-in and the customer list. */
export async function adminRoutes(app: FastifyInstance) {
  const { platform } = app;
  const { AUTH_RATE_LIMIT_MAX: max, AUTH_RATE_LIMIT_WINDOW_SECONDS: window } = platform.config;

  app.post(
    '/admin/auth/login',
    {
      preHandler: [
        app.rateLimit({ max, timeWindow: window * 1000, keyGenerator: (req) => `admin-login:${req.ip}` }),
        attemptLimit(app, {
          name: 'admin-login-email',
          max,
          windowSeconds: window,
          key: (req) => (req.body as { email?: string }).email?.toLowerCase(),
        }),
      ],
      schema: {
        tags: ['admin: auth'],
        summary: 'Staff sign-in (admin role only)',
        body: LoginBody,
        response: { 200: Session, ...problems },
      },
    },
    async (req) => {
      const { email, password } = req.body as Static<typeof LoginBody>;
      const em = platform.orm.em.fork();
      const user = await authenticate(em, email, password, 'admin');
      return { customer: customerView(user), ...(await issueTokens(platform, em, user)) };
    },
  );

  app.get(
    '/admin/customers',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        security: bearer,
        summary: 'List and search customers (newest first)',
        querystring: CustomerQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('Customer')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const { q, limit, cursor } = req.query as Static<typeof CustomerQuery>;
      const where: FilterQuery<User> = { role: 'customer' };
      if (cursor) where.id = { $lt: cursor }; // UUIDv7 ids sort by creation time: a stable keyset cursor
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
        where.$or = [{ email: { $ilike: like } }, { firstName: { $ilike: like } }, { lastName: { $ilike: like } }];
      }
      const rows = await platform.orm.em.fork().find(User, where, { orderBy: { id: 'desc' }, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return { items: page.map(customerView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },
  );

  app.get(
    '/admin/customers/:id',
    {
      preHandler: requireAdmin,
      schema: {
        tags,
        security: bearer,
        summary: 'One customer',
        params: IdParam,
        response: { 200: Type.Ref('Customer'), ...problems },
      },
    },
    async (req) => {
      const user = await platform.orm.em
        .fork()
        .findOne(User, { id: (req.params as Static<typeof IdParam>).id, role: 'customer' });
      if (!user) throw new NotFound('Customer');
      return customerView(user);
    },
  );
}
