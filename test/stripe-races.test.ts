import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { orderAwaitingShopper, stockedVariant } from './helpers/shop.ts';
import {
  signedWebhook,
  startStripeDouble,
  TEST_PAYMENT_METHODS as PM,
  type StripeDouble,
} from './fixtures/stripe-double/index.ts';

const WEBHOOK_SECRET = 'whsec_tessera_races';

/**
 * A Stripe checkout paid in the shopper's browser: the order waits with a client secret, the
 * shopper confirms with Stripe, then two messages race to tell us: Stripe's webhook and the
 * shopper coming back (POST /store/payments/stripe/return). Whatever their order, and however
 * often each arrives, there is one order, one payment, one PaymentIntent and one confirmation.
 */
describe("Stripe: the webhook and the shopper's return race", () => {
  let app: TestApp;
  let stripe: StripeDouble;
  let variantId: string;
  let optionId: string;

  beforeAll(async () => {
    stripe = await startStripeDouble();
    app = await startTestApp({
      PAYMENT_CAPTURE: 'on_shipment',
      STRIPE_SECRET_KEY: 'sk_test_races',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
    });
    // A queue nobody consumes keeps a copy of every event it is subscribed to, for counting.
    for (const e of ['payment.authorized.v1', 'order.confirmed.v1']) await app.platform.bus.declare('probe', e);
    ({ variantId, optionId } = await stockedVariant(app, await adminToken(app), {
      title: 'Lamp',
      price: 4200,
      stock: 50,
    }));
  });
  afterAll(async () => {
    await app?.stop();
    await stripe?.close();
  });

  const awaitingShopper = () => orderAwaitingShopper(app, variantId, optionId, 2);

  const shopperReturns = (intentId: string, clientSecret: string) =>
    app.request('POST', '/store/payments/stripe/return', { body: { paymentIntent: intentId, clientSecret } });
  const webhook = (intentId: string, eventId?: string) => {
    const { payload, header } = signedWebhook(
      WEBHOOK_SECRET,
      'payment_intent.amount_capturable_updated',
      stripe.intents.get(intentId),
      eventId ? { id: eventId } : {},
    );
    return app.request('POST', '/store/payments/stripe/webhook', {
      payload,
      headers: { 'stripe-signature': header, 'content-type': 'application/json' },
    });
  };
  const count = async (sql: string, params: unknown[]) => Number((await app.db.query(sql, params))[0].n);

  /** One order for the cart, confirmed; one payment, authorized; one intent; each fact published once. */
  async function expectOneOfEach(orderId: string, cartId: string) {
    const confirmed = await eventually(
      async () => {
        const [o] = await app.db.query('select status from "order".orders where id = $1', [orderId]);
        return o?.status === 'confirmed' ? o : undefined;
      },
      8000,
      20,
    );
    expect(confirmed.status).toBe('confirmed');
    // Shipments are made by a polled (background) queue: wait for the first, then let any late duplicate land.
    await eventually(
      async () =>
        (await count('select count(*) as n from shipping.shipments where order_id = $1', [orderId])) > 0 || undefined,
      8000,
      20,
    );
    await new Promise((r) => setTimeout(r, 700));
    expect(await count('select count(*) as n from "order".orders where cart_id = $1', [cartId])).toBe(1);
    expect(await count('select count(*) as n from payment.payments where order_id = $1', [orderId])).toBe(1);
    expect((await app.db.query('select status from payment.payments where order_id = $1', [orderId]))[0].status).toBe(
      'authorized',
    );
    expect([...stripe.intents.values()].filter((i) => i.metadata.orderId === orderId)).toHaveLength(1);
    expect(
      await count(
        `select count(*) as n from pgboss.job where name = 'probe/payment.authorized.v1' and data->'payload'->>'orderId' = $1`,
        [orderId],
      ),
    ).toBe(1);
    expect(
      await count(
        `select count(*) as n from pgboss.job where name = 'probe/order.confirmed.v1' and data->'payload'->>'orderId' = $1`,
        [orderId],
      ),
    ).toBe(1);
    expect(await count('select count(*) as n from shipping.shipments where order_id = $1', [orderId])).toBe(1);
  }

  it('webhook first, then the shopper returns, then the webhook again', async () => {
    const { order, cartId, intentId, clientSecret } = await awaitingShopper();
    stripe.confirmAsShopper(intentId, PM.visa);
    const hook = await webhook(intentId);
    expect(hook.json()).toEqual({ received: true, duplicate: false });
    const back = await shopperReturns(intentId, clientSecret);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ orderId: order.id, status: 'authorized' });
    expect((await webhook(intentId)).statusCode).toBe(200); // Stripe sends it again (a new event id)
    await expectOneOfEach(order.id, cartId);
  });

  it('the shopper returns first, then the webhook twice (the same event redelivered)', async () => {
    const { order, cartId, intentId, clientSecret } = await awaitingShopper();
    stripe.confirmAsShopper(intentId, PM.visa);
    expect((await shopperReturns(intentId, clientSecret)).json()).toMatchObject({
      orderId: order.id,
      status: 'authorized',
    });
    const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
    expect((await webhook(intentId, eventId)).json()).toEqual({ received: true, duplicate: false });
    expect((await webhook(intentId, eventId)).json()).toEqual({ received: true, duplicate: true });
    expect((await shopperReturns(intentId, clientSecret)).statusCode).toBe(200); // a reload of the return page
    await expectOneOfEach(order.id, cartId);
  });

  it('the return and two webhooks at the same moment', async () => {
    const { order, cartId, intentId, clientSecret } = await awaitingShopper();
    stripe.confirmAsShopper(intentId, PM.visa);
    const answers = await Promise.all([
      shopperReturns(intentId, clientSecret),
      webhook(intentId),
      webhook(intentId),
      shopperReturns(intentId, clientSecret),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200]);
    await expectOneOfEach(order.id, cartId);
  });

  it('a return before the shopper paid changes nothing; a wrong client secret is a 404 and changes nothing', async () => {
    const { order, intentId, clientSecret } = await awaitingShopper();
    const early = await shopperReturns(intentId, clientSecret);
    expect(early.json()).toMatchObject({ orderId: order.id, status: 'pending' });
    stripe.confirmAsShopper(intentId, PM.visa);
    const forged = await shopperReturns(intentId, `${intentId}_secret_forged000`);
    expect(forged.statusCode).toBe(404);
    expect(forged.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await shopperReturns('pi_doesnotexist', clientSecret)).statusCode).toBe(404);
    expect(
      (
        await app.request('POST', '/store/payments/stripe/return', {
          body: { paymentIntent: intentId, clientSecret, status: 'succeeded' },
        })
      ).statusCode,
    ).toBe(400);
    expect((await app.db.query('select status from payment.payments where order_id = $1', [order.id]))[0].status).toBe(
      'pending',
    );
    expect((await app.db.query('select status from "order".orders where id = $1', [order.id]))[0].status).toBe(
      'awaiting_payment',
    );
  });

  it('a card refused in the browser: the return says so, the order is canceled and its stock released', async () => {
    const { order, intentId, clientSecret } = await awaitingShopper();
    stripe.confirmAsShopper(intentId, PM.declined);
    expect((await shopperReturns(intentId, clientSecret)).json()).toMatchObject({
      orderId: order.id,
      status: 'failed',
    });
    const canceled = await eventually(
      async () => {
        const [o] = await app.db.query('select status, cancel_reason from "order".orders where id = $1', [order.id]);
        return o?.status === 'canceled' ? o : undefined;
      },
      8000,
      20,
    );
    expect(canceled.cancel_reason).toMatch(/payment failed: generic_decline/);
    await eventually(
      async () =>
        (await app.db.query(`select status from inventory.reservations where reference = $1`, [order.id]))[0]
          ?.status === 'released',
      8000,
      20,
    );
  });
});
