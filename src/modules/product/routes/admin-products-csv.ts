import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { acceptCsv, csvExportRoute, csvImportRoute, sendCsv } from '../../../platform/csv/index.ts';
import { exportProductsCsv } from '../use-cases/export-products-csv.ts';
import { importProductsCsv } from '../use-cases/import-products-csv.ts';

const tags = ['admin: products'];

/** The catalog as a spreadsheet: export, and an import checked whole before anything is applied (ADR 0032). */
export const adminProductCsvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  acceptCsv(app);

  app.get(
    '/admin/products/export.csv',
    csvExportRoute({
      permission: 'catalog:read',
      tags,
      summary: 'Products and variants as CSV, a row per variant (columns in ADR 0032)',
    }),
    async (_req, reply) => sendCsv(reply, 'products.csv', exportProductsCsv(platform.orm.em.fork())),
  );

  app.post(
    '/admin/products/import',
    csvImportRoute({
      permission: 'catalog:write',
      tags,
      summary: 'Create and change products from a CSV file, a row per variant keyed by SKU; all rows or none',
      description:
        'Columns: handle, title, status, sku (required); subtitle, description, variant_title, weight_grams, optionN_name/optionN_value (N 1-10). A new handle creates a product, a known one changes it; variants left out are kept. Every row is checked first; any problem is a 422 listing them all by line, and nothing is applied. Publishes product.created.v1 / product.updated.v1 as single edits do.',
      problemStatuses: [400, 401, 403, 404, 409],
    }),
    async (req) => {
      const dryRun = req.query.dryRun ?? false;
      return { dryRun, ...(await importProductsCsv(platform, platform.orm.em.fork(), req.body, { dryRun })) };
    },
  );
};
