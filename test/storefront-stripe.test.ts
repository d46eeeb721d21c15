import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { uniqueEmail } from './helpers/app.ts';
import { expectAccessible } from './helpers/axe.ts';
import { startStorefrontRig, type StorefrontRig } from './helpers/storefront.ts';
import { SECRET_KEY, WEBHOOK_SECRET } from './helpers/stripe-payment.ts';
import { STRIPE_JS_URL, stripeBrowserContext, TEST_CARDS, type StripeJsSeen } from './helpers/stripe-browser.ts';
import { startStripeDouble, type StripeDouble } from './fixtures/stripe-double/index.ts';

/**
 * The storefront with Stripe configured, in a real browser (Debian's chromium): checkout hands the
 * PaymentIntent's client secret to Stripe's Payment Element, the shopper pays, Stripe sends them
 * back to /checkout/stripe-return, and the order is paid. Stripe.js is a test double served in
 * place of js.stripe.com (see helpers/stripe-browser.ts); the Stripe API is the local double.
 */
const PUBLISHABLE_KEY = 'pk_test_tessera_double';

const shows = (where: Locator, text: string | RegExp) =>
  where.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });

describe('storefront: paying with the Stripe Payment Element', () => {
  let stripe: StripeDouble;
  let rig: StorefrontRig;
  const contexts: { context: BrowserContext; blocked: string[] }[] = [];

  beforeAll(async () => {
    stripe = await startStripeDouble();
    rig = await startStorefrontRig({
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
      STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
    });
  }, 180_000);
  afterAll(async () => {
    for (const { context } of contexts) await context.close();
    await rig?.stop();
    await stripe?.close();
  });

  /** A fresh shopper (own cookies) who puts the scarf in the cart and places the order as a guest. */
  async function placeOrder(opts: { stripeJs?: boolean } = {}) {
    const shopper = await stripeBrowserContext(rig.browser, rig.baseUrl, stripe, PUBLISHABLE_KEY, opts);
    contexts.push(shopper);
    const page = await shopper.context.newPage();
    await page.goto(`/products/${rig.scarf.handle}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(/\/cart/);
    await page.getByRole('link', { name: 'Check out' }).click();
    await page.waitForURL(/\/checkout/);
    await page.getByLabel('Email').fill(uniqueEmail('stripe'));
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Street and number').fill('Unter den Linden 1');
    await page.getByLabel('City').fill('Berlin');
    await page.getByLabel('Postal code').fill('10117');
    // With Stripe configured the card is taken on the next step, not by the test provider.
    await shows(page.getByRole('group', { name: 'Payment' }), /Stripe/);
    expect(await page.getByLabel('Test card: approved').count()).toBe(0);
    await page.getByRole('button', { name: 'Place order' }).click();
    // Post/redirect/get: the order's own page takes the card while the order awaits it.
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?token=/, { timeout: 20_000 });
    await shows(page.getByRole('heading', { level: 1 }), 'Payment');
    const at = new URL(page.url());
    const orderId = at.pathname.split('/').pop()!;
    const token = at.searchParams.get('token')!;
    const order = async () =>
      (await rig.app.request('GET', `/store/orders/${orderId}?token=${encodeURIComponent(token)}`)).json();
    return { page, orderId, order, blocked: shopper.blocked };
  }

  /** The Payment Element is mounted with the publishable key and this order's client secret. */
  async function expectPaymentElement(page: Page, order: any) {
    await page.getByLabel('Card number').waitFor({ timeout: 15_000 });
    const seen = (await page.evaluate('window.__stripeJsSeen')) as StripeJsSeen;
    expect(order.status).toBe('awaiting_payment');
    expect(seen).toMatchObject({ key: PUBLISHABLE_KEY, clientSecret: order.clientSecret, mounted: '#payment-element' });
    const intent = stripe.intents.get(order.clientSecret.split('_secret_')[0]);
    expect(intent?.metadata.orderId).toBe(order.id);
  }

  it('pays by card: back from Stripe, the confirmation shows the order confirmed, and it is paid', async () => {
    const { page, orderId, order, blocked } = await placeOrder();
    const before = await order();
    await expectPaymentElement(page, before);
    expect(await page.locator('main').innerText()).toContain(`Order ${before.displayId}: €`);
    await expectAccessible(page);
    await rig.screenshot(page, 'stripe-payment');
    // A reload (or coming back later) still finds the card form for this order.
    await page.reload();
    await expectPaymentElement(page, before);

    await page.getByLabel('Card number').fill(TEST_CARDS.visa);
    const back = page.waitForRequest(/\/checkout\/stripe-return\?/, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Pay' }).click();
    const returned = new URL((await back).url()).searchParams;
    expect(Object.fromEntries(returned)).toMatchObject({
      order: orderId,
      payment_intent: before.clientSecret.split('_secret_')[0],
      payment_intent_client_secret: before.clientSecret,
      redirect_status: 'succeeded',
    });
    await page.waitForURL(new RegExp(`/orders/${orderId}\\?token=`), { timeout: 20_000 });
    await shows(page.getByRole('heading', { level: 1 }), 'Thank you for your order');
    expect(await page.getByRole('status').innerText()).toMatch(/: Confirmed\./);

    const paid = await order();
    expect(paid.status).toBe('confirmed');
    expect(paid.confirmedAt).not.toBeNull();
    const payments = (await rig.app.request('GET', `/admin/payments?orderId=${orderId}`, { token: rig.admin })).json()
      .items;
    expect(payments).toMatchObject([{ provider: 'stripe', status: 'authorized', amount: paid.totals.total }]);
    expect(stripe.intents.get(payments[0].providerRef)?.status).toBe('requires_capture');
    expect(blocked).toEqual([]);
  }, 120_000);

  it('a declined card: the page says why in its alert, and the order is not paid', async () => {
    const { page, orderId, order, blocked } = await placeOrder();
    await expectPaymentElement(page, await order());

    await page.getByLabel('Card number').fill(TEST_CARDS.declined);
    const url = page.url();
    await page.getByRole('button', { name: 'Pay' }).click();
    await shows(page.getByRole('alert'), 'Your card was declined.');
    expect(page.url()).toBe(url); // no way back from Stripe: the shopper stays on the form
    expect(await page.getByRole('button', { name: 'Pay' }).isEnabled()).toBe(true);
    await rig.screenshot(page, 'stripe-declined');

    const unpaid = await order();
    expect(unpaid.status).toBe('awaiting_payment');
    expect(unpaid.confirmedAt).toBeNull();
    const payments = (await rig.app.request('GET', `/admin/payments?orderId=${orderId}`, { token: rig.admin })).json()
      .items;
    expect(payments.map((p: any) => p.status)).not.toContain('authorized');

    // As with Stripe, the same form takes another card.
    await page.getByLabel('Card number').fill(TEST_CARDS.visa);
    await page.getByRole('button', { name: 'Pay' }).click();
    await shows(page.getByRole('heading', { level: 1 }), 'Thank you for your order');
    expect((await order()).status).toBe('confirmed');
    expect(blocked).toEqual([]);
  }, 120_000);

  it('Stripe.js blocked (offline, a content blocker): the page says so and Pay stays disabled', async () => {
    const { page, order, blocked } = await placeOrder({ stripeJs: false });
    await shows(page.getByRole('alert'), 'The card form could not be loaded');
    expect(await page.getByRole('button', { name: 'Pay' }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Card number').count()).toBe(0);
    expect((await order()).status).toBe('awaiting_payment');
    expect(blocked).toEqual([STRIPE_JS_URL]);
  }, 120_000);
});
