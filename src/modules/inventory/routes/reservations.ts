import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { listReservations, readReservation } from '../reservation-read.ts';
import { reserveStock } from '../reserve-stock.ts';
import { commitReservation, releaseReservation } from '../settle-reservation.ts';
import { IdParam, ReservationBody, ReservationQuery } from '../schemas.ts';
import { requestContext } from '../stock-context.ts';
import { problems } from './problems.ts';

const tags = ['admin: reservations'];
const Reservation = Type.Ref('StockReservation');

/** Reservations by hand (the order saga calls the same use cases from its event handlers). */
export async function reservationRoutes(app: FastifyInstance) {
  const { platform } = app;

  app.post(
    '/admin/reservations',
    {
      schema: {
        tags,
        security: bearer,
        body: ReservationBody,
        summary: 'Reserve every line or none; the same reference again returns the existing reservation (200)',
        response: { 200: Reservation, 201: Reservation, ...problems },
      },
    },
    async (req, reply) => {
      const { reservation, created } = await reserveStock(
        requestContext(platform),
        req.body as Static<typeof ReservationBody>,
      );
      return reply.code(created ? 201 : 200).send(reservation);
    },
  );

  app.get(
    '/admin/reservations',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Reservations, newest first',
        querystring: ReservationQuery,
        response: {
          200: Type.Object({ items: Type.Array(Reservation), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...problems,
        },
      },
    },
    async (req) => listReservations(platform.orm.em.fork(), req.query as Static<typeof ReservationQuery>),
  );

  app.get(
    '/admin/reservations/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'One reservation',
        params: IdParam,
        response: { 200: Reservation, ...problems },
      },
    },
    async (req) => {
      const reservation = await readReservation(platform.orm.em.fork(), {
        id: (req.params as Static<typeof IdParam>).id,
      });
      if (!reservation) throw new NotFound('Reservation');
      return reservation;
    },
  );

  app.post(
    '/admin/reservations/:id/release',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Give the reserved stock back (idempotent; 409 after a commit)',
        params: IdParam,
        response: { 200: Reservation, ...problems },
      },
    },
    async (req) => releaseReservation(requestContext(platform), { id: (req.params as Static<typeof IdParam>).id }),
  );

  app.post(
    '/admin/reservations/:id/commit',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Ship the reserved stock: on hand and reserved go down (idempotent; 409 after a release)',
        params: IdParam,
        response: { 200: Reservation, ...problems },
      },
    },
    async (req) => commitReservation(requestContext(platform), { id: (req.params as Static<typeof IdParam>).id }),
  );
}
