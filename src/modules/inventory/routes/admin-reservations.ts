import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { commitReservation } from '../use-cases/commit-reservation.ts';
import { getReservation } from '../use-cases/get-reservation.ts';
import { listReservations } from '../use-cases/list-reservations.ts';
import { releaseReservation } from '../use-cases/release-reservation.ts';
import { reserveStock } from '../use-cases/reserve-stock.ts';
import { requestContext } from '../use-cases/stock-context.ts';
import { IdParam, pageOf, problems, ReservationBody, ReservationQuery } from './schemas.ts';

const tags = ['admin: reservations'];
const Reservation = Type.Ref('StockReservation');

/** Reservations by hand (the order saga calls the same use cases from its event handlers). */
export const adminReservationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

  app.post(
    '/admin/reservations',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags,
        security: bearer,
        body: ReservationBody,
        summary: 'Reserve every line or none; the same reference again returns the existing reservation (200)',
        response: { 200: Reservation, 201: Reservation, ...problems },
      },
    },
    async (req, reply) => {
      const { reservation, created } = await reserveStock(requestContext(platform), req.body);
      return reply.code(created ? 201 : 200).send(reservation);
    },
  );

  app.get(
    '/admin/reservations',
    {
      config: { permission: 'stock:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Reservations, newest first',
        querystring: ReservationQuery,
        response: { 200: pageOf(Reservation), ...problems },
      },
    },
    async (req) => listReservations(platform.orm.em.fork(), req.query),
  );

  app.get(
    '/admin/reservations/:id',
    {
      config: { permission: 'stock:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One reservation',
        params: IdParam,
        response: { 200: Reservation, ...problems },
      },
    },
    async (req) => {
      const reservation = await getReservation(platform.orm.em.fork(), { id: req.params.id });
      if (!reservation) throw new NotFound('Reservation');
      return reservation;
    },
  );

  app.post(
    '/admin/reservations/:id/release',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags,
        security: bearer,
        summary: 'Give the reserved stock back (idempotent; 409 after a commit)',
        params: IdParam,
        response: { 200: Reservation, ...problems },
      },
    },
    async (req) => releaseReservation(requestContext(platform), { id: req.params.id }),
  );

  app.post(
    '/admin/reservations/:id/commit',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags,
        security: bearer,
        summary: 'Ship the reserved stock: on hand and reserved go down (idempotent; 409 after a release)',
        params: IdParam,
        response: { 200: Reservation, ...problems },
      },
    },
    async (req) => commitReservation(requestContext(platform), { id: req.params.id }),
  );
};
