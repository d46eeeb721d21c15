import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { getPayment } from '../use-cases/get-payment.ts';
import { listPayments } from '../use-cases/list-payments.ts';
import { IdParam, PaymentOut, PaymentQuery, PaymentsPage, paymentView, RefundOut } from './schemas.ts';

const tags = ['admin: payments'];
const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
};

/** Staff read payments and their refunds; money moves only through the order's events. */
export const adminPaymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  app.addSchema(RefundOut);
  app.addSchema(PaymentOut);

  app.get(
    '/admin/payments',
    {
      config: { permission: 'orders:read' },
      schema: {
        tags,
        security: bearer,
        summary: "Payments, newest first (an order's attempts with ?orderId=)",
        querystring: PaymentQuery,
        response: { 200: PaymentsPage, ...problems },
      },
    },
    async (req) => {
      const { payments, refunds, nextCursor } = await listPayments(platform.orm.em.fork(), req.query);
      return { items: payments.map((p) => paymentView(p, refunds)), nextCursor };
    },
  );

  app.get(
    '/admin/payments/:id',
    {
      config: { permission: 'orders:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One payment with its refunds',
        params: IdParam,
        response: { 200: Type.Ref('Payment'), ...problems },
      },
    },
    async (req) => {
      const { payment, refunds } = await getPayment(platform.orm.em.fork(), req.params.id);
      return paymentView(payment, refunds);
    },
  );
};
