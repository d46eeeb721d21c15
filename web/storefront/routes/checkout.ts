// Checkout: the page, placing the order (waiting for the saga to settle), the confirmation, and
// the return from Stripe when the Payment Element was used.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf, problemText } from '../context.ts';
import { checkoutPage } from '../pages/checkout.ts';
import { confirmationPage } from '../pages/order.ts';
import { stripePaymentPage } from '../pages/stripe-payment.ts';
import { clearCookie, cookieNames } from '../session.ts';
import { html } from '../html.ts';
import { currentCart, withMessage } from './cart.ts';
import { orderPastPayment } from './order-after-payment.ts';
import { CheckoutForm, CheckoutQuery, Id, OrderQuery, StripeReturnQuery } from './schemas.ts';

const hide = true;

export const checkoutPages: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app.platform;
  const stripeKey =
    config.STRIPE_SECRET_KEY && config.STRIPE_PUBLISHABLE_KEY ? config.STRIPE_PUBLISHABLE_KEY : undefined;

  app.get('/checkout', { schema: { hide, querystring: CheckoutQuery } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const cart = await currentCart(ctx, reply);
    if (!cart?.lines.length) return ctx.redirect('/cart');
    const signedIn = Boolean(ctx.shopper.accessToken);
    const saved = signedIn ? ((await ctx.api.GET('/store/me/addresses')).data?.items ?? []) : [];
    const address = saved.find((a) => a.isDefaultShipping) ?? saved[0];
    const country = req.query.country ?? cart.countryCode ?? address?.countryCode ?? 'DE';
    const options = await ctx.api.GET('/store/shipping-options', {
      params: { query: { cartId: cart.id, countryCode: country } },
    });
    const q = new URLSearchParams(req.url.split('?')[1] ?? '');
    return ctx.render({
      title: 'Checkout',
      body: checkoutPage({
        cart,
        country,
        options: options.data?.items ?? [],
        signedIn,
        address,
        email: cart.email ?? undefined,
        idempotencyKey: randomUUID(),
        stripe: Boolean(stripeKey),
        error: q.get('error') ?? undefined,
      }),
    });
  });

  app.post('/checkout', { schema: { hide, body: CheckoutForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const b = req.body;
    const back = `/checkout?country=${b.countryCode}`;
    const cart = await currentCart(ctx, reply);
    if (!cart) return ctx.redirect('/cart');
    const patched = await ctx.api.PATCH('/store/carts/{id}', {
      params: { path: { id: cart.id } },
      body: {
        countryCode: b.countryCode,
        shippingOptionId: b.shippingOptionId,
        ...(b.email ? { email: b.email } : {}),
      },
    });
    if (patched.error)
      return ctx.redirect(withMessage(back, 'error', problemText(patched.error, 'Please check your details.')));
    const placed = await ctx.api.POST('/store/carts/{id}/checkout', {
      params: { path: { id: cart.id }, header: { 'idempotency-key': b.idempotencyKey, prefer: 'wait=10' } },
      body: {
        ...(b.email ? { email: b.email } : {}),
        shippingAddress: {
          firstName: b.firstName,
          lastName: b.lastName,
          line1: b.line1,
          city: b.city,
          postalCode: b.postalCode,
          countryCode: b.countryCode,
        },
        shippingOptionId: b.shippingOptionId,
        paymentMethod:
          b.provider === 'stripe' ? { provider: 'stripe' } : { provider: 'test', token: b.token ?? 'tok_success' },
      },
    });
    if (!placed.data)
      return ctx.redirect(withMessage(back, 'error', problemText(placed.error, 'The order could not be placed.')));
    clearCookie(reply, cookieNames.cart);
    const { order, guestToken } = placed.data;
    // The order's page takes the card while the order awaits it (see below), so a reload or a
    // way back from the account still reaches the Payment Element.
    return ctx.redirect(orderPath(order.id, guestToken ?? undefined));
  });

  app.get('/orders/:id', { schema: { hide, params: Id, querystring: OrderQuery } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const { data } = await ctx.api.GET('/store/orders/{id}', {
      params: { path: { id: req.params.id }, query: req.query.token ? { token: req.query.token } : {} },
    });
    if (!data)
      return ctx.render({
        title: 'Not found',
        status: 404,
        body: html`<h1>Order not found</h1><p><a href="/account">Your account</a></p>`,
      });
    if (data.status === 'awaiting_payment' && data.clientSecret && stripeKey)
      return ctx.render({
        title: 'Payment',
        body: stripePaymentPage(stripeKey, data, orderPath(data.id, req.query.token)),
      });
    return ctx.render({ title: `Order ${data.displayId}`, body: confirmationPage(data) });
  });

  // Stripe sends the shopper back here; the API confirms the payment (or the webhook already has).
  app.get('/checkout/stripe-return', { schema: { hide, querystring: StripeReturnQuery } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const { payment_intent: paymentIntent, payment_intent_client_secret: clientSecret, order, token } = req.query;
    if (paymentIntent && clientSecret) {
      const { data: payment } = await ctx.api.POST('/store/payments/stripe/return', {
        body: { paymentIntent, clientSecret },
      });
      // Settled at Stripe (paid or refused): the order follows in a moment, show it then.
      if (order && payment?.orderId === order && payment.status !== 'pending')
        await orderPastPayment(ctx, order, token);
    }
    return ctx.redirect(order ? orderPath(order, token) : '/account');
  });
};

const orderPath = (id: string, token: string | undefined) =>
  `/orders/${id}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
