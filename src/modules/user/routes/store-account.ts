import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentUser, requireCustomer } from '../../../platform/http/auth.ts';
import { addAddress } from '../use-cases/add-address.ts';
import { deleteAddress } from '../use-cases/delete-address.ts';
import { getAddress } from '../use-cases/get-address.ts';
import { getProfile } from '../use-cases/get-profile.ts';
import { listAddresses } from '../use-cases/list-addresses.ts';
import { updateAddress } from '../use-cases/update-address.ts';
import { updateProfile } from '../use-cases/update-profile.ts';
import { addressView, customerView } from './views.ts';
import { AddressBody, AddressPatch, IdParam, UpdateMeBody, problemResponses } from './schemas.ts';

const problems = problemResponses(400, 401, 403, 404);
const tags = ['store: account'];

/** The signed-in customer's profile and address book. Another customer's address is a 404. */
export const storeAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { orm } = app.platform;
  app.addHook('preHandler', requireCustomer);

  app.get(
    '/store/me',
    { schema: { tags, security: bearer, summary: 'My profile', response: { 200: Type.Ref('Customer'), ...problems } } },
    async (req) => customerView(await getProfile(orm.em.fork(), currentUser(req).sub)),
  );

  app.patch(
    '/store/me',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Update my profile',
        body: UpdateMeBody,
        response: { 200: Type.Ref('Customer'), ...problems },
      },
    },
    async (req) => customerView(await updateProfile(orm.em.fork(), currentUser(req).sub, req.body)),
  );

  app.get(
    '/store/me/addresses',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'My addresses',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Address')) }), ...problems },
      },
    },
    async (req) => ({ items: (await listAddresses(orm.em.fork(), currentUser(req).sub)).map(addressView) }),
  );

  app.post(
    '/store/me/addresses',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Add an address',
        body: AddressBody,
        response: { 201: Type.Ref('Address'), ...problems },
      },
    },
    async (req, reply) =>
      reply.code(201).send(addressView(await addAddress(orm.em.fork(), currentUser(req).sub, req.body))),
  );

  app.get(
    '/store/me/addresses/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'One of my addresses',
        params: IdParam,
        response: { 200: Type.Ref('Address'), ...problems },
      },
    },
    async (req) => addressView(await getAddress(orm.em.fork(), currentUser(req).sub, req.params.id)),
  );

  app.patch(
    '/store/me/addresses/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Change one of my addresses',
        params: IdParam,
        body: AddressPatch,
        response: { 200: Type.Ref('Address'), ...problems },
      },
    },
    async (req) => addressView(await updateAddress(orm.em.fork(), currentUser(req).sub, req.params.id, req.body)),
  );

  app.delete(
    '/store/me/addresses/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Delete one of my addresses',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteAddress(orm.em.fork(), currentUser(req).sub, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
