import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { acceptCsv, csvExportRoute, csvImportRoute, sendCsv } from '../../../platform/csv/index.ts';
import { publisherFor } from '../../../platform/host/platform.ts';
import { currentActor } from '../../../platform/http/auth.ts';
import { exportPricesCsv } from '../use-cases/export-prices-csv.ts';
import { importPricesCsv } from '../use-cases/import-prices-csv.ts';

const tags = ['admin: pricing'];

/** Base prices as a spreadsheet: export, and an import checked whole before anything is applied (ADR 0032). */
export const adminPriceCsvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const publish = publisherFor(platform, 'pricing');
  acceptCsv(app);

  app.get(
    '/admin/prices/export.csv',
    csvExportRoute({
      permission: 'catalog:read',
      tags,
      summary: 'Base prices as CSV (sku, currency, amount in minor units)',
    }),
    async (_req, reply) => sendCsv(reply, 'prices.csv', await exportPricesCsv(platform.orm.em.fork())),
  );

  app.post(
    '/admin/prices/import',
    csvImportRoute({
      permission: 'pricing:write',
      tags,
      summary: 'Set base prices from a CSV file (sku, currency, amount); all rows or none',
      description:
        'Every row is checked first; any problem is a 422 listing them all by line, and nothing is applied. An empty amount removes that price; currencies the file does not name are kept. Publishes pricing.price_changed.v1 as a single edit does.',
      problemStatuses: [400, 401, 403, 409],
    }),
    async (req) => {
      const dryRun = req.query.dryRun ?? false;
      const em = platform.orm.em.fork();
      return { dryRun, ...(await importPricesCsv(em, publish, req.body, { dryRun, actor: currentActor(req) })) };
    },
  );
};
