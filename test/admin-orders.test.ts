import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';

/** Staff cancel and refund orders through the admin API, the whole shop running behind it. */
describe.each([{ capture: 'immediate' as const }, { capture: 'on_shipment' as const }])(
  'admin: cancel and refund orders (capture $capture)',
  ({ capture }) => {
    let app: TestApp;
    let admin: string;
    let variantId: string;
    let optionId: string;
    const as = (method: string, url: string, body?: unknown) => app.request(method, url, { token: admin, body });

    beforeAll(async () => {
      app = await startTestApp({ PAYMENT_CAPTURE: capture });
      admin = await adminToken(app);
      ({ variantId, optionId } = await stockedVariant(app, admin, { title: 'Kettle', price: 2500, stock: 30 }));
    });
    afterAll(() => app?.stop());

    const order = async (token = 'tok_success') =>
      (await checkoutAndWait(app, await guestCart(app, variantId, 2), optionId, { provider: 'test', token })).json()
        .order;
    const reserved = async () =>
      Number(
        (
          await app.db.query(
            'select coalesce(sum(reserved), 0) as n from inventory.stock_levels where variant_id = $1',
            [variantId],
          )
        )[0].n,
      );
    const payment = async (orderId: string) =>
      (await app.db.query('select status from payment.payments where order_id = $1', [orderId]))[0];
    const refunds = async (orderId: string) =>
      app.db.query(
        'select r.amount, r.status from payment.refunds r join payment.payments p on p.id = r.payment_id where p.order_id = $1 order by r.created_at',
        [orderId],
      );
    const problem = (res: Awaited<ReturnType<typeof as>>, status: number) => {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      return res.json();
    };

    it('cancel: the order is canceled with the reason, its stock comes back, its payment is let go; twice is a 409', async () => {
      const before = await reserved();
      const o = await order();
      expect(o.status).toBe('confirmed');
      expect(await reserved()).toBe(before + 2);

      const customer = await registerCustomer(app);
      expect(
        (await app.request('POST', `/admin/orders/${o.id}/cancel`, { token: customer.token, body: {} })).statusCode,
      ).toBe(403);
      problem(await as('POST', `/admin/orders/${uuidv7()}/cancel`, {}), 404);
      problem(await as('POST', `/admin/orders/${o.id}/cancel`, { reason: 42 }), 400);
      expect((await as('GET', `/admin/orders/${o.id}`)).json().status).toBe('confirmed'); // bad input changed nothing

      const res = await as('POST', `/admin/orders/${o.id}/cancel`, { reason: 'the customer called' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: o.id, status: 'canceled', cancelReason: 'the customer called' });
      await eventually(async () => (await reserved()) === before, 8000, 50);
      // Captured at once: refunded in full. Captured on shipment: only authorized, so voided.
      await eventually(
        async () => (await payment(o.id))?.status === (capture === 'immediate' ? 'refunded' : 'voided'),
        8000,
        50,
      );
      if (capture === 'immediate')
        expect(await refunds(o.id)).toEqual([{ amount: o.totals.total, status: 'succeeded' }]);
      problem(await as('POST', `/admin/orders/${o.id}/cancel`, {}), 409);
      // The shopper is told in plain words, by the cancellation's code (the staff note stays internal).
      const mail = await eventually(
        async () =>
          (
            await app.db.query(
              `select body_text from notification.messages where template = 'order_canceled' and subject_id = $1`,
              [o.id],
            )
          )[0],
        8000,
        50,
      );
      expect(mail.body_text).toContain('our team had to cancel it');
      expect(mail.body_text).not.toContain('the customer called');
    });

    it('refund: in part, then the rest; more than is left is a 400, an order without captured money a 409; nothing changes on a refusal', async () => {
      const o = await order();
      const total = o.totals.total as number;
      if (capture === 'on_shipment') {
        // Not shipped: nothing was taken yet, so there is nothing to refund (a cancel releases the hold).
        const refused = problem(await as('POST', `/admin/orders/${o.id}/refund`, { amount: 100 }), 409);
        expect(refused.detail).toMatch(/cancel the order/);
        await new Promise((r) => setTimeout(r, 300));
        expect(await refunds(o.id)).toEqual([]);
        expect((await payment(o.id)).status).toBe('authorized');
        return;
      }
      problem(await as('POST', `/admin/orders/${o.id}/refund`, { amount: 0 }), 400);
      problem(await as('POST', `/admin/orders/${o.id}/refund`, { amount: 100, status: 'refunded' }), 400);
      const first = await as('POST', `/admin/orders/${o.id}/refund`, { amount: 1000, reason: 'scratched' });
      expect(first.statusCode).toBe(202);
      expect(first.json()).toEqual({ orderId: o.id, amount: 1000 });
      await eventually(async () => (await as('GET', `/admin/orders/${o.id}`)).json().refundedAmount === 1000, 8000, 50);
      expect((await payment(o.id)).status).toBe('partially_refunded');

      const over = problem(await as('POST', `/admin/orders/${o.id}/refund`, { amount: total }), 400);
      expect(over.detail).toBe(`at most ${total - 1000} can still be refunded`);
      const rest = await as('POST', `/admin/orders/${o.id}/refund`, {});
      expect(rest.json()).toEqual({ orderId: o.id, amount: total - 1000 });
      await eventually(
        async () => (await as('GET', `/admin/orders/${o.id}`)).json().refundedAmount === total,
        8000,
        50,
      );
      expect((await payment(o.id)).status).toBe('refunded');
      problem(await as('POST', `/admin/orders/${o.id}/refund`, { amount: 1 }), 400);
      expect(await refunds(o.id)).toEqual([
        { amount: 1000, status: 'succeeded' },
        { amount: total - 1000, status: 'succeeded' },
      ]);

      const declined = await order('tok_declined');
      expect(declined.status).toBe('canceled');
      problem(await as('POST', `/admin/orders/${declined.id}/refund`, { amount: 100 }), 409);
    });
  },
);
