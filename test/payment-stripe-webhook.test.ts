import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { eventually, type TestApp } from './helpers/app.ts';
import { startStripePayment, stripePaymentHelpers, WEBHOOK_SECRET } from './helpers/stripe-payment.ts';
import { signedWebhook, TEST_PAYMENT_METHODS as PM, type StripeDouble } from './fixtures/stripe-double/index.ts';

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

  const { requestPayment, ship, payment, untilPayment, published, calls, webhook, pause, awaitingShopper } =
    stripePaymentHelpers(() => ({ app, stripe }));

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
