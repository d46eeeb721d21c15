import { v7 as uuidv7 } from 'uuid';
import { OrderPaymentRequested } from '../../src/modules/order/contract.ts';
import { ShipmentShipped } from '../../src/modules/shipping/contract.ts';
import { paymentEvents } from '../../src/modules/payment/contract.ts';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { queueName } from '../../src/platform/bus/bus.ts';
import { eventually, startTestApp, type TestApp, handledBy, publishAs } from './app.ts';
import { startStripeDouble, type StripeDouble } from '../fixtures/stripe-double/index.ts';

export const SECRET_KEY = 'sk_test_tessera_double';
export const WEBHOOK_SECRET = 'whsec_tessera_double';

/** The payment module on the Stripe provider, talking to a fresh local Stripe double. */
export async function startStripePayment(): Promise<{ app: TestApp; stripe: StripeDouble }> {
  const stripe = await startStripeDouble();
  const app = await startTestApp({
    MODULES: 'payment',
    PAYMENT_CAPTURE: 'on_shipment',
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: stripe.url,
  });
  for (const e of paymentEvents) await app.platform.bus.declare('probe', e.name);
  return { app, stripe };
}

/** The steps and look-ups the Stripe payment tests share; `get` gives the suite's app and double once started. */
export function stripePaymentHelpers(get: () => { app: TestApp; stripe: StripeDouble }) {
  const publish = <E extends EventDef>(event: E, payload: PayloadOf<E>, producer = 'order') =>
    publishAs(get().app, producer, event, payload);
  const handled = (eventId: string) => handledBy(get().app, 'payment', eventId);
  const requestPayment = async (orderId: string, token?: string, amount = 1999) => {
    const env = await publish(OrderPaymentRequested, {
      orderId,
      customerId: null,
      email: 'ada@example.com',
      amount,
      currency: 'EUR',
      paymentMethod: { provider: 'stripe', ...(token ? { token } : {}) },
    });
    await handled(env.id);
    return env;
  };
  const ship = async (orderId: string) => {
    const env = await publish(
      ShipmentShipped,
      {
        shipmentId: uuidv7(),
        orderId,
        carrier: 'UPS',
        trackingNumber: '1Z',
        trackingUrl: 'https://example.com/t/1Z',
        shippedAt: new Date().toISOString(),
      },
      'shipping',
    );
    await handled(env.id);
  };
  const payment = async (orderId: string) =>
    (await get().app.db.query('select * from payment.payments where order_id = $1 order by id', [orderId]))[0];
  const untilPayment = (orderId: string, check: (p: any) => boolean) =>
    eventually(async () => {
      const p = await payment(orderId);
      return p && check(p) && p;
    });
  const published = async (name: string, orderId: string) =>
    (
      await get().app.db.query(
        `select data->'payload' as p from pgboss.job where name = $1 and data->'payload'->>'orderId' = $2 order by data->>'id'`,
        [queueName('probe', `payment.${name}.v1`), orderId],
      )
    ).map((r) => r.p);
  const calls = (path: string | RegExp) =>
    get().stripe.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)));
  const webhook = (body: string, signature?: string) =>
    get().app.request('POST', '/store/payments/stripe/webhook', {
      payload: body,
      headers: signature ? { 'stripe-signature': signature } : {},
    });
  const pause = () => new Promise((r) => setTimeout(r, 300));
  /** A payment whose PaymentIntent waits for the shopper to confirm it in the browser. */
  const awaitingShopper = async () => {
    const orderId = uuidv7();
    await requestPayment(orderId);
    const p = await untilPayment(orderId, (x) => x.provider_ref !== null);
    return { orderId, p, intent: get().stripe.intents.get(p.provider_ref)! };
  };
  return {
    publish,
    handled,
    requestPayment,
    ship,
    payment,
    untilPayment,
    published,
    calls,
    webhook,
    pause,
    awaitingShopper,
  };
}
