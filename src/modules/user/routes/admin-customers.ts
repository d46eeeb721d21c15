import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { getCustomer } from '../use-cases/get-customer.ts';
import { listCustomers } from '../use-cases/list-customers.ts';
import { customerView } from './views.ts';
import { CustomerQuery, IdParam, problemResponses } from './schemas.ts';

const problems = problemResponses(400, 401, 403, 404);
const tags = ['admin: customers'];

/** The customer list, for staff. */
export const adminCustomerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

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
