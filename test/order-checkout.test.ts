import { address } from './helpers/shop.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { adminToken, eventually, publishAs, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';
import { ShippingOptionChanged } from '../src/modules/shipping/contract.ts';
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

  const as = (method: string, url: string, body?: unknown) => app.request(method, url, { token: admin, body });
  const once = (method: string, url: string, body: unknown) =>
    eventually(
      async () => {
        const r = await as(method, url, body);
        return r.statusCode < 300 ? r : undefined;
      },
      5000,
      20,
    );

  async function makeProduct(stock: number, price = 2500) {
    const p = (
      await as('POST', '/admin/products', { title: `Shirt ${sku()}`, status: 'published', variants: [{ sku: sku() }] })
    ).json();
    await once('PUT', `/admin/prices/${p.variants[0].id}`, { prices: [{ currency: 'EUR', amount: price }] });
    await once('POST', `/admin/inventory/${p.variants[0].id}/adjustments`, {
      locationId: location,
      onHand: stock,
      reason: 'received',
    });
    return p;
  }
  async function cartWith(variantId: string, quantity: number, token?: string) {
    const cart = (
      await app.request('POST', '/store/carts', { token, body: { currency: 'EUR', email: 'shopper@example.com' } })
    ).json();
    const added = await eventually(
      async () => {
        const r = await app.request('POST', `/store/carts/${cart.id}/items`, { token, body: { variantId, quantity } });
        return r.statusCode === 200 ? r : undefined;
      },
      5000,
      20,
    );
    return added.json();
  }
  const checkout = (cartId: string, key: string, body: Record<string, unknown> = {}, token?: string, prefer?: string) =>
    app.request('POST', `/store/carts/${cartId}/checkout`, {
      token,
      headers: { 'idempotency-key': key, ...(prefer ? { prefer } : {}) },
      body: {
        shippingAddress: address,
        shippingOptionId: optionId,
        paymentMethod: { provider: 'test', token: 'tok_success' },
        ...body,
      },
    });
  const orderRow = async (id: string) => (await app.db.query('select * from "order".orders where id = $1', [id]))[0];
  const untilStatus = (id: string, status: string) =>
    eventually(async () => ((await orderRow(id))?.status === status ? orderRow(id) : undefined), 8000, 20);
  const available = async (variantId: string) => (await as('GET', `/admin/inventory/${variantId}`)).json().available;

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product,pricing,inventory,order' });
    admin = await adminToken(app);
    // A probe subscriber, so the payment requests the saga publishes can be read back.
    await app.platform.bus.declare('probe', 'order.payment_requested.v1');
    location = (await as('GET', '/admin/stock-locations')).json().items[0].id;
    await publishAs(app, 'shipping', ShippingOptionChanged, {
      optionId,
      version: 1,
      name: 'Standard',
      code: 'standard',
      active: true,
      countries: ['DE', 'FR'],
      rates: [{ currency: 'EUR', kind: 'flat', amount: 495, perKgAmount: 0, freeAbove: 10000 }],
    });
    shirt = await makeProduct(10);
  });
  afterAll(() => app?.stop());

  it('a cart takes lines within stock, prices them from projections and offers shipping for it', async () => {
    const cart = await cartWith(shirt.variants[0].id, 2);
    expect(cart.lines[0]).toMatchObject({
      variantId: shirt.variants[0].id,
      quantity: 2,
      unitPrice: 2500,
      lineTotal: 5000,
    });
    const id = cart.id;
    expect(
      (await app.request('POST', `/store/carts/${id}/items`, { body: { variantId: uuidv7(), quantity: 1 } }))
        .statusCode,
    ).toBe(404);
    for (const quantity of [0, -1, 1e9, 1.5])
      expect(
        (await app.request('POST', `/store/carts/${id}/items`, { body: { variantId: shirt.variants[0].id, quantity } }))
          .statusCode,
        String(quantity),
      ).toBe(400);
    const tooMany = await app.request('POST', `/store/carts/${id}/items`, {
      body: { variantId: shirt.variants[0].id, quantity: 9 },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().detail).toMatch(/only 10 in stock/);
    const priced = await app.request('POST', `/store/carts/${id}/items`, {
      body: { variantId: shirt.variants[0].id, quantity: 1, unitPrice: 1 },
    });
    expect(priced.statusCode).toBe(400); // a price in the body is refused, never used
    const options = (await app.request('GET', `/store/shipping-options?cartId=${id}&countryCode=DE`)).json().items;
    expect(options).toEqual([{ id: optionId, code: 'standard', name: 'Standard', amount: 495, currency: 'EUR' }]);
    const withShipping = (
      await app.request('PATCH', `/store/carts/${id}`, { body: { shippingOptionId: optionId, countryCode: 'DE' } })
    ).json();
    expect(withShipping).toMatchObject({ subtotal: 5000, shippingAmount: 495, estimatedTotal: 5495 });
    const line = withShipping.lines[0].id;
    expect(
      (await app.request('PATCH', `/store/carts/${id}/items/${line}`, { body: { quantity: 3 } })).json().subtotal,
    ).toBe(7500);
    expect((await app.request('DELETE', `/store/carts/${id}/items/${line}`)).json().lines).toEqual([]);
  });

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

  it('a cart checks a promotion code against the codes pricing published, with the reason when it refuses', async () => {
    const promo = async (code: string, extra: Record<string, unknown> = {}) =>
      (
        await as('POST', '/admin/promotions', { name: code, code, kind: 'percentage', percentBps: 500, ...extra })
      ).json();
    const day = 24 * 3600 * 1000;
    const spring = await promo(`SPRING${sku().slice(-6)}`.replace(/[^A-Z0-9]/gi, ''));
    const later = await promo(`LATER${Date.now() % 100000}`, { startsAt: new Date(Date.now() + day).toISOString() });
    const old = await promo(`OLD${Date.now() % 100000}`, {
      startsAt: new Date(Date.now() - 2 * day).toISOString(),
      endsAt: new Date(Date.now() - day).toISOString(),
    });
    const once = await promo(`ONCE${Date.now() % 100000}`, { oncePerCustomer: true });
    const cart = await cartWith(shirt.variants[0].id, 1);
    const apply = (code: string, id = cart.id, token?: string) =>
      app.request('POST', `/store/carts/${id}/promotions`, { token, body: { code } });
    await eventually(async () => (await apply(spring.code.toLowerCase())).statusCode === 200, 5000, 20); // (the projection fills through the bus)
    expect((await app.request('GET', `/store/carts/${cart.id}`)).json().promotionCode).toBe(spring.code.toUpperCase());
    const refusals: [string, RegExp][] = [
      ['NOPE12345', /no promotion has this code/],
      [later.code, /valid from/],
      [old.code, /has expired/],
      [once.code, /sign in to use it/],
    ];
    for (const [code, reason] of refusals) {
      const res = await apply(code);
      expect(res.statusCode, code).toBe(400);
      expect(res.json()).toMatchObject({ detail: expect.stringMatching(reason), errors: [{ field: 'code' }] });
    }
    expect((await app.request('GET', `/store/carts/${cart.id}`)).json().promotionCode).toBe(spring.code.toUpperCase()); // unchanged
    // A signed-in customer may use the once-per-customer code.
    const customer = await registerCustomer(app);
    const mine = await cartWith(shirt.variants[0].id, 1, customer.token);
    expect((await apply(once.code, mine.id, customer.token)).json().promotionCode).toBe(once.code.toUpperCase());
    // Renamed: the old code is withdrawn, the new one accepted; deleted: refused.
    const renamed = `${spring.code}X`;
    expect((await as('PATCH', `/admin/promotions/${spring.id}`, { code: renamed })).statusCode).toBe(200);
    await eventually(async () => (await apply(spring.code)).statusCode === 400, 5000, 20);
    expect((await apply(renamed)).statusCode).toBe(200);
    expect((await as('DELETE', `/admin/promotions/${spring.id}`)).statusCode).toBe(204);
    await eventually(async () => (await apply(renamed)).statusCode === 400, 5000, 20);
  });

  it('concurrent adds to one cart all count: none is lost, and none goes past the stock', async () => {
    const mug = await makeProduct(12);
    const v = mug.variants[0].id;
    const cart = await cartWith(v, 1);
    const adds = await Promise.all(
      Array.from({ length: 15 }, () =>
        app.request('POST', `/store/carts/${cart.id}/items`, { body: { variantId: v, quantity: 1 } }),
      ),
    );
    expect(adds.filter((r) => r.statusCode === 200)).toHaveLength(11); // 1 + 11 = the 12 in stock
    expect(adds.filter((r) => r.statusCode === 400)).toHaveLength(4);
    const after = (await app.request('GET', `/store/carts/${cart.id}`)).json();
    expect(after.lines).toEqual([expect.objectContaining({ variantId: v, quantity: 12 })]);
    // Every answer shows the cart as that add left it: the quantities the 200s saw are 2..12, once each.
    expect(
      adds
        .filter((r) => r.statusCode === 200)
        .map((r) => r.json().lines[0].quantity)
        .sort((a, b) => a - b),
    ).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('the same variant added twice is one line, and the order reserves the sum', async () => {
    const lamp = await makeProduct(5);
    const v = lamp.variants[0].id;
    const cart = await cartWith(v, 2);
    const twice = (
      await app.request('POST', `/store/carts/${cart.id}/items`, { body: { variantId: v, quantity: 3 } })
    ).json();
    expect(twice.lines).toEqual([expect.objectContaining({ variantId: v, quantity: 5, lineTotal: 5 * 2500 })]);
    // One more would be 6 of 5: refused on the sum, not line by line.
    expect(
      (await app.request('POST', `/store/carts/${cart.id}/items`, { body: { variantId: v, quantity: 1 } })).statusCode,
    ).toBe(400);
    const placed = (await checkout(cart.id, `key-${uuidv7()}`)).json().order;
    expect(placed.lines).toEqual([expect.objectContaining({ variantId: v, quantity: 5 })]);
    await untilStatus(placed.id, 'awaiting_payment');
    expect(await available(v)).toBe(0);
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

  it("a guest cart merged into the customer's own cart at login: quantities summed, then re-checked against today's stock, catalog and prices", async () => {
    const alice = await registerCustomer(app);
    const [a, b, c] = [await makeProduct(5, 1000), await makeProduct(4, 2000), await makeProduct(4, 3000)];
    const own = await cartWith(a.variants[0].id, 3, alice.token);
    const guest = await cartWith(a.variants[0].id, 4);
    for (const [p, qty] of [
      [b, 1],
      [c, 2],
    ] as const) {
      // (until the order module's projections have the new variant)
      await eventually(
        async () =>
          (
            await app.request('POST', `/store/carts/${guest.id}/items`, {
              body: { variantId: p.variants[0].id, quantity: qty },
            })
          ).statusCode === 200,
        5000,
        20,
      );
    }
    // While the shopper was away: b sold out, c left the catalog, a got dearer.
    await as('POST', `/admin/inventory/${b.variants[0].id}/adjustments`, {
      locationId: location,
      onHand: 0,
      reason: 'damaged',
    });
    expect((await as('PATCH', `/admin/products/${c.id}`, { status: 'draft' })).statusCode).toBe(200);
    expect(
      (await as('PUT', `/admin/prices/${a.variants[0].id}`, { prices: [{ currency: 'EUR', amount: 1200 }] }))
        .statusCode,
    ).toBe(200);
    const projected = async (sql: string, id: string) => (await app.db.query(sql, [id]))[0];
    await eventually(
      async () =>
        (await projected('select available from "order".variant_stock where variant_id = $1', b.variants[0].id))
          ?.available === 0,
      8000,
      50,
    );
    await eventually(
      async () =>
        (await projected('select sellable from "order".variants where variant_id = $1', c.variants[0].id))?.sellable ===
        false,
      8000,
      50,
    );
    await eventually(
      async () =>
        Number(
          (await projected('select amount from "order".variant_prices where variant_id = $1', a.variants[0].id))
            ?.amount,
        ) === 1200,
      8000,
      50,
    );

    const bob = await registerCustomer(app);
    expect((await app.request('POST', `/store/carts/${own.id}/claim`, { token: bob.token })).statusCode).toBe(404); // someone else's cart
    const res = await app.request('POST', `/store/carts/${guest.id}/claim`, { token: alice.token });
    expect(res.statusCode).toBe(200);
    const { cart, adjustments } = res.json();
    expect(cart.id).toBe(own.id); // merged into the cart she already had
    // 3 + 4 of a, but only 5 exist; b and c are gone, each with its reason; a at today's price.
    expect(cart.lines).toEqual([
      expect.objectContaining({ variantId: a.variants[0].id, quantity: 5, unitPrice: 1200, lineTotal: 6000 }),
    ]);
    expect(adjustments).toEqual(
      expect.arrayContaining([
        { variantId: a.variants[0].id, change: 'reduced', reason: 'only 5 in stock' },
        { variantId: b.variants[0].id, change: 'removed', reason: 'out of stock' },
        { variantId: c.variants[0].id, change: 'removed', reason: 'no longer sold' },
      ]),
    );
    expect(adjustments).toHaveLength(3);
    // The guest cart stays readable, marked merged, and takes no more changes.
    const merged = await app.request('GET', `/store/carts/${guest.id}`);
    expect(merged.statusCode).toBe(200);
    expect(merged.json().status).toBe('merged');
    expect(
      (
        await app.request('POST', `/store/carts/${guest.id}/items`, {
          body: { variantId: a.variants[0].id, quantity: 1 },
        })
      ).statusCode,
    ).toBe(409);
    expect((await app.request('GET', `/store/carts/${own.id}`, { token: alice.token })).json().lines).toHaveLength(1);
    // Claiming it again finds nothing to claim.
    expect(
      (await app.request('POST', `/store/carts/${guest.id}/claim`, { token: alice.token })).statusCode,
    ).toBeGreaterThanOrEqual(404);
  });

  it('a customer sees only their own orders; a guest cart merges into the customer cart at login, re-checked', async () => {
    const alice = await registerCustomer(app);
    const guest = await cartWith(shirt.variants[0].id, 2);
    const claimed = await app.request('POST', `/store/carts/${guest.id}/claim`, { token: alice.token });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json().cart).toMatchObject({ customerId: alice.id, lines: [{ quantity: 2 }] });
    expect((await app.request('GET', `/store/carts/${guest.id}`)).statusCode).toBe(404); // now the customer's: no token, no cart
    const { order } = (await checkout(claimed.json().cart.id, `key-${uuidv7()}`, {}, alice.token)).json();
    expect(
      (await app.request('GET', '/store/orders', { token: alice.token })).json().items.map((o: any) => o.id),
    ).toEqual([order.id]);
    const bob = await registerCustomer(app);
    expect((await app.request('GET', '/store/orders', { token: bob.token })).json().items).toEqual([]);
    expect((await app.request('GET', `/store/orders/${order.id}`, { token: bob.token })).statusCode).toBe(404);
  });
});
