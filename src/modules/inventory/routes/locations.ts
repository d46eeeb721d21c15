import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { StockLocation } from '../location.entity.ts';
import { createLocation, deleteLocation, updateLocation } from '../locations.ts';
import { IdParam, LocationBody, LocationPatch, PageQuery } from '../schemas.ts';
import { locationView } from '../views.ts';
import { problems } from './problems.ts';

const tags = ['admin: stock locations'];
const Location = Type.Ref('StockLocation');

/** Where stock is kept. Codes are unique; the default location cannot be deleted. */
export async function locationRoutes(app: FastifyInstance) {
  const { orm } = app.platform;

  app.get(
    '/admin/stock-locations',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'List stock locations (the default first)',
        querystring: PageQuery,
        response: {
          200: Type.Object({ items: Type.Array(Location), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...problems,
        },
      },
    },
    async (req) => {
      const { limit, cursor } = req.query as Static<typeof PageQuery>;
      const rows = await orm.em
        .fork()
        .find(StockLocation, cursor ? { id: { $gt: cursor } } : {}, { orderBy: { id: 'asc' }, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return { items: page.map(locationView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },
  );

  app.post(
    '/admin/stock-locations',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Add a stock location',
        body: LocationBody,
        response: { 201: Location, ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(locationView(await createLocation(orm.em.fork(), req.body as Static<typeof LocationBody>))),
  );

  app.get(
    '/admin/stock-locations/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'One stock location',
        params: IdParam,
        response: { 200: Location, ...problems },
      },
    },
    async (req) => {
      const location = await orm.em.fork().findOne(StockLocation, { id: (req.params as Static<typeof IdParam>).id });
      if (!location) throw new NotFound('Stock location');
      return locationView(location);
    },
  );

  app.patch(
    '/admin/stock-locations/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Change a stock location',
        params: IdParam,
        body: LocationPatch,
        response: { 200: Location, ...problems },
      },
    },
    async (req) =>
      locationView(
        await updateLocation(
          orm.em.fork(),
          (req.params as Static<typeof IdParam>).id,
          req.body as Static<typeof LocationPatch>,
        ),
      ),
  );

  app.delete(
    '/admin/stock-locations/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Delete an empty stock location (not the default)',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteLocation(orm.em.fork(), (req.params as Static<typeof IdParam>).id);
      return reply.code(204).send();
    },
  );
}
