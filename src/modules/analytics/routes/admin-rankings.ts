import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { searchMisses } from '../use-cases/search-misses.ts';
import { topCategories } from '../use-cases/top-categories.ts';
import { topProducts } from '../use-cases/top-products.ts';
import { config, produces, tags } from './admin-reports.ts';
import { checkRange, sendReport } from './respond.ts';
import { problems, RankQuery, SearchMisses, SearchQuery, TopCategories, TopProducts } from './schemas.ts';

/** Best sellers and searches without result over a range of local days; each also as CSV. */
export const adminRankingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const em = () => app.platform.orm.em.fork();
  const common = { tags, security: bearer, produces };
  const answers = problems(400, 401, 403);

  app.get(
    '/admin/analytics/top-products',
    {
      config,
      schema: {
        ...common,
        summary: 'The best-selling products per currency, by units or revenue',
        querystring: RankQuery,
        response: { 200: TopProducts, ...answers },
      },
    },
    async (req, reply) => {
      checkRange(req.query);
      return sendReport(req, reply, {
        format: req.query.format,
        name: 'top-products',
        columns: ['currency', 'rank', 'productId', 'title', 'units', 'revenue'],
        rows: await topProducts(em(), req.query),
      });
    },
  );

  app.get(
    '/admin/analytics/top-categories',
    {
      config,
      schema: {
        ...common,
        summary: 'The best-selling categories per currency, by units or revenue',
        querystring: RankQuery,
        response: { 200: TopCategories, ...answers },
      },
    },
    async (req, reply) => {
      checkRange(req.query);
      return sendReport(req, reply, {
        format: req.query.format,
        name: 'top-categories',
        columns: ['currency', 'rank', 'categoryId', 'units', 'revenue'],
        rows: await topCategories(em(), req.query),
      });
    },
  );

  app.get(
    '/admin/analytics/search-misses',
    {
      config,
      schema: {
        ...common,
        summary: 'Store searches that found nothing, most frequent first',
        querystring: SearchQuery,
        response: { 200: SearchMisses, ...answers },
      },
    },
    async (req, reply) => {
      checkRange(req.query);
      return sendReport(req, reply, {
        format: req.query.format,
        name: 'search-misses',
        columns: ['query', 'searches', 'lastSeen'],
        rows: await searchMisses(em(), req.query),
      });
    },
  );
};
