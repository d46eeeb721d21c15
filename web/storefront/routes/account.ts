// Account: sign up, sign in (the cart in the browser becomes the customer's), sign out, password
// reset (request and the mailed link), addresses, order history.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signIn, signOut } from '../api.ts';
import { contextOf, problemText, type Ctx } from '../context.ts';
import { accountPage, resetConfirmPage, resetRequestPage, signInPage } from '../pages/account.ts';
import { withMessage } from './cart.ts';
import { AddressForm, EmailForm, Id, ResetForm, SignInForm, SignUpForm, TokenQuery } from './schemas.ts';

const hide = true;
const messages = (url: string) => {
  const q = new URLSearchParams(url.split('?')[1] ?? '');
  return { error: q.get('error') ?? undefined, notice: q.get('notice') ?? undefined };
};

async function logIn(ctx: Ctx, reply: Parameters<typeof signIn>[0], email: string, password: string) {
  const { data, error } = await ctx.api.POST('/store/auth/login', { body: { email, password } });
  if (!data) return problemText(error, 'Email or password is wrong.');
  signIn(reply, ctx.shopper, data);
  // A guest cart started before signing in becomes the customer's.
  if (ctx.shopper.cartId)
    await ctx.api.POST('/store/carts/{id}/claim', { params: { path: { id: ctx.shopper.cartId } } });
  return undefined;
}

export const accountPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/account', { schema: { hide } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const { error, notice } = messages(req.url);
    const me = ctx.shopper.accessToken ? await ctx.api.GET('/store/me') : undefined;
    if (!me?.data) return ctx.render({ title: 'Sign in', body: signInPage(error, notice) });
    const [addresses, orders, shipments] = await Promise.all([
      ctx.api.GET('/store/me/addresses'),
      ctx.api.GET('/store/orders', { params: { query: { limit: 20 } } }),
      ctx.api.GET('/store/shipments', { params: { query: { limit: 50 } } }),
    ]);
    // Tracking per order, from the shipping module's view of the customer's parcels.
    const tracking = new Map<string, NonNullable<typeof shipments.data>['items']>();
    for (const s of shipments.data?.items ?? []) tracking.set(s.orderId, [...(tracking.get(s.orderId) ?? []), s]);
    return ctx.render({
      title: 'Your account',
      body: accountPage({
        customer: me.data,
        addresses: addresses.data?.items ?? [],
        orders: orders.data?.items ?? [],
        tracking,
        error,
        notice,
      }),
    });
  });

  app.post('/account/sign-in', { schema: { hide, body: SignInForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const failed = await logIn(ctx, reply, req.body.email, req.body.password);
    return ctx.redirect(failed ? withMessage('/account', 'error', failed) : '/account');
  });

  app.post('/account/sign-up', { schema: { hide, body: SignUpForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const { email, password, firstName } = req.body;
    const { error } = await ctx.api.POST('/store/auth/register', {
      body: { email, password, ...(firstName ? { firstName } : {}) },
    });
    if (error)
      return ctx.redirect(withMessage('/account', 'error', problemText(error, 'The account could not be created.')));
    // Registration answers the same whether or not the email had an account; signing in tells.
    const failed = await logIn(ctx, reply, email, password);
    return ctx.redirect(
      failed
        ? withMessage('/account', 'notice', 'Check your mail to continue.')
        : withMessage('/account', 'notice', 'Welcome! Your account is ready.'),
    );
  });

  app.post('/account/sign-out', { schema: { hide } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    if (ctx.shopper.refreshToken)
      await ctx.api.POST('/store/auth/logout', { body: { refreshToken: ctx.shopper.refreshToken } });
    signOut(reply, ctx.shopper);
    return ctx.redirect('/');
  });

  app.get('/account/password-reset', { schema: { hide } }, async (req, reply) => {
    const { error, notice } = messages(req.url);
    return contextOf(app, req, reply).render({ title: 'Reset password', body: resetRequestPage(notice, error) });
  });

  app.post('/account/password-reset', { schema: { hide, body: EmailForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const { error } = await ctx.api.POST('/store/auth/password-reset', { body: { email: req.body.email } });
    return ctx.redirect(
      error
        ? withMessage('/account/password-reset', 'error', problemText(error, 'Please check the email address.'))
        : withMessage('/account/password-reset', 'notice', 'If that email has an account, a link is on its way.'),
    );
  });

  // The mailed link (STOREFRONT_URL/reset-password?token=...).
  app.get('/reset-password', { schema: { hide, querystring: TokenQuery } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    return ctx.render({
      title: 'New password',
      body: resetConfirmPage(req.query.token ?? '', messages(req.url).error),
    });
  });

  app.post('/reset-password', { schema: { hide, body: ResetForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const { error } = await ctx.api.POST('/store/auth/password-reset/confirm', { body: req.body });
    if (error)
      return ctx.redirect(
        withMessage(
          `/reset-password?token=${encodeURIComponent(req.body.token)}`,
          'error',
          problemText(error, 'The link has expired.'),
        ),
      );
    return ctx.redirect(withMessage('/account', 'notice', 'Password changed: sign in with the new one.'));
  });

  app.post('/account/addresses', { schema: { hide, body: AddressForm } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const { error } = await ctx.api.POST('/store/me/addresses', { body: req.body });
    return ctx.redirect(
      error
        ? withMessage('/account', 'error', problemText(error, 'The address could not be saved.'))
        : withMessage('/account', 'notice', 'Address saved.'),
    );
  });

  app.post('/account/addresses/:id/remove', { schema: { hide, params: Id } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    await ctx.api.DELETE('/store/me/addresses/{id}', { params: { path: { id: req.params.id } } });
    return ctx.redirect('/account');
  });
};
