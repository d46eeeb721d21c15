import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { acceptCsv, CsvBody, CsvProblem, ImportQuery, ImportResult, sendCsv } from '../../../platform/csv/index.ts';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { exportStockCsv } from '../use-cases/export-stock-csv.ts';
import { importStockCsv } from '../use-cases/import-stock-csv.ts';
import { requestContext } from '../use-cases/stock-context.ts';
import { problems } from './schemas.ts';

const tags = ['admin: inventory'];

/** Stock as a spreadsheet: export, and an import checked whole before anything is applied (ADR 0032). */
export const adminStockCsvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  acceptCsv(app);

  app.get(
    '/admin/inventory/export.csv',
    {
      config: { permission: 'stock:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Stock per variant and location as CSV (sku, location, on_hand)',
        produces: ['text/csv'],
        response: { 200: Type.String(), ...problems },
      },
    },
    async (_req, reply) => sendCsv(reply, 'stock.csv', await exportStockCsv(platform.orm.em.fork())),
  );

  app.post(
    '/admin/inventory/import',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags,
        security: bearer,
        summary: 'Set stock from a CSV file (sku, location, on_hand); all rows or none',
        description:
          'Every row is checked first; any problem is a 422 listing them all by line, and nothing is applied. Each changed row is a counted-figure adjustment (reason cycle_count) publishing inventory.stock_changed.v1.',
        consumes: ['text/csv'],
        querystring: ImportQuery,
        body: CsvBody,
        response: { 200: ImportResult, ...problems, 413: Type.Ref('Problem'), 422: CsvProblem },
      },
    },
    async (req) => {
      const dryRun = req.query.dryRun ?? false;
      const counts = await importStockCsv(requestContext(platform), req.body, { dryRun, actor: currentActor(req) });
      return { dryRun, ...counts };
    },
  );
};
