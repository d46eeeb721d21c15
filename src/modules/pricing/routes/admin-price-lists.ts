import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publisherFor } from '../../../platform/host/platform.ts';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { createPriceList } from '../use-cases/create-price-list.ts';
import { deletePriceList } from '../use-cases/delete-price-list.ts';
import { getPriceList } from '../use-cases/get-price-list.ts';
import { listPriceLists } from '../use-cases/list-price-lists.ts';
import { updatePriceList } from '../use-cases/update-price-list.ts';
import {
  IdParam,
  Page,
  pageOf,
  PriceListBody,
  PriceListDetail,
  PriceListOut,
  PriceListPatch,
  problems,
} from './schemas.ts';

const tags = ['admin: price lists'];

/** Price lists (sales): prices that apply in a time window, to everyone or to one customer group. */
export const adminPriceListRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const deps = { publish: publisherFor(platform, 'pricing'), bus: platform.bus };
  const em = () => platform.orm.em.fork();

  app.get(
    '/admin/price-lists',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'List price lists (newest first)',
        querystring: Page,
        response: { 200: pageOf(PriceListOut), ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, cursor } = req.query;
      return listPriceLists(em(), limit, cursor);
    },
  );

  app.post(
    '/admin/price-lists',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Create a price list',
        body: PriceListBody,
        response: { 201: PriceListDetail, ...problems(400, 401, 403, 404) },
        description:
          'The lowest applicable price wins: base price vs every active list the shopper qualifies for. startsAt/endsAt may be null (open-ended); the window is [startsAt, endsAt).',
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createPriceList(em(), { ...deps, actor: currentActor(req) }, req.body)),
  );

  app.get(
    '/admin/price-lists/:id',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One price list with its prices',
        params: IdParam,
        response: { 200: PriceListDetail, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => getPriceList(em(), req.params.id),
  );

  app.patch(
    '/admin/price-lists/:id',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Change a price list',
        params: IdParam,
        body: PriceListPatch,
        response: { 200: PriceListDetail, ...problems(400, 401, 403, 404) },
        description: '`prices`, when given, replaces the whole set.',
      },
    },
    async (req) => updatePriceList(em(), { ...deps, actor: currentActor(req) }, req.params.id, req.body),
  );

  app.delete(
    '/admin/price-lists/:id',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Delete a price list',
        params: IdParam,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deletePriceList(em(), { ...deps, actor: currentActor(req) }, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
