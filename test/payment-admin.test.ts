import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { paymentEvents } from '../src/modules/payment/contract.ts';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
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

  const { requestPayment, payments, untilPayment } = paymentHelpers(() => app);

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
