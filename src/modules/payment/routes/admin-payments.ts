import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer, requireAdmin } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { findPayment, listPayments, refundsOf } from '../store.ts';
import { IdParam, PaymentOut, PaymentQuery, paymentView, RefundOut } from '../views.ts';

const tags = ['admin: payments'];
const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
};

/** Staff read payments and their refunds; money moves only through the order's events. */
export async function adminPaymentRoutes(app: FastifyInstance) {
  const { platform } = app;
  app.addSchema(RefundOut);
  app.addSchema(PaymentOut);
  app.addHook('onRequest', requireAdmin);

  app.get(
    '/admin/payments',
    {
      schema: {
        tags,
        security: bearer,
        summary: "Payments, newest first (an order's attempts with ?orderId=)",
        querystring: PaymentQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('Payment')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof PaymentQuery>;
      const em = platform.orm.em.fork();
      const rows = await listPayments(em, q);
      const page = rows.slice(0, q.limit);
      const refunds = await refundsOf(
        em,
        page.map((p) => p.id),
      );
      return {
        items: page.map((p) => paymentView(p, refunds)),
        nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
      };
    },
  );

  app.get(
    '/admin/payments/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'One payment with its refunds',
        params: IdParam,
        response: { 200: Type.Ref('Payment'), ...problems },
      },
    },
    async (req) => {
      const em = platform.orm.em.fork();
      const payment = await findPayment(em, (req.params as Static<typeof IdParam>).id);
      if (!payment) throw new NotFound('Payment');
      return paymentView(payment, await refundsOf(em, [payment.id]));
    },
  );
}
