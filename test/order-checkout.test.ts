import { address } from './helpers/shop.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { eventually, publishAs, registerCustomer, type TestApp } from './helpers/app.ts';
import { checkoutHelpers, startCheckoutApp } from './helpers/order-checkout.ts';
import { PaymentAuthorized, PaymentFailed } from '../src/modules/payment/contract.ts';

/**
 * Carts and the checkout saga with the real product, pricing and inventory modules. The shipping
 * and payment modules are played by the test (their events), so the order side is seen alone.
 */
describe('carts and checkout (order saga with pricing and inventory)', () => {
  let app: TestApp;
  let admin: string;
  const optionId = uuidv7();
  let shirt: { id: string; variants: { id: string }[] };
  let location: string;

  const { as, makeProduct, cartWith, checkout, orderRow, untilStatus, available } = checkoutHelpers(() => ({
    app,
    admin,
    location,
    optionId,
  }));

  beforeAll(async () => {
    ({ app, admin, location } = await startCheckoutApp(optionId));
    shirt = await makeProduct(10);
  });
  afterAll(() => app?.stop());

  it('checkout: 202, the saga prices and reserves, payment confirms; the order is readable with its guest token only', async () => {
    const cart = await cartWith(shirt.variants[0].id, 2);
    const before = await available(shirt.variants[0].id);
    const res = await checkout(cart.id, `key-${uuidv7()}`);
    expect(res.statusCode).toBe(202);
    const { order, guestToken } = res.json();
    expect(order.status).toBe('pending');
    const awaiting = await untilStatus(order.id, 'awaiting_payment');
    expect(awaiting.totals).toMatchObject({ subtotal: 5000, shipping: 495, total: 5495 });
    expect(await available(shirt.variants[0].id)).toBe(before - 2);
    const [request] = await app.db.query(
      `select data->'payload' as p from pgboss.job where name = 'probe/order.payment_requested.v1' and data->'payload'->>'orderId' = $1`,
      [order.id],
    );
    expect(request?.p).toMatchObject({
      amount: 5495,
      currency: 'EUR',
      paymentMethod: { provider: 'test', token: 'tok_success' },
    });
    await publishAs(app, 'payment', PaymentAuthorized, {
      orderId: order.id,
      paymentId: uuidv7(),
      provider: 'test',
      amount: 5495,
      currency: 'EUR',
    });
    await untilStatus(order.id, 'confirmed');
    const read = await app.request('GET', `/store/orders/${order.id}?token=${guestToken}`);
    expect(read.json()).toMatchObject({ status: 'confirmed', displayId: expect.stringMatching(/^T\d+$/) });
    expect((await app.request('GET', `/store/orders/${order.id}`)).statusCode).toBe(404);
    expect((await app.request('GET', `/store/orders/${order.id}?token=wrong`)).statusCode).toBe(404);
    const stranger = await registerCustomer(app);
    expect((await app.request('GET', `/store/orders/${order.id}`, { token: stranger.token })).statusCode).toBe(404);
  });

  it('a checkout waiting for its saga (Prefer: wait) answers once the payment settles the order', async () => {
    const cart = await cartWith(shirt.variants[0].id, 1);
    let answered = false;
    const waiting = checkout(cart.id, `key-${uuidv7()}`, {}, undefined, 'wait=8').then((r) => {
      answered = true;
      return r;
    });
    const [placed] = await eventually(async () => {
      const rows = await app.db.query(
        `select id from "order".orders where cart_id = $1 and status = 'awaiting_payment'`,
        [cart.id],
      );
      return rows.length ? rows : undefined;
    });
    // Still waiting for the payment.
    await new Promise((r) => setTimeout(r, 200));
    expect(answered).toBe(false);
    await publishAs(app, 'payment', PaymentAuthorized, {
      orderId: placed.id,
      paymentId: uuidv7(),
      provider: 'test',
      amount: 2995,
      currency: 'EUR',
    });
    const res = await waiting;
    expect(res.statusCode).toBe(200);
    expect(res.json().order.status).toBe('confirmed');
  });

  it('one Idempotency-Key makes one order, even for identical requests at once; another body is a 422', async () => {
    const cart = await cartWith(shirt.variants[0].id, 1);
    const key = `key-${uuidv7()}`;
    const answers = await Promise.all([1, 2, 3].map(() => checkout(cart.id, key)));
    expect(answers.map((a) => a.statusCode).every((c) => c === 202 || c === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.json().order.id)).size).toBe(1);
    expect(await app.db.query('select id from "order".orders where cart_id = $1', [cart.id])).toHaveLength(1);
    const other = await checkout(cart.id, key, { email: 'someone-else@example.com' });
    expect(other.statusCode).toBe(422);
    expect((await checkout(cart.id, `key-${uuidv7()}`)).statusCode).toBe(409); // the cart is already an order
    expect(
      (
        await app.request('POST', `/store/carts/${cart.id}/checkout`, {
          body: { shippingAddress: address, shippingOptionId: optionId, paymentMethod: { provider: 'test' } },
        })
      ).statusCode,
    ).toBe(400); // no key
  });

  it('lines added while the checkout runs: each add that was accepted is in the order, the later ones are refused', async () => {
    const socks = await makeProduct(100);
    const extra = socks.variants[0].id;
    await cartWith(extra, 1); // (waits until the carts' projection knows it)
    for (let round = 0; round < 5; round++) {
      const cart = await cartWith(extra, 1);
      // The checkout reads the cart, then converts it in a second statement: adds race into the gap.
      const adds = Array.from({ length: 6 }, (_, i) =>
        new Promise((r) => setTimeout(r, i)).then(() =>
          app.request('POST', `/store/carts/${cart.id}/items`, { body: { variantId: extra, quantity: 1 } }),
        ),
      );
      const [placed, ...added] = await Promise.all([checkout(cart.id, `key-${uuidv7()}`), ...adds]);
      expect(placed.statusCode).toBe(202);
      expect(added.every((a) => a.statusCode === 200 || a.statusCode === 409)).toBe(true);
      const accepted = added.filter((a) => a.statusCode === 200).length;
      expect(placed.json().order.lines).toEqual([
        expect.objectContaining({ variantId: extra, quantity: 1 + accepted }),
      ]);
    }
  });

  it('one Idempotency-Key sent for two carts at once: one order, the other request is a 422', async () => {
    const cap = (await makeProduct(10)).variants[0].id;
    const [a, b] = await Promise.all([cartWith(cap, 1), cartWith(cap, 1)]);
    const key = `key-${uuidv7()}`;
    const answers = await Promise.all([checkout(a.id, key), checkout(b.id, key)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([202, 422]);
    const orders = await app.db.query('select cart_id from "order".orders where cart_id = any($1::uuid[])', [
      [a.id, b.id],
    ]);
    expect(orders).toHaveLength(1);
    // The cart that lost keeps its lines and can be checked out with a key of its own.
    const loser = orders[0].cart_id === a.id ? b : a;
    expect((await checkout(loser.id, `key-${uuidv7()}`)).statusCode).toBe(202);
  });

  it('prices, totals, status or a customer id in the checkout body are refused', async () => {
    const cart = await cartWith(shirt.variants[0].id, 1);
    for (const extra of [
      { total: 1 },
      { totals: { total: 1 } },
      { status: 'confirmed' },
      { customerId: uuidv7() },
      { lines: [] },
    ]) {
      const res = await checkout(cart.id, `key-${uuidv7()}`, extra);
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
    expect(await app.db.query('select id from "order".orders where cart_id = $1', [cart.id])).toHaveLength(0);
  });

  it('quantity 1e9, 10,000 lines and a page size of 100,000 are 400s that change nothing', async () => {
    const cart = await cartWith(shirt.variants[0].id, 1);
    const lines = Array.from({ length: 10_000 }, () => ({ variantId: shirt.variants[0].id, quantity: 1 }));
    const huge = await checkout(cart.id, `key-${uuidv7()}`, { lines });
    expect(huge.statusCode).toBe(400);
    expect(huge.headers['content-type']).toMatch(/application\/problem\+json/);
    const quote = await app.request('POST', '/store/price-quotes', { body: { currency: 'EUR', lines } });
    expect(quote.statusCode).toBe(400);
    expect(quote.json().detail).toMatch(/lines/);
    const big = await app.request('POST', `/store/carts/${cart.id}/items`, {
      body: { variantId: shirt.variants[0].id, quantity: 1e9 },
    });
    expect(big.statusCode).toBe(400);
    const customer = await registerCustomer(app);
    expect((await app.request('GET', '/store/orders?limit=100000', { token: customer.token })).statusCode).toBe(400);
    expect((await as('GET', '/admin/orders?limit=100000')).statusCode).toBe(400);
    const after = (await app.request('GET', `/store/carts/${cart.id}`)).json();
    expect(after).toMatchObject({ status: 'active', lines: [{ variantId: shirt.variants[0].id, quantity: 1 }] });
    expect(await app.db.query('select id from "order".orders where cart_id = $1', [cart.id])).toHaveLength(0);
  });

  it('the last item: two checkouts, one waits for payment, the other is canceled for stock', async () => {
    const last = await makeProduct(1);
    const a = await cartWith(last.variants[0].id, 1);
    const b = await cartWith(last.variants[0].id, 1);
    const [ra, rb] = await Promise.all([checkout(a.id, `key-${uuidv7()}`), checkout(b.id, `key-${uuidv7()}`)]);
    const ids = [ra.json().order.id, rb.json().order.id];
    const settled = await eventually(
      async () => {
        const rows = await Promise.all(ids.map(orderRow));
        return rows.every((r) => r.status !== 'pending') ? rows : undefined;
      },
      8000,
      20,
    );
    expect(settled.map((r) => r.status).sort()).toEqual(['awaiting_payment', 'canceled']);
    expect(settled.find((r) => r.status === 'canceled').cancel_reason).toMatch(/out of stock/);
    expect(await available(last.variants[0].id)).toBe(0);
  });

  it('a failed payment cancels the order and gives the stock back', async () => {
    const p = await makeProduct(5);
    const cart = await cartWith(p.variants[0].id, 3);
    const { order } = (await checkout(cart.id, `key-${uuidv7()}`)).json();
    await untilStatus(order.id, 'awaiting_payment');
    expect(await available(p.variants[0].id)).toBe(2);
    await publishAs(app, 'payment', PaymentFailed, {
      orderId: order.id,
      paymentId: uuidv7(),
      provider: 'test',
      reason: 'card declined',
    });
    const canceled = await untilStatus(order.id, 'canceled');
    expect(canceled.cancel_reason).toBe('payment failed: card declined');
    await eventually(async () => (await available(p.variants[0].id)) === 5, 5000, 20);
  });
});
