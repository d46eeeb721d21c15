import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer, currentUser, requireCustomer } from '../../../platform/http/auth.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { Address } from '../address.entity.ts';
import { User } from '../user.entity.ts';
import { addressView, customerView } from '../views.ts';
import { AddressBody, AddressPatch, IdParam, UpdateMeBody } from '../schemas.ts';

const MAX_ADDRESSES = 50;
const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
};
const tags = ['store: account'];

/** The signed-in customer's profile and address book. Another customer's address is a 404. */
export async function meRoutes(app: FastifyInstance) {
  const { orm } = app.platform;
  app.addHook('preHandler', requireCustomer);

  app.get(
    '/store/me',
    { schema: { tags, security: bearer, summary: 'My profile', response: { 200: Type.Ref('Customer'), ...problems } } },
    async (req) =>
      customerView(
        await orm.em
          .fork()
          .findOneOrFail(User, { id: currentUser(req).sub }, { failHandler: () => new NotFound('Customer') }),
      ),
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
    async (req) => {
      const em = orm.em.fork();
      const user = await em.findOneOrFail(
        User,
        { id: currentUser(req).sub },
        { failHandler: () => new NotFound('Customer') },
      );
      em.assign(user, req.body as Static<typeof UpdateMeBody>);
      await em.flush();
      return customerView(user);
    },
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
    async (req) => ({
      items: (
        await orm.em
          .fork()
          .find(Address, { userId: currentUser(req).sub }, { orderBy: { id: 'asc' }, limit: MAX_ADDRESSES })
      ).map(addressView),
    }),
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
    async (req, reply) => {
      const userId = currentUser(req).sub;
      const body = req.body as Static<typeof AddressBody>;
      const address = await orm.em.fork().transactional(async (em) => {
        if ((await em.count(Address, { userId })) >= MAX_ADDRESSES)
          throw new Conflict(`An address book holds at most ${MAX_ADDRESSES} addresses`);
        if (body.isDefaultShipping) await em.nativeUpdate(Address, { userId }, { isDefaultShipping: false });
        return em.create(Address, { ...body, userId, isDefaultShipping: body.isDefaultShipping ?? false });
      });
      return reply.code(201).send(addressView(address));
    },
  );

  const own = (id: string, userId: string) => ({ id, userId });

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
    async (req) => {
      const { id } = req.params as Static<typeof IdParam>;
      const a = await orm.em.fork().findOne(Address, own(id, currentUser(req).sub));
      if (!a) throw new NotFound('Address');
      return addressView(a);
    },
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
    async (req) => {
      const { id } = req.params as Static<typeof IdParam>;
      const userId = currentUser(req).sub;
      const body = req.body as Static<typeof AddressPatch>;
      return addressView(
        await orm.em.fork().transactional(async (em) => {
          const a = await em.findOne(Address, own(id, userId));
          if (!a) throw new NotFound('Address');
          if (body.isDefaultShipping)
            await em.nativeUpdate(Address, { userId, id: { $ne: id } }, { isDefaultShipping: false });
          em.assign(a, body);
          return a;
        }),
      );
    },
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
      const { id } = req.params as Static<typeof IdParam>;
      const deleted = await orm.em.fork().nativeDelete(Address, own(id, currentUser(req).sub));
      if (!deleted) throw new NotFound('Address');
      return reply.code(204).send();
    },
  );
}
