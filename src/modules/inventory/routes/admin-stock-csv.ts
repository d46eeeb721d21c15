import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { acceptCsv, csvExportRoute, csvImportRoute, sendCsv } from '../../../platform/csv/index.ts';
import { currentActor } from '../../../platform/http/auth.ts';
import { exportStockCsv } from '../use-cases/export-stock-csv.ts';
import { importStockCsv } from '../use-cases/import-stock-csv.ts';
import { requestContext } from '../use-cases/stock-context.ts';

const tags = ['admin: inventory'];

/** Stock as a spreadsheet: export, and an import checked whole before anything is applied (ADR 0032). */
export const adminStockCsvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  acceptCsv(app);

  app.get(
    '/admin/inventory/export.csv',
    csvExportRoute({
      permission: 'stock:read',
      tags,
      summary: 'Stock per variant and location as CSV (sku, location, on_hand)',
    }),
    async (_req, reply) => sendCsv(reply, 'stock.csv', await exportStockCsv(platform.orm.em.fork())),
  );

  app.post(
    '/admin/inventory/import',
    csvImportRoute({
      permission: 'stock:adjust',
      tags,
      summary: 'Set stock from a CSV file (sku, location, on_hand); all rows or none',
      description:
        'Every row is checked first; any problem is a 422 listing them all by line, and nothing is applied. Each changed row is a counted-figure adjustment (reason cycle_count) publishing inventory.stock_changed.v1.',
      problemStatuses: [400, 401, 403, 404, 409],
    }),
    async (req) => {
      const dryRun = req.query.dryRun ?? false;
      const counts = await importStockCsv(requestContext(platform), req.body, { dryRun, actor: currentActor(req) });
      return { dryRun, ...counts };
    },
  );
};
