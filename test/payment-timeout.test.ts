import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { orderAwaitingShopper, stockedVariant } from './helpers/shop.ts';
import {
  signedWebhook,
  startStripeDouble,
  TEST_PAYMENT_METHODS as PM,
  type StripeDouble,
} from './fixtures/stripe-double/index.ts';

const WEBHOOK_SECRET = 'whsec_tessera_timeout';

/**
 * An order waits for the shopper to pay (Stripe, in the browser) for PAYMENT_TIMEOUT_SECONDS; then
 * the order's own timer cancels it and every participant undoes its part. A payment that lands
 * after that is let go, never turned into a confirmed order.
 */
describe('payment timeout', () => {
  let app: TestApp;
  let stripe: StripeDouble;
  let variantId: string;
  let optionId: string;

  beforeAll(async () => {
    stripe = await startStripeDouble();
    app = await startTestApp({
      PAYMENT_TIMEOUT_SECONDS: 1,
      STRIPE_SECRET_KEY: 'sk_test_timeout',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
    });
    await app.platform.bus.declare('probe', 'order.canceled.v1'); // a queue nobody consumes: a copy of each cancellation
    ({ variantId, optionId } = await stockedVariant(app, await adminToken(app), {
      title: 'Clock',
      price: 3100,
      stock: 20,
    }));
  });
  afterAll(async () => {
    await app?.stop();
    await stripe?.close();
  });

  const reserved = async () =>
    Number(
      (
        await app.db.query('select coalesce(sum(reserved), 0) as n from inventory.stock_levels where variant_id = $1', [
          variantId,
        ])
      )[0].n,
    );
  const orderRow = async (id: string) =>
    (await app.db.query('select status, cancel_reason from "order".orders where id = $1', [id]))[0];
  const paymentRow = async (orderId: string) =>
    (await app.db.query('select status from payment.payments where order_id = $1', [orderId]))[0];

  const awaitingShopper = () => orderAwaitingShopper(app, variantId, optionId, 3);

  const canceledInTime = (orderId: string) =>
    eventually(
      async () => {
        const o = await orderRow(orderId);
        return o?.status === 'canceled' ? o : undefined;
      },
      10_000,
      50,
    );

  it('an order left awaiting payment is canceled when its time is up: stock released, the PaymentIntent canceled, the shopper told', async () => {
    const before = await reserved();
    const { order, intentId } = await awaitingShopper();
    expect(await reserved()).toBe(before + 3);
    const canceled = await canceledInTime(order.id);
    expect(canceled.cancel_reason).toBe('payment was not completed in time');
    await eventually(async () => (await reserved()) === before, 10_000, 50);
    await eventually(async () => stripe.intents.get(intentId)?.status === 'canceled', 10_000, 50);
    expect((await paymentRow(order.id)).status).toBe('voided');
    const mail = await eventually(
      async () =>
        (
          await app.db.query(
            `select subject, body_text from notification.messages where template = 'order_canceled' and subject_id = $1`,
            [order.id],
          )
        )[0],
      10_000,
      50,
    );
    expect(mail.body_text).toContain(order.displayId);
    expect(mail.body_text).not.toContain('payment was not completed in time'); // shopper words, not ours
    expect(mail.body_text).toContain('we did not receive your payment in time');
    const [announced] = await app.db.query(
      `select data->'payload' as p from pgboss.job where name = 'probe/order.canceled.v1' and data->'payload'->>'orderId' = $1`,
      [order.id],
    );
    expect(announced.p).toMatchObject({ reasonCode: 'payment_timeout', reason: 'payment was not completed in time' });
    // The periodic sweep cancelled it: no timer was ever booked for this order (docs/adr/0004).
    expect(
      await app.db.query(
        `select id from pgboss.job where name like 'order/task.%' and data->'payload'->>'orderId' = $1`,
        [order.id],
      ),
    ).toHaveLength(0);
  });

  it('the shopper pays just as time runs out: the late payment is let go, the order stays canceled, nothing ships', async () => {
    const { order, intentId, clientSecret } = await awaitingShopper();
    stripe.confirmAsShopper(intentId, PM.visa); // paid in the browser; Stripe's word reaches us only after the timeout
    await canceledInTime(order.id);
    await eventually(async () => stripe.intents.get(intentId)?.status === 'canceled', 10_000, 50);
    // Now the webhook and the shopper's return arrive.
    const { payload, header } = signedWebhook(
      WEBHOOK_SECRET,
      'payment_intent.amount_capturable_updated',
      stripe.intents.get(intentId),
    );
    expect(
      (
        await app.request('POST', '/store/payments/stripe/webhook', {
          payload,
          headers: { 'stripe-signature': header, 'content-type': 'application/json' },
        })
      ).statusCode,
    ).toBe(200);
    const back = await app.request('POST', '/store/payments/stripe/return', {
      body: { paymentIntent: intentId, clientSecret },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json().status).not.toBe('authorized');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await orderRow(order.id)).status).toBe('canceled');
    expect((await paymentRow(order.id)).status).toBe('voided');
    expect(stripe.intents.get(intentId)!.status).toBe('canceled'); // the hold on the card is gone
    expect(
      await app.db.query(
        `select id from pgboss.job where name like '%/order.confirmed.v1' and data->'payload'->>'orderId' = $1`,
        [order.id],
      ),
    ).toHaveLength(0);
    expect(await app.db.query('select id from shipping.shipments where order_id = $1', [order.id])).toHaveLength(0);
  });
});
