import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentUser, readUser, requireCustomer } from '../../../platform/http/auth.ts';
import { rateLimited } from '../../../platform/http/rate-limit.ts';
import { addCartItem } from '../use-cases/add-cart-item.ts';
import { changeLineQuantity } from '../use-cases/change-line-quantity.ts';
import { claimCart } from '../use-cases/claim-cart.ts';
import { createCart } from '../use-cases/create-cart.ts';
import { listShippingOptions } from '../use-cases/list-shipping-options.ts';
import { removeCartLine } from '../use-cases/remove-cart-line.ts';
import { updateCart } from '../use-cases/update-cart.ts';
import { viewCart } from '../use-cases/view-cart.ts';
import {
  CartCreate,
  CartPatch,
  CountryCode,
  IdParam,
  ItemAdd,
  ItemPatch,
  LineParams,
  problems as problemsFor,
  PromotionIn,
} from './schemas.ts';

const problems = problemsFor(400, 401, 404, 409, 429);
const tags = ['store: cart'];
const Cart = Type.Ref('Cart');

/** Guest and customer carts; prices and titles from the order module's own projections. */
export const storeCartRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const em = () => app.platform.orm.em.fork();

  app.post(
    '/store/carts',
    {
      preHandler: rateLimited(app, 'cart'),
      schema: {
        tags,
        summary: 'Start a cart (a customer cart with a token, a guest cart without)',
        body: CartCreate,
        response: { 201: Cart, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(await createCart(app.platform, em(), await readUser(req), req.body)),
  );

  app.get(
    '/store/carts/:id',
    { schema: { tags, summary: 'A cart', params: IdParam, response: { 200: Cart, ...problems } } },
    async (req) => viewCart(em(), req.params.id, await readUser(req)),
  );

  app.patch(
    '/store/carts/:id',
    {
      schema: {
        tags,
        summary: 'Set email, shipping option and destination country',
        params: IdParam,
        body: CartPatch,
        response: { 200: Cart, ...problems },
      },
    },
    async (req) => updateCart(em(), req.params.id, await readUser(req), req.body),
  );

  app.post(
    '/store/carts/:id/items',
    {
      preHandler: rateLimited(app, 'cart-line'),
      schema: {
        tags,
        summary: 'Add a variant (up to what is in stock)',
        params: IdParam,
        body: ItemAdd,
        response: { 200: Cart, ...problems },
      },
    },
    async (req) => addCartItem(app.platform, em(), req.params.id, await readUser(req), req.body),
  );

  app.patch(
    '/store/carts/:id/items/:lineId',
    {
      preHandler: rateLimited(app, 'cart-line'),
      schema: {
        tags,
        summary: 'Change a quantity',
        params: LineParams,
        body: ItemPatch,
        response: { 200: Cart, ...problems },
      },
    },
    async (req) => changeLineQuantity(em(), req.params.id, await readUser(req), req.params.lineId, req.body.quantity),
  );

  app.delete(
    '/store/carts/:id/items/:lineId',
    { schema: { tags, summary: 'Remove a line', params: LineParams, response: { 200: Cart, ...problems } } },
    async (req) => removeCartLine(em(), req.params.id, await readUser(req), req.params.lineId),
  );

  app.post(
    '/store/carts/:id/promotions',
    {
      schema: {
        tags,
        summary: 'Apply a promotion code (checked by pricing at checkout)',
        params: IdParam,
        body: PromotionIn,
        response: { 200: Cart, ...problems },
      },
    },
    async (req) => updateCart(em(), req.params.id, await readUser(req), { promotionCode: req.body.code }),
  );

  app.delete(
    '/store/carts/:id/promotions',
    { schema: { tags, summary: 'Remove the promotion code', params: IdParam, response: { 200: Cart, ...problems } } },
    async (req) => updateCart(em(), req.params.id, await readUser(req), { promotionCode: null }),
  );

  app.post(
    '/store/carts/:id/claim',
    {
      preHandler: requireCustomer,
      schema: {
        tags,
        security: bearer,
        summary: "After login: merge this guest cart into the customer's cart, re-checking prices and stock",
        params: IdParam,
        response: {
          200: Type.Object({
            cart: Cart,
            adjustments: Type.Array(
              Type.Object({ variantId: Type.String(), change: Type.String(), reason: Type.String() }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => claimCart(em(), req.params.id, currentUser(req)),
  );

  app.get(
    '/store/shipping-options',
    {
      schema: {
        tags: ['store: checkout'],
        summary: 'Shipping options for a cart, priced for it',
        querystring: Type.Object(
          { cartId: Type.String({ format: 'uuid' }), countryCode: Type.Optional(CountryCode) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                name: Type.String(),
                amount: Type.Integer(),
                currency: Type.String(),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => ({
      items: await listShippingOptions(em(), req.query.cartId, await readUser(req), req.query.countryCode),
    }),
  );
};
