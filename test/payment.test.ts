import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled, OrderPaymentRequested, OrderRefundRequested } from '../src/modules/order/contract.ts';
import { ShipmentShipped } from '../src/modules/shipping/contract.ts';
import { paymentEvents } from '../src/modules/payment/contract.ts';
import { ProviderCallDue } from '../src/modules/payment/use-cases/schedule-provider-call-due.ts';
import { runtimeOf } from '../src/modules/payment/runtime.ts';
import { findPayment } from '../src/modules/payment/entities/payments.ts';
import { paymentTx } from '../src/modules/payment/use-cases/payment-transitions.ts';
import { recordAuthorization } from '../src/modules/payment/use-cases/record-authorization.ts';
import { SLOW_TOKEN_MS } from '../src/modules/payment/adapters/test-provider.ts';
import type { EventDef, PayloadOf } from '../src/platform/bus/event.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import { adminToken, eventually, startTestApp, type TestApp, handledBy, publishAs } from './helpers/app.ts';

/** The payment module alone (plus user, for staff tokens), driven by the events the order and shipping modules publish. */
describe('payment: the test provider', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,payment', PAYMENT_CAPTURE: 'on_shipment' });
    admin = await adminToken(app);
    for (const e of paymentEvents) await app.platform.bus.declare('probe', e.name);
  });
  afterAll(() => app?.stop());

  const provider = () => runtimeOf(app.platform.orm.em).providers.test;
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
      paymentMethod: { provider: 'test', ...(token ? { token } : {}) },
    });
    await handled(env.id);
    return env;
  };
  const cancel = async (orderId: string) => {
    const env = await publish(OrderCanceled, {
      orderId,
      displayId: 'T-1',
      customerId: null,
      email: 'ada@example.com',
      reason: 'customer asked',
      reservationId: null,
      paymentId: null,
      canceledAt: new Date().toISOString(),
    });
    await handled(env.id);
  };
  const ship = async (orderId: string) => {
    const env = await publish(
      ShipmentShipped,
      {
        shipmentId: uuidv7(),
        orderId,
        carrier: 'DHL',
        trackingNumber: '123',
        trackingUrl: 'https://example.com/t/123',
        shippedAt: new Date().toISOString(),
      },
      'shipping',
    );
    await handled(env.id);
  };
  const refund = async (orderId: string, paymentId: string, amount: number) => {
    const env = await publish(OrderRefundRequested, { orderId, paymentId, amount, currency: 'EUR', reason: 'damaged' });
    await handled(env.id);
  };
  const payments = (orderId: string) =>
    app.db.query('select * from payment.payments where order_id = $1 order by id', [orderId]);
  const payment = async (orderId: string) => (await payments(orderId))[0];
  const untilPayment = (orderId: string, status: string) =>
    eventually(async () => {
      const p = await payment(orderId);
      return p?.status === status && p;
    });
  /** The payloads of one payment event published for an order. */
  const published = async (event: EventDef, orderId: string) =>
    (
      await app.db.query(
        `select data->'payload' as p from pgboss.job where name = $1 and data->'payload'->>'orderId' = $2 order by data->>'id'`,
        [queueName('probe', event.name), orderId],
      )
    ).map((r) => r.p);
  const byName = (name: string) => paymentEvents.find((e) => e.name === name)!;
  const [Authorized, Failed, Captured, Refunded, , RefundFailed] = [
    'authorized',
    'failed',
    'captured',
    'refunded',
    'action_required',
    'refund_failed',
  ].map((n) => byName(`payment.${n}.v1`));
  const authorizeCalls = (orderId: string) => provider().calls.filter((c) => c.op === 'authorize' && c.key === orderId);
  /** Lets background work and late events land before asserting that nothing more happened. */
  const pause = () => new Promise((r) => setTimeout(r, 300));

  it('tok_success: authorized at once; one payment.authorized with the amount', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_success');
    const p = await untilPayment(orderId, 'authorized');
    expect(p).toMatchObject({
      provider: 'test',
      amount: 1999,
      currency: 'EUR',
      provider_ref: `test_${p.id}`,
      captured_amount: 0,
    });
    expect(await published(Authorized, orderId)).toEqual([
      { orderId, paymentId: p.id, provider: 'test', amount: 1999, currency: 'EUR' },
    ]);
    expect(await published(Failed, orderId)).toEqual([]);
  });

  it('no token means tok_success (zero-config checkout)', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId);
    await untilPayment(orderId, 'authorized');
  });

  it('tok_declined and tok_insufficient_funds: failed with the reason; payment.failed once, never authorized', async () => {
    for (const [token, reason] of [
      ['tok_declined', 'card_declined'],
      ['tok_insufficient_funds', 'insufficient_funds'],
      ['tok_nonsense', 'invalid_token'],
    ]) {
      const orderId = uuidv7();
      await requestPayment(orderId, token);
      const p = await untilPayment(orderId, 'failed');
      expect(p.failure_reason).toBe(reason);
      expect(await published(Failed, orderId)).toEqual([{ orderId, paymentId: p.id, provider: 'test', reason }]);
      expect(await published(Authorized, orderId)).toEqual([]);
    }
  });

  it('a redelivered request and a second request for the order make one payment and one provider call', async () => {
    const orderId = uuidv7();
    const first = await requestPayment(orderId, 'tok_success');
    await untilPayment(orderId, 'authorized');
    // The very same event again (as after a lost acknowledgement): the inbox stops it.
    await app.platform.bus.boss.send(queueName('payment', OrderPaymentRequested.name), first);
    // A new event asking again for the same order: the live payment stands.
    await requestPayment(orderId, 'tok_success');
    await eventually(
      async () =>
        (
          await app.db.query(`select 1 from pgboss.job where name = $1 and data->>'id' = $2 and state < 'completed'`, [
            queueName('payment', OrderPaymentRequested.name),
            first.id,
          ])
        ).length === 0,
    );
    await pause();
    expect(await payments(orderId)).toHaveLength(1);
    expect(authorizeCalls(orderId)).toHaveLength(1);
    expect(await published(Authorized, orderId)).toHaveLength(1);
  });

  it('after a failed payment, a new request for the order is a new attempt with its own key', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_declined');
    await untilPayment(orderId, 'failed');
    await requestPayment(orderId, 'tok_success');
    await eventually(
      async () => (await payments(orderId)).length === 2 && (await payments(orderId))[1].status === 'authorized',
    );
    expect((await payments(orderId)).map((p) => [p.attempt, p.status])).toEqual([
      [1, 'failed'],
      [2, 'authorized'],
    ]);
    expect(
      provider()
        .calls.filter((c) => c.op === 'authorize' && c.key.startsWith(orderId))
        .map((c) => c.key),
    ).toEqual([orderId, `${orderId}:2`]);
  });

  it('a free order (amount 0) is authorized without a provider call', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_success', 0);
    await untilPayment(orderId, 'authorized');
    expect(authorizeCalls(orderId)).toHaveLength(0);
  });

  it('cancel voids an authorized payment: a void at the provider, payment.refunded (voided, amount 0) once', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_success');
    const p = await untilPayment(orderId, 'authorized');
    await cancel(orderId);
    await untilPayment(orderId, 'voided');
    expect(provider().calls.filter((c) => c.op === 'void' && c.ref === p.provider_ref)).toHaveLength(1);
    await cancel(orderId); // a second cancellation changes nothing
    await pause();
    expect(await published(Refunded, orderId)).toEqual([
      { orderId, paymentId: p.id, amount: 0, currency: 'EUR', voided: true },
    ]);
  });

  it('cancel while the authorization is under way: voided at once; the late authorization is let go at the provider, never published', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_slow');
    const p = await payment(orderId);
    expect(p.status).toBe('pending');
    await cancel(orderId);
    expect((await payment(orderId)).status).toBe('voided');
    expect(await published(Refunded, orderId)).toEqual([
      { orderId, paymentId: p.id, amount: 0, currency: 'EUR', voided: true },
    ]);
    // The slow call lands: it is released (a void with the release key), the payment stays voided.
    await eventually(
      async () => provider().calls.some((c) => c.op === 'void' && c.key === `${p.id}:release`),
      SLOW_TOKEN_MS + 5_000,
    );
    await eventually(async () => (await payment(orderId)).release_required === null);
    expect((await payment(orderId)).status).toBe('voided');
    expect(await published(Authorized, orderId)).toEqual([]);
  });

  it('an authorization answered after the payment failed meanwhile owes a release, not nothing; a pending one owes nothing more', async () => {
    const record = (paymentId: string, ref: string) => {
      const rt = runtimeOf(app.platform.orm.em);
      return rt.transaction(async (em) => {
        const p = (await findPayment(em, paymentId, true))!;
        return recordAuthorization(paymentTx(em, rt, p), p, { kind: 'authorized', ref });
      });
    };
    // Failed (declined) while, say, a second attempt was still out: that one's authorization must be let go.
    const declined = uuidv7();
    await requestPayment(declined, 'tok_declined');
    const failed = await untilPayment(declined, 'failed');
    expect(await record(failed.id, 'late-auth')).toEqual({ changed: true, owesNothing: false });
    expect(await payment(declined)).toMatchObject({ status: 'failed', release_required: 'void' });
    // Pending, no capture at once (this app's setting), no cancel asked for: authorized, nothing more owed.
    const slow = uuidv7();
    await requestPayment(slow, 'tok_slow');
    const pending = await payment(slow);
    expect(await record(pending.id, 'early-auth')).toEqual({ changed: true, owesNothing: true });
    expect(await record(pending.id, 'early-auth')).toEqual({ changed: false, owesNothing: false }); // (once)
    await untilPayment(slow, 'authorized');
  });

  it('a payment request that arrives after the order was canceled charges nothing', async () => {
    const orderId = uuidv7();
    await cancel(orderId);
    await requestPayment(orderId, 'tok_success');
    await pause();
    expect(await payments(orderId)).toEqual([]);
    expect(authorizeCalls(orderId)).toHaveLength(0);
  });

  it('captures on shipment: payment.captured with the amount, once', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_success');
    const p = await untilPayment(orderId, 'authorized');
    await ship(orderId);
    expect(await untilPayment(orderId, 'captured')).toMatchObject({ captured_amount: 1999 });
    await ship(orderId); // a second parcel: nothing more to capture
    await pause();
    expect(await published(Captured, orderId)).toEqual([{ orderId, paymentId: p.id, amount: 1999, currency: 'EUR' }]);
    expect(provider().calls.filter((c) => c.op === 'capture' && c.ref === p.provider_ref)).toHaveLength(1);
  });

  it('refunds: partial, then the rest, then an over-refund is refused (payment.refund_failed, nothing refunded)', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_success', 1000);
    const p = await untilPayment(orderId, 'authorized');
    // Not captured yet: nothing to refund (cancel the order to void it).
    await refund(orderId, p.id, 100);
    expect(await published(RefundFailed, orderId)).toMatchObject([{ reason: 'not_captured', amount: 100 }]);

    await ship(orderId);
    await untilPayment(orderId, 'captured');
    await refund(orderId, p.id, 300);
    expect(await untilPayment(orderId, 'partially_refunded')).toMatchObject({ refunded_amount: 300 });
    await refund(orderId, p.id, 700);
    expect(await untilPayment(orderId, 'refunded')).toMatchObject({ refunded_amount: 1000 });
    await refund(orderId, p.id, 1);
    await pause();
    expect((await payment(orderId)).refunded_amount).toBe(1000);
    expect(await published(Refunded, orderId)).toEqual([
      { orderId, paymentId: p.id, amount: 300, currency: 'EUR', voided: false },
      { orderId, paymentId: p.id, amount: 700, currency: 'EUR', voided: false },
    ]);
    expect((await published(RefundFailed, orderId)).map((e) => [e.reason, e.amount])).toEqual([
      ['not_captured', 100],
      ['exceeds_refundable', 1],
    ]);
    expect(
      provider()
        .calls.filter((c) => c.op === 'refund' && c.ref === p.provider_ref)
        .map((c) => c.amount),
    ).toEqual([300, 700]);

    const res = await app.request('GET', `/admin/payments/${p.id}`, { token: admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'refunded',
      capturedAmount: 1000,
      refundedAmount: 1000,
      refundableAmount: 0,
    });
    expect(res.json().refunds.map((r: any) => [r.amount, r.status, r.origin])).toEqual([
      [100, 'rejected', 'request'],
      [300, 'succeeded', 'request'],
      [700, 'succeeded', 'request'],
      [1, 'rejected', 'request'],
    ]);
  });

  it('cancel after capture refunds what is left', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_success', 1000);
    const p = await untilPayment(orderId, 'authorized');
    await ship(orderId);
    await untilPayment(orderId, 'captured');
    await refund(orderId, p.id, 250);
    await untilPayment(orderId, 'partially_refunded');
    await cancel(orderId);
    await untilPayment(orderId, 'refunded');
    expect((await published(Refunded, orderId)).map((e) => [e.amount, e.voided])).toEqual([
      [250, false],
      [750, false],
    ]);
  });

  it('a slow provider call holds no lock and no worker: another order is authorized meanwhile', async () => {
    const slow = uuidv7();
    const quick = uuidv7();
    const started = Date.now();
    await requestPayment(slow, 'tok_slow');
    const slowPayment = await payment(slow);
    expect(slowPayment.status).toBe('pending');
    await requestPayment(quick, 'tok_success');
    await untilPayment(quick, 'authorized');
    const quickDone = Date.now() - started;
    // The slow one is still under way, and its row is not locked by anyone.
    expect((await payment(slow)).status).toBe('pending');
    expect(quickDone).toBeLessThan(SLOW_TOKEN_MS);
    await app.platform.orm.em.fork().transactional(async (em) => {
      await em
        .getConnection()
        .execute(`select 1 from payment.payments where id = ? for update nowait`, [slowPayment.id]);
    });
    await untilPayment(slow, 'authorized');
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_TOKEN_MS);
  });

  it('a provider call lost to an outage is made again by the re-drive task, with the same key', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_unavailable');
    const p = await payment(orderId);
    await eventually(async () => authorizeCalls(orderId).length === 1);
    await pause();
    expect((await payment(orderId)).status).toBe('pending');
    // The handler scheduled the re-drive 30 s out; run one now instead of waiting.
    const [scheduled] = await app.db.query(
      `select start_after - created_on as delay from pgboss.job where name = $1 and data->'payload'->>'paymentId' = $2`,
      [`payment/task.${ProviderCallDue.name}`, p.id],
    );
    expect(scheduled.delay.seconds ?? scheduled.delay.minutes * 60).toBeGreaterThanOrEqual(29);
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
    await untilPayment(orderId, 'authorized');
    expect(authorizeCalls(orderId)).toHaveLength(2);
    expect(await published(Authorized, orderId)).toHaveLength(1);
  });

  it('admin: payments by order, one payment with its refunds; staff only', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId, 'tok_declined');
    await untilPayment(orderId, 'failed');
    await requestPayment(orderId, 'tok_success');
    await eventually(async () => (await payments(orderId)).length === 2);
    const list = await app.request('GET', `/admin/payments?orderId=${orderId}`, { token: admin });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((p: any) => p.attempt)).toEqual([2, 1]);
    expect(list.json().items[1]).toMatchObject({
      orderId,
      status: 'failed',
      failureReason: 'card_declined',
      refunds: [],
    });
    expect(list.json().items[0]).not.toHaveProperty('token');
    const one = await app.request('GET', `/admin/payments/${list.json().items[1].id}`, { token: admin });
    expect(one.json()).toMatchObject({ id: list.json().items[1].id, status: 'failed' });
    expect((await app.request('GET', `/admin/payments/${uuidv7()}`, { token: admin })).statusCode).toBe(404);
    const anonymous = await app.request('GET', `/admin/payments?orderId=${orderId}`);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect((await app.request('GET', '/admin/payments?orderId=nope', { token: admin })).statusCode).toBe(400);
    const docs = await app.request('GET', '/docs/json');
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).toEqual(
      expect.arrayContaining(['/admin/payments', '/admin/payments/{id}', '/store/payments/stripe/webhook']),
    );
  });

  it('the Stripe webhook is a 404 problem when Stripe is not configured', async () => {
    const res = await app.request('POST', '/store/payments/stripe/webhook', {
      payload: '{}',
      headers: { 'stripe-signature': 't=1,v1=x' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
