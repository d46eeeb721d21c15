import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderPaymentRequested } from '../src/modules/order/contract.ts';
import { paymentEvents } from '../src/modules/payment/contract.ts';
import { ProviderCallDue } from '../src/modules/payment/use-cases/schedule-provider-call-due.ts';
import { runtimeOf } from '../src/modules/payment/runtime.ts';
import { findPayment } from '../src/modules/payment/entities/payments.ts';
import { paymentTx } from '../src/modules/payment/use-cases/payment-transitions.ts';
import { recordAuthorization } from '../src/modules/payment/use-cases/record-authorization.ts';
import { SLOW_TOKEN_MS } from '../src/modules/payment/adapters/test-provider.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import { eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { paymentHelpers } from './helpers/payment.ts';

/** The payment module alone (plus user, for staff tokens), driven by the events the order and shipping modules publish. */
describe('payment: the test provider', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,payment', PAYMENT_CAPTURE: 'on_shipment' });
    for (const e of paymentEvents) await app.platform.bus.declare('probe', e.name);
  });
  afterAll(() => app?.stop());

  const {
    provider,
    requestPayment,
    cancel,
    payments,
    payment,
    untilPayment,
    published,
    Authorized,
    Failed,
    Refunded,
    authorizeCalls,
    pause,
  } = paymentHelpers(() => app);

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

  it('no token is no payment method: failed, never authorized (the checkout refuses it first)', async () => {
    const orderId = uuidv7();
    await requestPayment(orderId);
    expect((await untilPayment(orderId, 'failed')).failure_reason).toBe('no_payment_method');
    expect(await published(Authorized, orderId)).toEqual([]);
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
});
