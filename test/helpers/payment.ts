import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled, OrderPaymentRequested, OrderRefundRequested } from '../../src/modules/order/contract.ts';
import { ShipmentShipped } from '../../src/modules/shipping/contract.ts';
import { paymentEvents } from '../../src/modules/payment/contract.ts';
import { runtimeOf } from '../../src/modules/payment/runtime.ts';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { queueName } from '../../src/platform/bus/bus.ts';
import { eventually, type TestApp, handledBy, publishAs } from './app.ts';

/** The steps and look-ups the test-provider payment tests share; `getApp` gives the suite's app once started. */
export function paymentHelpers(getApp: () => TestApp) {
  const provider = () => runtimeOf(getApp().platform.orm.em).providers.test;
  const publish = <E extends EventDef>(event: E, payload: PayloadOf<E>, producer = 'order') =>
    publishAs(getApp(), producer, event, payload);
  const handled = (eventId: string) => handledBy(getApp(), 'payment', eventId);
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
    getApp().db.query('select * from payment.payments where order_id = $1 order by id', [orderId]);
  const payment = async (orderId: string) => (await payments(orderId))[0];
  const untilPayment = (orderId: string, status: string) =>
    eventually(async () => {
      const p = await payment(orderId);
      return p?.status === status && p;
    });
  /** The payloads of one payment event published for an order. */
  const published = async (event: EventDef, orderId: string) =>
    (
      await getApp().db.query(
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
  return {
    provider,
    publish,
    handled,
    requestPayment,
    cancel,
    ship,
    refund,
    payments,
    payment,
    untilPayment,
    published,
    Authorized,
    Failed,
    Captured,
    Refunded,
    RefundFailed,
    authorizeCalls,
    pause,
  };
}
