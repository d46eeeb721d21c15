import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled, OrderRefundRequested } from '../src/modules/order/contract.ts';
import { ProviderCallDue } from '../src/modules/payment/use-cases/schedule-provider-call-due.ts';
import { eventually, type TestApp } from './helpers/app.ts';
import { SECRET_KEY, startStripePayment, stripePaymentHelpers } from './helpers/stripe-payment.ts';
import { TEST_PAYMENT_METHODS as PM, type StripeDouble } from './fixtures/stripe-double/index.ts';

/** The Stripe provider on the real SDK, over HTTP to a local Stripe double; webhooks signed by the SDK's own helper. */
describe('payment: Stripe', () => {
  let app: TestApp;
  let stripe: StripeDouble;

  beforeAll(async () => {
    ({ app, stripe } = await startStripePayment());
  });
  afterAll(async () => {
    await app?.stop();
    await stripe?.close();
  });

  const { publish, handled, requestPayment, ship, payment, untilPayment, published, calls, pause, awaitingShopper } =
    stripePaymentHelpers(() => ({ app, stripe }));

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
});
