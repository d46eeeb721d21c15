import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderPaymentRequested } from '../src/modules/order/contract.ts';
import { ShipmentShipped } from '../src/modules/shipping/contract.ts';
import { paymentEvents } from '../src/modules/payment/contract.ts';
import { runtimeOf } from '../src/modules/payment/runtime.ts';
import type { EventDef, PayloadOf } from '../src/platform/bus/event.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import { eventually, startTestApp, type TestApp, handledBy, publishAs } from './helpers/app.ts';
import {
  signedWebhook,
  startStripeDouble,
  TEST_PAYMENT_METHODS as PM,
  type StripeDouble,
} from './fixtures/stripe-double/index.ts';

const WEBHOOK_SECRET = 'whsec_tessera_immediate';

/** PAYMENT_CAPTURE=immediate: the money is taken right at authorization, never again on shipment. */
describe('payment: immediate capture', () => {
  let app: TestApp;
  let stripe: StripeDouble;

  beforeAll(async () => {
    stripe = await startStripeDouble();
    app = await startTestApp({
      MODULES: 'payment',
      PAYMENT_CAPTURE: 'immediate',
      STRIPE_SECRET_KEY: 'sk_test_immediate',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
    });
    for (const e of paymentEvents) await app.platform.bus.declare('probe', e.name);
  });
  afterAll(async () => {
    await app?.stop();
    await stripe?.close();
  });

  const publish = <E extends EventDef>(event: E, payload: PayloadOf<E>, producer = 'order') =>
    publishAs(app, producer, event, payload);
  const handled = (eventId: string) => handledBy(app, 'payment', eventId);
  const requestPayment = async (orderId: string, provider: 'test' | 'stripe', token?: string) => {
    const env = await publish(OrderPaymentRequested, {
      orderId,
      customerId: null,
      email: 'ada@example.com',
      amount: 2500,
      currency: 'GBP',
      paymentMethod: { provider, ...(token ? { token } : {}) },
    });
    await handled(env.id);
  };
  const payment = async (orderId: string) =>
    (await app.db.query('select * from payment.payments where order_id = $1', [orderId]))[0];
  const untilPayment = (orderId: string, status: string) =>
    eventually(async () => {
      const p = await payment(orderId);
      return p?.status === status && p;
    });
  const published = async (orderId: string) =>
    (
      await app.db.query(
        `select data->>'name' as name from pgboss.job where name like 'probe/%' and data->'payload'->>'orderId' = $1 order by data->>'id'`,
        [orderId],
      )
    ).map((r) => r.name);

  it('test provider: authorized and captured at once (payment.authorized, then payment.captured); a shipment changes nothing', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'test', 'tok_success');
    expect(await untilPayment(orderId, 'captured')).toMatchObject({ captured_amount: 2500 });
    expect(await published(orderId)).toEqual(['payment.authorized.v1', 'payment.captured.v1']);
    const env = await publish(
      ShipmentShipped,
      {
        shipmentId: uuidv7(),
        orderId,
        carrier: 'DHL',
        trackingNumber: '1',
        trackingUrl: 'https://example.com/t/1',
        shippedAt: new Date().toISOString(),
      },
      'shipping',
    );
    await handled(env.id);
    expect(await published(orderId)).toEqual(['payment.authorized.v1', 'payment.captured.v1']);
    expect(runtimeOf(app.platform.orm.em).providers.test.calls.filter((c) => c.op === 'capture')).toEqual([]);
  });

  it('Stripe: the PaymentIntent captures automatically; confirmed with a PaymentMethod it is captured at once', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'stripe', PM.visa);
    await untilPayment(orderId, 'captured');
    expect(stripe.requests.find((r) => r.body.metadata?.orderId === orderId)).toMatchObject({
      idempotencyKey: orderId,
      body: { capture_method: 'automatic', currency: 'gbp' },
    });
    expect(await published(orderId)).toEqual(['payment.authorized.v1', 'payment.captured.v1']);
  });

  it('Stripe: confirmed in the browser, payment_intent.succeeded authorizes and captures in one step', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'stripe');
    const p = await eventually(async () => {
      const x = await payment(orderId);
      return x?.provider_ref && x;
    });
    const intent = stripe.intents.get(p.provider_ref)!;
    const event = signedWebhook(WEBHOOK_SECRET, 'payment_intent.succeeded', {
      ...intent,
      status: 'succeeded',
      amount_received: 2500,
    });
    const res = await app.request('POST', '/store/payments/stripe/webhook', {
      payload: event.payload,
      headers: { 'stripe-signature': event.header },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await untilPayment(orderId, 'captured')).toMatchObject({ captured_amount: 2500 });
    expect(await published(orderId)).toEqual([
      'payment.action_required.v1',
      'payment.authorized.v1',
      'payment.captured.v1',
    ]);
  });
});
