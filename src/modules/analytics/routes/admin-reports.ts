import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { RebuildDue } from '../use-cases/rebuild-rollups.ts';
import { salesReport } from '../use-cases/sales-report.ts';
import { checkRange, sendReport } from './respond.ts';
import { problems, RebuildAccepted, SalesQuery, SalesReport } from './schemas.ts';

const tags = ['admin: analytics'];
const config = { permission: 'analytics:read' } as const;
const produces = ['application/json', 'text/csv'];

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
        summary: 'Revenue, orders, average order value and refunds per day, week or month and currency',
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
        columns: ['period', 'currency', 'orders', 'revenue', 'averageOrderValue', 'refunds', 'refunded'],
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
