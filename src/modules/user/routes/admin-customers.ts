import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { passwordFlowLimited } from '../../../platform/http/rate-limit.ts';
import { emailInBody } from '../domain/email.ts';
import { authenticate } from '../use-cases/authenticate.ts';
import { getCustomer } from '../use-cases/get-customer.ts';
import { issueTokens } from '../use-cases/issue-tokens.ts';
import { listCustomers } from '../use-cases/list-customers.ts';
import { customerView } from './views.ts';
import { CustomerQuery, IdParam, LoginBody, Session, problemResponses } from './schemas.ts';

const problems = problemResponses(400, 401, 403, 404, 429);
const tags = ['admin: customers'];

/** Staff sign-in and the customer list. */
export const adminCustomerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

  app.post(
    '/admin/auth/login',
    {
      config: { public: true },
      preHandler: passwordFlowLimited(app, 'admin-login', (req) => emailInBody(req.body)),
      schema: {
        tags: ['admin: auth'],
        summary: 'Staff sign-in (admin role only)',
        body: LoginBody,
        response: { 200: Session, ...problems },
      },
    },
    async (req) => {
      const em = platform.orm.em.fork();
      const user = await authenticate(em, req.body.email, req.body.password, 'admin');
      return { customer: customerView(user), ...(await issueTokens(platform, em, user)) };
    },
  );

  app.get(
    '/admin/customers',
    {
      config: { permission: 'customers:read' },
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
      const page = await listCustomers(platform.orm.em.fork(), req.query);
      return { items: page.items.map(customerView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/admin/customers/:id',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One customer',
        params: IdParam,
        response: { 200: Type.Ref('Customer'), ...problems },
      },
    },
    async (req) => customerView(await getCustomer(platform.orm.em.fork(), req.params.id)),
  );
};
