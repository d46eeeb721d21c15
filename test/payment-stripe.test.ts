import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled, OrderPaymentRequested, OrderRefundRequested } from '../src/modules/order/contract.ts';
import { ShipmentShipped } from '../src/modules/shipping/contract.ts';
import { paymentEvents } from '../src/modules/payment/contract.ts';
import { ProviderCallDue } from '../src/modules/payment/use-cases/schedule-provider-call-due.ts';
import type { EventDef, PayloadOf } from '../src/platform/bus/event.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import { eventually, startTestApp, type TestApp, handledBy, publishAs } from './helpers/app.ts';
import {
  signedWebhook,
  startStripeDouble,
  TEST_PAYMENT_METHODS as PM,
  type StripeDouble,
} from './fixtures/stripe-double/index.ts';

const SECRET_KEY = 'sk_test_tessera_double';
const WEBHOOK_SECRET = 'whsec_tessera_double';

/** The Stripe provider on the real SDK, over HTTP to a local Stripe double; webhooks signed by the SDK's own helper. */
describe('payment: Stripe', () => {
  let app: TestApp;
  let stripe: StripeDouble;

  beforeAll(async () => {
    stripe = await startStripeDouble();
    app = await startTestApp({
      MODULES: 'payment',
      PAYMENT_CAPTURE: 'on_shipment',
      STRIPE_SECRET_KEY: SECRET_KEY,
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
    (await app.db.query('select * from payment.payments where order_id = $1 order by id', [orderId]))[0];
  const untilPayment = (orderId: string, check: (p: any) => boolean) =>
    eventually(async () => {
      const p = await payment(orderId);
      return p && check(p) && p;
    });
  const published = async (name: string, orderId: string) =>
    (
      await app.db.query(
        `select data->'payload' as p from pgboss.job where name = $1 and data->'payload'->>'orderId' = $2 order by data->>'id'`,
        [queueName('probe', `payment.${name}.v1`), orderId],
      )
    ).map((r) => r.p);
  const calls = (path: string | RegExp) =>
    stripe.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)));
  const webhook = (body: string, signature?: string) =>
    app.request('POST', '/store/payments/stripe/webhook', {
      payload: body,
      headers: signature ? { 'stripe-signature': signature } : {},
    });
  const pause = () => new Promise((r) => setTimeout(r, 300));
  /** A payment whose PaymentIntent waits for the shopper to confirm it in the browser. */
  const awaitingShopper = async () => {
    const orderId = uuidv7();
    await requestPayment(orderId);
    const p = await untilPayment(orderId, (x) => x.provider_ref !== null);
    return { orderId, p, intent: stripe.intents.get(p.provider_ref)! };
  };

  it('creates one PaymentIntent keyed by the order id; without a PaymentMethod its client secret goes back (payment.action_required)', async () => {
    const { orderId, p, intent } = await awaitingShopper();
    const [create] = calls('/v1/payment_intents').filter((r) => r.body.metadata?.orderId === orderId);
    expect(create).toMatchObject({
      method: 'POST',
      idempotencyKey: orderId,
      authorization: `Bearer ${SECRET_KEY}`,
      body: { amount: '1999', currency: 'eur', capture_method: 'manual', metadata: { orderId, paymentId: p.id } },
    });
    expect(p).toMatchObject({ status: 'pending', provider: 'stripe', provider_ref: intent.id });
    expect(await published('action_required', orderId)).toEqual([
      { orderId, paymentId: p.id, provider: 'stripe', clientSecret: intent.client_secret },
    ]);
    expect(await published('authorized', orderId)).toEqual([]);
  });

  it('with a PaymentMethod: confirmed at once and authorized; captured on shipment and refunded through Stripe', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, PM.visa, 5000);
    const p = await untilPayment(orderId, (x) => x.status === 'authorized');
    expect(calls('/v1/payment_intents').find((r) => r.body.metadata?.orderId === orderId)).toMatchObject({
      idempotencyKey: orderId,
      body: { payment_method: PM.visa, confirm: 'true', capture_method: 'manual' },
    });
    expect(await published('authorized', orderId)).toEqual([
      { orderId, paymentId: p.id, provider: 'stripe', amount: 5000, currency: 'EUR' },
    ]);

    await ship(orderId);
    await untilPayment(orderId, (x) => x.status === 'captured');
    expect(calls(`/v1/payment_intents/${p.provider_ref}/capture`)).toMatchObject([
      { idempotencyKey: `${p.id}:capture`, body: { amount_to_capture: '5000' } },
    ]);
    expect(stripe.intents.get(p.provider_ref)!.status).toBe('succeeded');
    expect(await published('captured', orderId)).toEqual([{ orderId, paymentId: p.id, amount: 5000, currency: 'EUR' }]);

    const env = await publish(OrderRefundRequested, {
      orderId,
      paymentId: p.id,
      amount: 1200,
      currency: 'EUR',
      reason: null,
    });
    await handled(env.id);
    await untilPayment(orderId, (x) => x.status === 'partially_refunded');
    const [refund] = await app.db.query('select * from payment.refunds where payment_id = $1', [p.id]);
    expect(calls('/v1/refunds')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          idempotencyKey: refund.id,
          body: { payment_intent: p.provider_ref, amount: '1200', metadata: { paymentId: p.id, refundId: refund.id } },
        }),
      ]),
    );
    expect(refund).toMatchObject({ status: 'succeeded', amount: 1200 });
    expect(refund.provider_ref).toMatch(/^re_/);
    expect(await published('refunded', orderId)).toEqual([
      { orderId, paymentId: p.id, amount: 1200, currency: 'EUR', voided: false },
    ]);
  });

  it('cancel voids an authorized PaymentIntent at Stripe', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, PM.visa);
    const p = await untilPayment(orderId, (x) => x.status === 'authorized');
    const env = await publish(OrderCanceled, {
      orderId,
      displayId: 'T-2',
      customerId: null,
      email: 'ada@example.com',
      reason: 'timeout',
      reservationId: null,
      paymentId: p.id,
      canceledAt: new Date().toISOString(),
    });
    await handled(env.id);
    await untilPayment(orderId, (x) => x.status === 'voided');
    expect(calls(`/v1/payment_intents/${p.provider_ref}/cancel`)).toMatchObject([{ idempotencyKey: `${p.id}:void` }]);
    expect(stripe.intents.get(p.provider_ref)!.status).toBe('canceled');
    expect(await published('refunded', orderId)).toEqual([
      { orderId, paymentId: p.id, amount: 0, currency: 'EUR', voided: true },
    ]);
  });

  it("declined cards fail the payment with Stripe's decline code", async () => {
    for (const [method, reason] of [
      [PM.declined, 'generic_decline'],
      [PM.insufficientFunds, 'insufficient_funds'],
    ]) {
      const orderId = uuidv7();
      await requestPayment(orderId, method);
      const p = await untilPayment(orderId, (x) => x.status === 'failed');
      expect(p.failure_reason).toBe(reason);
      expect(p.provider_ref).toMatch(/^pi_/);
      expect(await published('failed', orderId)).toEqual([{ orderId, paymentId: p.id, provider: 'stripe', reason }]);
    }
  });

  it('Stripe down: the re-drive asks again with the same idempotency key and gets one PaymentIntent', async () => {
    const orderId = uuidv7();
    stripe.failNext(1);
    await requestPayment(orderId, PM.visa);
    await eventually(
      async () => calls('/v1/payment_intents').filter((r) => r.body.metadata?.orderId === orderId).length === 1,
    );
    await pause();
    const p = await payment(orderId);
    expect(p.status).toBe('pending');
    await app.platform.orm.em
      .fork()
      .transactional((em) =>
        app.platform.bus.schedule(
          em,
          ProviderCallDue,
          { paymentId: p.id, reason: 'test', attempt: 1 },
          { startAfter: new Date() },
        ),
      );
    await untilPayment(orderId, (x) => x.status === 'authorized');
    const creates = calls('/v1/payment_intents').filter((r) => r.body.metadata?.orderId === orderId);
    expect(creates.map((r) => r.idempotencyKey)).toEqual([orderId, orderId]);
    expect([...stripe.intents.values()].filter((i) => i.metadata.orderId === orderId)).toHaveLength(1);
  });

  describe('Stripe refuses a later step', () => {
    it("the capture (the hold was released in the Stripe dashboard): the payment fails with Stripe's code, published once, asked once", async () => {
      const orderId = uuidv7();
      await requestPayment(orderId, PM.visa);
      const p = await untilPayment(orderId, (x) => x.status === 'authorized');
      stripe.intents.get(p.provider_ref)!.status = 'canceled';
      await ship(orderId);
      const failed = await untilPayment(orderId, (x) => x.status === 'failed');
      expect(failed.failure_reason).toBe('capture_refused: payment_intent_unexpected_state');
      await pause();
      expect(calls(`/v1/payment_intents/${p.provider_ref}/capture`)).toHaveLength(1); // a refusal is an answer: not asked again
      expect((await published('failed', orderId)).map((e: any) => e.reason)).toEqual([
        'capture_refused: payment_intent_unexpected_state',
      ]);
    });

    it('the void (captured in the dashboard meanwhile): the payment is marked for staff and nothing more is tried', async () => {
      const orderId = uuidv7();
      await requestPayment(orderId, PM.visa);
      const p = await untilPayment(orderId, (x) => x.status === 'authorized');
      Object.assign(stripe.intents.get(p.provider_ref)!, {
        status: 'succeeded',
        amount_received: 1999,
        amount_capturable: 0,
      });
      const env = await publish(OrderCanceled, {
        orderId,
        displayId: 'T-3',
        customerId: null,
        email: 'ada@example.com',
        reason: 'canceled by staff',
        reasonCode: 'canceled_by_staff',
        reservationId: null,
        paymentId: p.id,
        canceledAt: new Date().toISOString(),
      });
      await handled(env.id);
      const flagged = await untilPayment(orderId, (x) => x.needs_attention !== null);
      expect(flagged.needs_attention).toMatch(/^void refused: payment_intent_unexpected_state/);
      expect(flagged.status).toBe('authorized'); // we do not pretend it was voided
      await pause();
      expect(calls(`/v1/payment_intents/${p.provider_ref}/cancel`)).toHaveLength(1);
      expect(await published('refunded', orderId)).toEqual([]);
    });

    it("a refund (the charge was disputed away): that refund fails with Stripe's code, payment.refund_failed once, the payment keeps its money", async () => {
      const orderId = uuidv7();
      await requestPayment(orderId, PM.visa, 3000);
      const p = await untilPayment(orderId, (x) => x.status === 'authorized');
      await ship(orderId);
      await untilPayment(orderId, (x) => x.status === 'captured');
      stripe.intents.get(p.provider_ref)!.status = 'canceled'; // the double then refuses refunds (charge_not_captured)
      const env = await publish(OrderRefundRequested, {
        orderId,
        paymentId: p.id,
        amount: 1000,
        currency: 'EUR',
        reason: null,
      });
      await handled(env.id);
      const refund = await eventually(async () => {
        const [r] = await app.db.query('select * from payment.refunds where payment_id = $1', [p.id]);
        return r?.status === 'failed' ? r : undefined;
      });
      expect(refund.failure_reason).toMatch(/charge_not_captured/);
      expect((await payment(orderId)).status).toBe('captured');
      await pause();
      expect((await published('refund_failed', orderId)).map((e: any) => e.amount)).toEqual([1000]);
      expect(await published('refunded', orderId)).toEqual([]);
    });
  });

  describe('webhook', () => {
    const intentEvent = (type: string, intent: object, opts?: { id?: string; timestamp?: number; secret?: string }) =>
      signedWebhook(opts?.secret ?? WEBHOOK_SECRET, type, intent, opts);
    const inbox = (eventId: string) =>
      app.db.query('select * from payment.provider_events where event_id = $1', [eventId]);

    it('a signed event moves the payment and publishes once; the same event again changes nothing; failed after authorized changes nothing', async () => {
      const { orderId, p, intent } = await awaitingShopper();
      const authorized = intentEvent('payment_intent.amount_capturable_updated', {
        ...intent,
        status: 'requires_capture',
        amount_capturable: 1999,
      });
      const first = await webhook(authorized.payload, authorized.header);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ received: true, duplicate: false });
      expect((await payment(orderId)).status).toBe('authorized');
      expect(await published('authorized', orderId)).toEqual([
        { orderId, paymentId: p.id, provider: 'stripe', amount: 1999, currency: 'EUR' },
      ]);

      const again = await webhook(authorized.payload, authorized.header);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ received: true, duplicate: true });

      const failed = intentEvent('payment_intent.payment_failed', {
        ...intent,
        status: 'requires_payment_method',
        last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' },
      });
      expect((await webhook(failed.payload, failed.header)).statusCode).toBe(200);
      await pause();
      expect((await payment(orderId)).status).toBe('authorized');
      expect(await published('authorized', orderId)).toHaveLength(1);
      expect(await published('failed', orderId)).toEqual([]);
      expect(await inbox(authorized.id)).toMatchObject([{ outcome: 'applied', payment_id: p.id }]);
      expect(await inbox(failed.id)).toMatchObject([{ outcome: 'ignored', payment_id: p.id }]);
    });

    it('forged, stale, tampered or missing signatures are 400 problems and change nothing', async () => {
      const { orderId, intent } = await awaitingShopper();
      const body = { ...intent, status: 'requires_capture' };
      const forged = intentEvent('payment_intent.amount_capturable_updated', body, { secret: 'whsec_not_ours' });
      const stale = intentEvent('payment_intent.amount_capturable_updated', body, {
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      });
      const good = intentEvent('payment_intent.amount_capturable_updated', body);
      const tampered = good.payload.replace('"requires_capture"', '"succeeded"');
      const attempts: [string, string | undefined][] = [
        [forged.payload, forged.header],
        [stale.payload, stale.header],
        [tampered, good.header],
        [good.payload, undefined],
        [good.payload, 'garbage'],
      ];
      for (const [payload, header] of attempts) {
        const res = await webhook(payload, header);
        expect(res.statusCode, `${header}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ status: 400, title: 'Bad Request' });
      }
      expect((await webhook(stale.payload, stale.header)).json().detail).toMatch(/tolerance/i);
      expect(await inbox(forged.id)).toEqual([]);
      expect(await inbox(stale.id)).toEqual([]);
      expect((await payment(orderId)).status).toBe('pending');
      expect(await published('authorized', orderId)).toEqual([]);
    });

    it('payment_failed fails a waiting payment; a success that comes after is given back at Stripe, never published', async () => {
      const { orderId, p, intent } = await awaitingShopper();
      const failed = intentEvent('payment_intent.payment_failed', {
        ...intent,
        last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' },
      });
      expect((await webhook(failed.payload, failed.header)).statusCode).toBe(200);
      expect(await untilPayment(orderId, (x) => x.status === 'failed')).toMatchObject({
        failure_reason: 'insufficient_funds',
      });
      expect(await published('failed', orderId)).toEqual([
        { orderId, paymentId: p.id, provider: 'stripe', reason: 'insufficient_funds' },
      ]);

      // The shopper tried another card in the browser after all, with automatic capture on this intent.
      Object.assign(stripe.intents.get(intent.id)!, { status: 'succeeded', amount_received: 1999 });
      const succeeded = intentEvent('payment_intent.succeeded', {
        ...intent,
        status: 'succeeded',
        amount_received: 1999,
      });
      expect((await webhook(succeeded.payload, succeeded.header)).statusCode).toBe(200);
      await eventually(async () => calls('/v1/refunds').some((r) => r.body.payment_intent === intent.id));
      await untilPayment(orderId, (x) => x.release_required === null);
      expect(calls('/v1/refunds').filter((r) => r.body.payment_intent === intent.id)).toMatchObject([
        { idempotencyKey: `${p.id}:release`, body: { amount: '1999' } },
      ]);
      expect((await payment(orderId)).status).toBe('failed');
      expect(await published('authorized', orderId)).toEqual([]);
      expect(await published('captured', orderId)).toEqual([]);
    });

    it('payment_intent.canceled fails a waiting payment', async () => {
      const { orderId, intent } = await awaitingShopper();
      const canceled = intentEvent('payment_intent.canceled', {
        ...intent,
        status: 'canceled',
        cancellation_reason: 'abandoned',
      });
      expect((await webhook(canceled.payload, canceled.header)).statusCode).toBe(200);
      expect(await untilPayment(orderId, (x) => x.status === 'failed')).toMatchObject({
        failure_reason: 'canceled: abandoned',
      });
      expect(await published('failed', orderId)).toHaveLength(1);
    });

    it('charge.refunded for a refund made in the Stripe dashboard is recorded and published once', async () => {
      const orderId = uuidv7();
      await requestPayment(orderId, PM.visa, 4000);
      const p = await untilPayment(orderId, (x) => x.status === 'authorized');
      await ship(orderId);
      await untilPayment(orderId, (x) => x.status === 'captured');
      const charge = {
        id: 'ch_dashboard',
        object: 'charge',
        amount: 4000,
        amount_captured: 4000,
        amount_refunded: 1500,
        currency: 'eur',
        payment_intent: p.provider_ref,
        refunded: false,
        metadata: {},
      };
      const refunded = signedWebhook(WEBHOOK_SECRET, 'charge.refunded', charge);
      expect((await webhook(refunded.payload, refunded.header)).statusCode).toBe(200);
      expect(await untilPayment(orderId, (x) => x.status === 'partially_refunded')).toMatchObject({
        refunded_amount: 1500,
      });
      // Stripe sends the running total: the same total in a new event adds nothing.
      const sameTotal = signedWebhook(WEBHOOK_SECRET, 'charge.refunded', charge);
      expect((await webhook(sameTotal.payload, sameTotal.header)).statusCode).toBe(200);
      await pause();
      expect((await payment(orderId)).refunded_amount).toBe(1500);
      expect(await published('refunded', orderId)).toEqual([
        { orderId, paymentId: p.id, amount: 1500, currency: 'EUR', voided: false },
      ]);
      expect(
        await app.db.query('select amount, origin, status from payment.refunds where payment_id = $1', [p.id]),
      ).toEqual([{ amount: 1500, origin: 'provider', status: 'succeeded' }]);
    });

    it('an event for a PaymentIntent that is not ours is acknowledged and recorded as unknown', async () => {
      const event = intentEvent('payment_intent.succeeded', {
        id: 'pi_somebody_else',
        object: 'payment_intent',
        status: 'succeeded',
        metadata: {},
      });
      const res = await webhook(event.payload, event.header);
      expect(res.statusCode).toBe(200);
      expect(await inbox(event.id)).toMatchObject([{ outcome: 'unknown_payment', payment_id: null }]);
    });
  });
});
