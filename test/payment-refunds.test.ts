import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { paymentEvents } from '../src/modules/payment/contract.ts';
import { adminToken, startTestApp, type TestApp } from './helpers/app.ts';
import { paymentHelpers } from './helpers/payment.ts';

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

  const {
    provider,
    requestPayment,
    cancel,
    ship,
    refund,
    payment,
    untilPayment,
    published,
    Captured,
    Refunded,
    RefundFailed,
    pause,
  } = paymentHelpers(() => app);

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
});
