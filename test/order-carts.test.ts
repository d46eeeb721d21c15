import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { eventually, registerCustomer, type TestApp } from './helpers/app.ts';
import { sku } from './helpers/catalog.ts';
import { checkoutHelpers, startCheckoutApp } from './helpers/order-checkout.ts';

/**
 * Carts with the real product, pricing and inventory modules: lines, stock, promotion codes and
 * guest carts claimed at login. Shipping is played by the test (its events).
 */
describe('carts (order module with pricing and inventory)', () => {
  let app: TestApp;
  let admin: string;
  const optionId = uuidv7();
  let shirt: { id: string; variants: { id: string }[] };
  let location: string;

  const { as, makeProduct, cartWith, checkout, untilStatus, available } = checkoutHelpers(() => ({
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
