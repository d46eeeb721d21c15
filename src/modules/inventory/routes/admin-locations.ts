import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { createLocation } from '../use-cases/create-location.ts';
import { deleteLocation } from '../use-cases/delete-location.ts';
import { getLocation } from '../use-cases/get-location.ts';
import { listLocations } from '../use-cases/list-locations.ts';
import { updateLocation } from '../use-cases/update-location.ts';
import { IdParam, LocationBody, LocationPatch, PageQuery, pageOf, problems } from './schemas.ts';
import { locationView } from './views.ts';

const tags = ['admin: stock locations'];
const Location = Type.Ref('StockLocation');

/** Where stock is kept. Codes are unique; the default location cannot be deleted. */
export const adminLocationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { orm } = app.platform;

  app.get(
    '/admin/stock-locations',
    {
      config: { permission: 'stock:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'List stock locations (the default first)',
        querystring: PageQuery,
        response: { 200: pageOf(Location), ...problems },
      },
    },
    async (req) => {
      const { items, nextCursor } = await listLocations(orm.em.fork(), req.query);
      return { items: items.map(locationView), nextCursor };
    },
  );

  app.post(
    '/admin/stock-locations',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags,
        security: bearer,
        summary: 'Add a stock location',
        body: LocationBody,
        response: { 201: Location, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(locationView(await createLocation(orm.em.fork(), req.body))),
  );

  app.get(
    '/admin/stock-locations/:id',
    {
      config: { permission: 'stock:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One stock location',
        params: IdParam,
        response: { 200: Location, ...problems },
      },
    },
    async (req) => locationView(await getLocation(orm.em.fork(), req.params.id)),
  );

  app.patch(
    '/admin/stock-locations/:id',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags,
        security: bearer,
        summary: 'Change a stock location',
        params: IdParam,
        body: LocationPatch,
        response: { 200: Location, ...problems },
      },
    },
    async (req) => locationView(await updateLocation(orm.em.fork(), req.params.id, req.body)),
  );

  app.delete(
    '/admin/stock-locations/:id',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags,
        security: bearer,
        summary: 'Delete an empty stock location (not the default)',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteLocation(orm.em.fork(), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
