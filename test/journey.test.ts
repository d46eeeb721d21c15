import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { adminToken, eventually, startTestApp, strongPassword, uniqueEmail, type TestApp } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';

/**
 * The shopper journey end to end, over HTTP only, every module hosted, a real SMTP server
 * receiving the mails: register, browse, search, cart, promotion code, shipping, checkout with
 * the test provider, confirmed, confirmation mail, shipped with tracking, delivered.
 */
describe('shopper journey', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let admin: string;
  let product: any;
  let standard: any;
  const address = {
    firstName: 'Ada',
    lastName: 'Lovelace',
    line1: 'Unter den Linden 1',
    city: 'Berlin',
    postalCode: '10117',
    countryCode: 'DE',
  };
  const as = (method: string, url: string, body?: unknown) => app.request(method, url, { token: admin, body });
  const ok = (method: string, url: string, body: unknown) =>
    eventually(
      async () => {
        const r = await as(method, url, body);
        return r.statusCode < 300 ? r : undefined;
      },
      5000,
      20,
    );
  const available = async (variantId: string) => (await as('GET', `/admin/inventory/${variantId}`)).json();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Tessera Shop <shop@tessera.test>' });
    admin = await adminToken(app);
    const category = (await as('POST', '/admin/categories', { name: 'Knitwear' })).json();
    product = (
      await as('POST', '/admin/products', {
        title: 'Fair Isle Sweater',
        status: 'published',
        categoryIds: [category.id],
        options: [{ name: 'Size', values: ['M', 'L'] }],
        variants: [
          { sku: sku('FI'), options: { Size: 'M' }, weightGrams: 500 },
          { sku: sku('FI'), options: { Size: 'L' }, weightGrams: 520 },
        ],
      })
    ).json();
    for (const v of product.variants)
      await ok('PUT', `/admin/prices/${v.id}`, {
        prices: [
          { currency: 'EUR', amount: 3000 },
          { currency: 'USD', amount: 3300 },
        ],
      });
    const location = (await as('GET', '/admin/stock-locations')).json().items[0].id;
    for (const v of product.variants)
      await ok('POST', `/admin/inventory/${v.id}/adjustments`, {
        locationId: location,
        onHand: 10,
        reason: 'received',
      });
    await as('PUT', '/admin/tax-rates/DE', { rateBps: 1900, name: 'DE VAT' });
    await as('POST', '/admin/promotions', {
      name: 'Journey 10 %',
      code: 'JOURNEY10',
      kind: 'percentage',
      percentBps: 1000,
    });
    standard = (await as('GET', '/admin/shipping-options')).json().items.find((o: any) => o.code === 'standard');
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  it('register, browse, search, cart, code, shipping, checkout, confirmed and mailed, shipped with tracking, delivered', async () => {
    // Register: a welcome mail.
    const email = uniqueEmail('ada');
    const reg = await app.request('POST', '/store/auth/register', {
      body: { email, password: strongPassword, firstName: 'Ada' },
    });
    expect(reg.statusCode).toBe(202);
    const token = (await app.request('POST', '/store/auth/login', { body: { email, password: strongPassword } })).json()
      .accessToken;
    await smtp.waitFor((m) => m.to.includes(email) && /welcome/i.test(m.subject));

    // Browse and search (misspelt).
    const found = await eventually(
      async () =>
        (await app.request('GET', '/store/products?q=fair%20isle%20sweter'))
          .json()
          .items.find((p: any) => p.id === product.id && p.inStock),
      5000,
      20,
    );
    expect(found.priceRange.min).toBe(3000);

    // Cart: two of M, the code, standard shipping to Germany.
    const cart = (await app.request('POST', '/store/carts', { token, body: { currency: 'EUR' } })).json();
    const m = product.variants[0].id;
    await eventually(
      async () =>
        (await app.request('POST', `/store/carts/${cart.id}/items`, { token, body: { variantId: m, quantity: 2 } }))
          .statusCode === 200,
      5000,
      20,
    );
    expect(
      (await app.request('POST', `/store/carts/${cart.id}/promotions`, { token, body: { code: 'journey10' } })).json()
        .promotionCode,
    ).toBe('JOURNEY10');
    const options = (
      await app.request('GET', `/store/shipping-options?cartId=${cart.id}&countryCode=DE`, { token })
    ).json().items;
    expect(options.find((o: any) => o.id === standard.id).amount).toBe(0); // free above 50.00

    // Checkout, waiting for the saga to settle.
    const res = await app.request('POST', `/store/carts/${cart.id}/checkout`, {
      token,
      headers: { 'idempotency-key': `journey-${uuidv7()}`, prefer: 'wait=10' },
      body: {
        shippingAddress: address,
        shippingOptionId: standard.id,
        paymentMethod: { provider: 'test', token: 'tok_success' },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const order = res.json().order;
    expect(order.status).toBe('confirmed');
    // 2 x 30.00 = 60.00, 10 % off = 54.00, shipping free, VAT 19 % included (8.62).
    expect(order.totals).toEqual({ subtotal: 6000, discount: 600, shipping: 0, tax: 862, total: 5400 });
    // The waited answer (handed over by the saga step in this process, unread) is the order as stored.
    expect((await app.request('GET', `/store/orders/${order.id}`, { token })).json()).toEqual(order);
    expect((await available(m)).available).toBe(8);
    // Paid: neither the payment timeout nor the provider call's safety net is left to fire for nothing.
    const pending = (task: string, field: string, id: string) =>
      app.db.query(`select id from pgboss.job where name = $1 and data->'payload'->>$2 = $3`, [task, field, id]);
    // (order deadlines are a periodic sweep: no per-order timer, booked or left over)
    expect(
      await app.db.query(
        `select id from pgboss.job where name like 'order/task.%' and data->'payload'->>'orderId' = $1`,
        [order.id],
      ),
    ).toHaveLength(0);
    await eventually(
      async () =>
        (await pending('payment/task.payment.provider_call_due.v1', 'paymentId', order.paymentId)).length === 0,
      5000,
      20,
    );

    // The confirmation mail, with the right total.
    const confirmation = await smtp.waitFor(
      (mail) => mail.to.includes(email) && mail.subject.includes(order.displayId),
    );
    expect(confirmation.text).toMatch(/54[.,]00/);
    // Delivered and recorded: the lease that would retry a lost attempt is dropped, not left to fire.
    await eventually(
      async () =>
        (
          await app.db.query(
            `select j.id from pgboss.job j join notification.messages m on m.id::text = j.data->'payload'->>'messageId'
      where j.name = 'notification/task.notification.send_due.v1' and j.state = 'created' and m.subject_id = $1`,
            [order.id],
          )
        ).length === 0,
      5000,
      20,
    );
    expect(confirmation.html).toContain('Fair Isle Sweater');

    // Staff ship it: a shipped mail with the tracking link; the reservation becomes a stock movement.
    const shipment = await eventually(
      async () => (await as('GET', `/admin/shipments?orderId=${order.id}`)).json().items[0],
      5000,
      20,
    );
    const shipped = await as('POST', `/admin/shipments/${shipment.id}/ship`, {
      carrier: 'manual',
      trackingNumber: 'TRK-12345',
    });
    expect(shipped.statusCode).toBe(200);
    const shippedMail = await smtp.waitFor((mail) => mail.to.includes(email) && /TRK-12345/.test(mail.text));
    expect(shippedMail.html).toMatch(/href="https?:\/\/[^"]*TRK-12345/);
    await eventually(
      async () => (await app.request('GET', `/store/orders/${order.id}`, { token })).json().status === 'fulfilled',
      5000,
      20,
    );
    await eventually(
      async () => {
        const s = await available(m);
        return s.onHand === 8 && s.reserved === 0;
      },
      5000,
      20,
    );
    const payment = await eventually(
      async () =>
        (await as('GET', `/admin/payments?orderId=${order.id}`)).json().items.find((p: any) => p.status === 'captured'),
      5000,
      20,
    );
    expect(payment.amount).toBe(5400);

    // Delivered.
    expect((await as('POST', `/admin/shipments/${shipment.id}/deliver`)).statusCode).toBe(200);
    expect((await as('GET', `/admin/shipments/${shipment.id}`)).json().status).toBe('delivered');
    expect((await app.request('GET', '/store/orders', { token })).json().items.map((o: any) => o.id)).toEqual([
      order.id,
    ]);
  });

  it('a declined card cancels the order, releases the stock and mails the shopper', async () => {
    const email = uniqueEmail('declined');
    const v = product.variants[1].id;
    const before = (await available(v)).available;
    const cart = (await app.request('POST', '/store/carts', { body: { currency: 'EUR', email } })).json();
    await app.request('POST', `/store/carts/${cart.id}/items`, { body: { variantId: v, quantity: 3 } });
    const res = await app.request('POST', `/store/carts/${cart.id}/checkout`, {
      headers: { 'idempotency-key': `declined-${uuidv7()}`, prefer: 'wait=10' },
      body: {
        shippingAddress: address,
        shippingOptionId: standard.id,
        paymentMethod: { provider: 'test', token: 'tok_declined' },
      },
    });
    expect(res.json().order.status).toBe('canceled');
    expect(res.json().order.cancelReason).toMatch(/payment failed/);
    const stored = (
      await app.request('GET', `/store/orders/${res.json().order.id}?token=${res.json().guestToken}`)
    ).json();
    expect(stored).toEqual(res.json().order);
    await eventually(async () => (await available(v)).available === before, 5000, 20);
    await smtp.waitFor((mail) => mail.to.includes(email) && /cancel/i.test(mail.subject));
  });

  it('the same checkout twice (same key, at once) makes one order and one payment', async () => {
    const cart = (
      await app.request('POST', '/store/carts', { body: { currency: 'EUR', email: uniqueEmail('twice') } })
    ).json();
    await app.request('POST', `/store/carts/${cart.id}/items`, {
      body: { variantId: product.variants[1].id, quantity: 1 },
    });
    const key = `twice-${uuidv7()}`;
    const send = () =>
      app.request('POST', `/store/carts/${cart.id}/checkout`, {
        headers: { 'idempotency-key': key, prefer: 'wait=10' },
        body: {
          shippingAddress: address,
          shippingOptionId: standard.id,
          paymentMethod: { provider: 'test', token: 'tok_success' },
        },
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect(a.json().order.id).toBe(b.json().order.id);
    const orderId = a.json().order.id;
    await eventually(async () => (await as('GET', `/admin/orders/${orderId}`)).json().status === 'confirmed', 5000, 20);
    expect((await as('GET', `/admin/payments?orderId=${orderId}`)).json().items).toHaveLength(1);
  });
});
