import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentUser, requireCustomer } from '../../../platform/http/auth.ts';
import { eraseCustomer } from '../use-cases/erase-customer.ts';
import { exportCustomerData } from '../use-cases/export-customer-data.ts';
import { accountOf, credentialLimits } from './limits.ts';
import { problemResponses } from './schemas.ts';
import { PasswordBody } from './staff-schemas.ts';
import { addressView, customerView, sessionView } from './views.ts';

const problems = problemResponses(400, 401, 403, 404, 429);
const tags = ['store: account'];

const Export = Type.Object({
  exportedAt: Type.String({ format: 'date-time' }),
  profile: Type.Ref('Customer'),
  addresses: Type.Array(Type.Ref('Address')),
  sessions: Type.Array(
    Type.Object({
      createdAt: Type.String({ format: 'date-time' }),
      expiresAt: Type.String({ format: 'date-time' }),
      lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  ),
  orders: Type.Object({ href: Type.String(), note: Type.String() }),
});

/** A customer's own data: export it, or delete the account. */
export const storePrivacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

  app.get(
    '/store/me/export',
    {
      onRequest: requireCustomer,
      schema: {
        tags,
        security: bearer,
        summary: 'Export my data (profile, addresses, sign-ins; orders from GET /store/orders)',
        response: { 200: Export, ...problems },
      },
    },
    async (req, reply) => {
      const data = await exportCustomerData(platform.orm.em.fork(), currentUser(req).sub);
      reply.header('content-disposition', 'attachment; filename="my-data.json"');
      return {
        exportedAt: new Date().toISOString(),
        profile: customerView(data.profile),
        addresses: data.addresses.map(addressView),
        sessions: data.sessions.map(sessionView),
        orders: {
          href: '/store/orders',
          note: 'Orders are kept by the order module: read them, with this token, page by page from this address',
        },
      };
    },
  );

  app.delete(
    '/store/me',
    {
      onRequest: requireCustomer,
      preHandler: credentialLimits(app, 'erase-account', accountOf),
      schema: {
        tags,
        security: bearer,
        summary: 'Delete my account (confirmed by my password): personal data erased, orders kept anonymised',
        body: PasswordBody,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await eraseCustomer(platform, platform.orm.em.fork(), currentUser(req).sub, req.body.password);
      return reply.code(204).send(null);
    },
  );
};
