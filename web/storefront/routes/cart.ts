// The cart: add (from the product page), change quantities, remove, promotion code. The cart id
// lives in a cookie; a signed-in shopper's cart is created with their token, so it is theirs.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, problemText, safeBack, type Ctx } from '../context.ts';
import { cartPage } from '../pages/cart.ts';
import { clearCookie, cookieNames, setCookie } from '../session.ts';
import type { Cart } from '../types.ts';
import { AddItemForm, Id, PromotionForm, QuantityForm } from './schemas.ts';

const hide = true;

/** The shopper's cart, or undefined when none (or it is gone: then the cookie goes too). */
export async function currentCart(
  ctx: Ctx,
  reply: { request: unknown } & Parameters<typeof clearCookie>[0],
): Promise<Cart | undefined> {
  if (!ctx.shopper.cartId) return undefined;
  const { data } = await ctx.api.GET('/store/carts/{id}', { params: { path: { id: ctx.shopper.cartId } } });
  if (!data || data.status !== 'active') {
    clearCookie(reply, cookieNames.cart);
    return undefined;
  }
  return data;
}

/** Page messages travel in the query string after a redirect: `?error=` or `?notice=`. */
const withMessage = (path: string, key: 'error' | 'notice', text: string) =>
  `${path}${path.includes('?') ? '&' : '?'}${key}=${encodeURIComponent(text)}`;
export { withMessage };

export const cartPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/cart', { schema: { hide } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const cart = await currentCart(ctx, reply);
    const q = new URLSearchParams(req.url.split('?')[1] ?? '');
    return ctx.render({
      title: 'Cart',
      cartCount: cart?.lines.reduce((n, l) => n + l.quantity, 0),
      body: cartPage(cart, q.get('error') ?? undefined, q.get('notice') ?? undefined),
    });
  });

  app.post('/cart/items', { schema: { hide, body: AddItemForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    let cart = await currentCart(ctx, reply);
    if (!cart || cart.currency !== ctx.shopper.currency) {
      const created = await ctx.api.POST('/store/carts', { body: { currency: ctx.shopper.currency } });
      if (!created.data)
        return ctx.redirect(
          withMessage(safeBack(req.body.back), 'error', problemText(created.error, 'No cart could be created.')),
        );
      cart = created.data;
      setCookie(reply, cookieNames.cart, cart.id, 30 * 86400);
    }
    const { error } = await ctx.api.POST('/store/carts/{id}/items', {
      params: { path: { id: cart.id } },
      body: { variantId: req.body.variantId, quantity: Number(req.body.quantity) },
    });
    if (error)
      return ctx.redirect(
        withMessage(safeBack(req.body.back), 'error', problemText(error, 'That could not be added.')),
      );
    return ctx.redirect(withMessage('/cart', 'notice', 'Added to your cart.'));
  });

  app.post('/cart/lines/:id', { schema: { hide, params: Id, body: QuantityForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    if (!ctx.shopper.cartId) return ctx.redirect('/cart');
    const { error } = await ctx.api.PATCH('/store/carts/{id}/items/{lineId}', {
      params: { path: { id: ctx.shopper.cartId, lineId: req.params.id } },
      body: { quantity: Number(req.body.quantity) },
    });
    return ctx.redirect(error ? withMessage('/cart', 'error', problemText(error, 'Could not update.')) : '/cart');
  });

  app.post('/cart/lines/:id/remove', { schema: { hide, params: Id } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    if (ctx.shopper.cartId)
      await ctx.api.DELETE('/store/carts/{id}/items/{lineId}', {
        params: { path: { id: ctx.shopper.cartId, lineId: req.params.id } },
      });
    return ctx.redirect('/cart');
  });

  app.post('/cart/promotion', { schema: { hide, body: PromotionForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const back = safeBack(req.body.back, '/cart');
    if (!ctx.shopper.cartId) return ctx.redirect(back);
    const { error } = await ctx.api.POST('/store/carts/{id}/promotions', {
      params: { path: { id: ctx.shopper.cartId } },
      body: { code: req.body.code.trim() },
    });
    return ctx.redirect(
      error
        ? withMessage(back, 'error', problemText(error, 'That code cannot be used.'))
        : withMessage(back, 'notice', 'Code applied.'),
    );
  });
};
