import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer, readUser, requireCustomer, currentUser } from '../../../platform/http/auth.ts';
import { addItem, claimCart, createCart, removeItem, setQuantity, updateCart } from '../cart/carts.ts';
import { cartLines, cartTotals, cartView, loadCart, shippingOptions } from '../cart/cart-view.ts';
import { shippingRateFor } from '../../shipping/contract.ts';
import {
  CartCreate,
  CartPatch,
  CountryCode,
  IdParam,
  ItemAdd,
  ItemPatch,
  LineParams,
  PromotionIn,
} from '../schemas.ts';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};
const tags = ['store: cart'];
const Cart = Type.Ref('Cart');

/** Guest and customer carts; prices and titles from the order module's own projections. */
export async function storeCartRoutes(app: FastifyInstance) {
  const em = () => app.platform.orm.em.fork();
  const view = async (id: string, user: Awaited<ReturnType<typeof readUser>>) => {
    const e = em();
    return cartView(e, await loadCart(e, id, user));
  };

  app.post(
    '/store/carts',
    {
      schema: {
        tags,
        summary: 'Start a cart (a customer cart with a token, a guest cart without)',
        body: CartCreate,
        response: { 201: Cart, ...problems },
      },
    },
    async (req, reply) => {
      const user = await readUser(req);
      const e = em();
      return reply
        .code(201)
        .send(await cartView(e, await createCart(e, user, req.body as Static<typeof CartCreate>), [])); // (a new cart has no lines)
    },
  );

  app.get(
    '/store/carts/:id',
    { schema: { tags, summary: 'A cart', params: IdParam, response: { 200: Cart, ...problems } } },
    async (req) => {
      const cart = await loadCart(em(), (req.params as Static<typeof IdParam>).id, await readUser(req));
      return cartView(em(), cart);
    },
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
    async (req) => {
      const cart = await updateCart(
        em(),
        (req.params as Static<typeof IdParam>).id,
        await readUser(req),
        req.body as Static<typeof CartPatch>,
      );
      return cartView(em(), cart);
    },
  );

  app.post(
    '/store/carts/:id/items',
    {
      schema: {
        tags,
        summary: 'Add a variant (up to what is in stock)',
        params: IdParam,
        body: ItemAdd,
        response: { 200: Cart, ...problems },
      },
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParam>;
      const user = await readUser(req);
      const e = em();
      const { cart, lines } = await addItem(e, id, user, req.body as Static<typeof ItemAdd>);
      return cartView(e, cart, lines);
    },
  );

  app.patch(
    '/store/carts/:id/items/:lineId',
    {
      schema: {
        tags,
        summary: 'Change a quantity',
        params: LineParams,
        body: ItemPatch,
        response: { 200: Cart, ...problems },
      },
    },
    async (req) => {
      const { id, lineId } = req.params as Static<typeof LineParams>;
      const user = await readUser(req);
      await setQuantity(em(), id, user, lineId, (req.body as Static<typeof ItemPatch>).quantity);
      return view(id, user);
    },
  );

  app.delete(
    '/store/carts/:id/items/:lineId',
    { schema: { tags, summary: 'Remove a line', params: LineParams, response: { 200: Cart, ...problems } } },
    async (req) => {
      const { id, lineId } = req.params as Static<typeof LineParams>;
      const user = await readUser(req);
      await removeItem(em(), id, user, lineId);
      return view(id, user);
    },
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
    async (req) => {
      const { id } = req.params as Static<typeof IdParam>;
      return cartView(
        em(),
        await updateCart(em(), id, await readUser(req), {
          promotionCode: (req.body as Static<typeof PromotionIn>).code,
        }),
      );
    },
  );

  app.delete(
    '/store/carts/:id/promotions',
    { schema: { tags, summary: 'Remove the promotion code', params: IdParam, response: { 200: Cart, ...problems } } },
    async (req) => {
      const { id } = req.params as Static<typeof IdParam>;
      return cartView(em(), await updateCart(em(), id, await readUser(req), { promotionCode: null }));
    },
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
    async (req) => {
      const { cart, adjustments } = await claimCart(em(), (req.params as Static<typeof IdParam>).id, currentUser(req));
      return { cart: await cartView(em(), cart), adjustments };
    },
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
    async (req) => {
      const { cartId, countryCode } = req.query as { cartId: string; countryCode?: string };
      const cart = await loadCart(em(), cartId, await readUser(req));
      const country = countryCode ?? cart.country_code;
      if (!country) return { items: [] };
      const { subtotal, weightGrams } = cartTotals(await cartLines(em(), cart));
      const items = [];
      for (const o of await shippingOptions(em())) {
        const amount = shippingRateFor(o, { currency: cart.currency, countryCode: country, subtotal, weightGrams });
        if (amount !== null)
          items.push({ id: o.optionId, code: o.code, name: o.name, amount, currency: cart.currency });
      }
      return { items: items.sort((a, b) => a.amount - b.amount) };
    },
  );
}
