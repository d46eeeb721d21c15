import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { RebuildDue } from '../use-cases/rebuild-rollups.ts';
import { funnelReport } from '../use-cases/funnel-report.ts';
import { salesReport } from '../use-cases/sales-report.ts';
import { checkRange, sendReport } from './respond.ts';
import { FunnelReport, problems, RebuildAccepted, SalesQuery, SalesReport } from './schemas.ts';

export const tags = ['admin: analytics'];
export const config = { permission: 'analytics:read' } as const;
export const produces = ['application/json', 'text/csv'];

/** Staff reports, read from the rollups; each also as CSV (`?format=csv` or `Accept: text/csv`). */
export const adminReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const em = () => platform.orm.em.fork();

  app.get(
    '/admin/analytics/sales',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary:
          'Revenue, orders, average order value, refunds, cancellations and captures per day, week or month and currency',
        querystring: SalesQuery,
        produces,
        response: { 200: SalesReport, ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      checkRange(req.query);
      const rows = await salesReport(em(), req.query);
      return sendReport(req, reply, {
        format: req.query.format,
        name: 'sales',
        columns: [
          'period',
          'currency',
          'orders',
          'revenue',
          'averageOrderValue',
          'refunds',
          'refunded',
          'cancellations',
          'captured',
        ],
        rows,
      });
    },
  );

  app.get(
    '/admin/analytics/funnel',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Viewed -> added to cart -> checkout started -> confirmed per period, with step conversion rates',
        querystring: SalesQuery,
        produces,
        response: { 200: FunnelReport, ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      checkRange(req.query);
      const rows = await funnelReport(em(), req.query);
      return sendReport(req, reply, {
        format: req.query.format,
        name: 'funnel',
        columns: [
          'period',
          'viewed',
          'addedToCart',
          'checkoutStarted',
          'confirmed',
          'carts',
          'viewToCart',
          'cartToCheckout',
          'checkoutToConfirmed',
          'viewToConfirmed',
        ],
        rows,
      });
    },
  );

  app.post(
    '/admin/analytics/rebuild',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Recompute every rollup from the stored event log (a background task)',
        response: { 202: RebuildAccepted, ...problems(401, 403) },
      },
    },
    async (req, reply) => {
      const task = await em().transactional((tx) =>
        platform.bus.schedule(
          tx,
          RebuildDue,
          { requestedBy: req.principal?.sub ?? 'staff' },
          { startAfter: new Date() },
        ),
      );
      return reply.code(202).send({ taskId: task.id });
    },
  );
};
