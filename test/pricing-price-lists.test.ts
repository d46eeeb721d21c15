// The pricing module through HTTP and events: sales (price lists) and their scheduled boundaries,
// customer-group prices. Base prices and the catalog projection: pricing.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { PriceChanged } from '../src/modules/pricing/contract.ts';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { pricingHelpers } from './helpers/pricing.ts';

const PROBE = 'pricingprobe';

describe('pricing: prices, sales and price_changed', () => {
  let app: TestApp;
  let admin: string;
  let probeQueue: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
    // No module subscribes to pricing.price_changed yet; a probe queue makes the published jobs visible.
    probeQueue = await app.platform.bus.declare(PROBE, PriceChanged.name);
  });
  afterAll(() => app?.stop());

  const { newProduct, get, post, setPrices, events, quote } = pricingHelpers(() => ({ app, admin, probeQueue }));

  it('a sale lowers the quote and the published shelf price; deleting it restores both', async () => {
    const {
      variants: [v, w],
    } = await newProduct({}, 2);
    await setPrices(v.variantId, [
      { currency: 'EUR', amount: 5000 },
      { currency: 'USD', amount: 6000 },
    ]);
    await setPrices(w.variantId, [{ currency: 'EUR', amount: 3000 }]);
    const created = await post('/admin/price-lists', {
      name: 'Summer sale',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: null,
      prices: [
        { variantId: v.variantId, currency: 'EUR', amount: 3999 },
        { variantId: w.variantId, currency: 'EUR', amount: 3500 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const list = created.json();
    expect(list).toMatchObject({ name: 'Summer sale', status: 'active', customerGroupId: null, priceCount: 2 });

    expect(await events(v.variantId, 'EUR')).toMatchObject([
      { amount: 5000, sequence: 1 },
      { amount: 3999, originalAmount: 5000, sequence: 2 },
    ]);
    expect(await events(v.variantId, 'USD')).toHaveLength(1); // no USD sale price
    expect(await events(w.variantId, 'EUR')).toHaveLength(1); // 3500 is above the base 3000: the base stays lowest

    const q = (
      await quote({
        currency: 'EUR',
        lines: [
          { variantId: v.variantId, quantity: 1 },
          { variantId: w.variantId, quantity: 1 },
        ],
      })
    ).json();
    expect(q.lines.map((l: any) => [l.unitPrice, l.originalUnitPrice, l.priceListId])).toEqual([
      [3999, 5000, list.id],
      [3000, 3000, null],
    ]);

    // A second, lower public list wins; lowering it again republishes.
    const deeper = (
      await post('/admin/price-lists', {
        name: 'Flash',
        prices: [{ variantId: v.variantId, currency: 'EUR', amount: 2500 }],
      })
    ).json();
    expect((await events(v.variantId, 'EUR')).at(-1)).toMatchObject({ amount: 2500, sequence: 3 });
    const patched = await app.request('PATCH', `/admin/price-lists/${deeper.id}`, {
      token: admin,
      body: { prices: [{ variantId: v.variantId, currency: 'EUR', amount: 2400 }] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await events(v.variantId, 'EUR')).at(-1)).toMatchObject({ amount: 2400, sequence: 4 });

    expect((await app.request('DELETE', `/admin/price-lists/${deeper.id}`, { token: admin })).statusCode).toBe(204);
    expect((await events(v.variantId, 'EUR')).at(-1)).toMatchObject({ amount: 3999, sequence: 5 });
    expect((await app.request('DELETE', `/admin/price-lists/${list.id}`, { token: admin })).statusCode).toBe(204);
    expect((await events(v.variantId, 'EUR')).at(-1)).toMatchObject({
      amount: 5000,
      originalAmount: 5000,
      sequence: 6,
    });
    expect((await get(`/admin/price-lists/${list.id}`)).statusCode).toBe(404);
    expect(
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] })).json().lines[0].unitPrice,
    ).toBe(5000);
  });

  it('a sale that starts in 1.5 s is published when it starts and when it ends (the scheduled task)', async () => {
    const {
      variants: [v],
    } = await newProduct();
    await setPrices(v.variantId, [{ currency: 'EUR', amount: 1000 }]);
    const startsAt = new Date(Date.now() + 1500);
    const endsAt = new Date(Date.now() + 3500);
    const created = await post('/admin/price-lists', {
      name: 'Soon',
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      prices: [{ variantId: v.variantId, currency: 'EUR', amount: 700 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().status).toBe('scheduled');
    // saving it again (same boundaries) schedules nothing new: the task key is (list, moment)
    expect(
      (await app.request('PATCH', `/admin/price-lists/${created.json().id}`, { token: admin, body: { name: 'Soon!' } }))
        .statusCode,
    ).toBe(200);
    const tasks = await app.db.query(
      `select count(*)::int as n from pgboss.job where name = 'pricing/task.pricing.price_list_boundary_reached.v1' and data->'payload'->>'priceListId' = $1`,
      [created.json().id],
    );
    expect(tasks[0].n).toBe(2);

    expect(await events(v.variantId)).toHaveLength(1);
    expect(
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] })).json().lines[0].unitPrice,
    ).toBe(1000);

    const started = await eventually(
      async () => (await events(v.variantId)).find((e) => e.sequence === 2),
      10_000,
      100,
    );
    expect(started).toMatchObject({ amount: 700, originalAmount: 1000 });
    const ended = await eventually(async () => (await events(v.variantId)).find((e) => e.sequence === 3), 10_000, 100);
    expect(ended).toMatchObject({ amount: 1000, originalAmount: 1000 });
    // each was published by the task, at (not before) its boundary
    const published = await app.db.query(
      `select (data->'payload'->>'sequence')::int as seq, data->>'occurredAt' as at from pgboss.job where name = $1 and data->'payload'->>'variantId' = $2 order by 1`,
      [probeQueue, v.variantId],
    );
    expect(Date.parse(published[1].at)).toBeGreaterThanOrEqual(startsAt.getTime());
    expect(Date.parse(published[1].at)).toBeLessThan(endsAt.getTime());
    expect(Date.parse(published[2].at)).toBeGreaterThanOrEqual(endsAt.getTime());
    expect(
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] })).json().lines[0].unitPrice,
    ).toBe(1000);
    expect((await get(`/admin/price-lists/${created.json().id}`)).json().status).toBe('ended');
  });

  it("a customer group's price list applies only with a member's token and is never published", async () => {
    const {
      variants: [v],
    } = await newProduct();
    await setPrices(v.variantId, [{ currency: 'EUR', amount: 2000 }]);
    const [member, other] = [await registerCustomer(app), await registerCustomer(app)];
    const group = (await post('/admin/customer-groups', { name: `Wholesale ${uuidv7()}` })).json();
    const added = await post(`/admin/customer-groups/${group.id}/customers`, { customerIds: [member.id, member.id] });
    expect(added.json()).toEqual({ added: 1 });
    expect((await get(`/admin/customer-groups/${group.id}`)).json().memberCount).toBe(1);
    const list = await post('/admin/price-lists', {
      name: 'Trade prices',
      customerGroupId: group.id,
      prices: [{ variantId: v.variantId, currency: 'EUR', amount: 1500 }],
    });
    expect(list.statusCode, list.body).toBe(201);
    expect(await events(v.variantId)).toHaveLength(1); // the public shelf price did not change

    const unitPrice = async (token?: string) =>
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] }, token)).json().lines[0]
        .unitPrice;
    expect(await unitPrice(member.token)).toBe(1500);
    expect(await unitPrice(other.token)).toBe(2000);
    expect(await unitPrice()).toBe(2000);
    expect(await unitPrice(admin)).toBe(2000); // staff are not customers
    expect(
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] }, 'not-a-jwt')).statusCode,
    ).toBe(401);

    // The group cannot be deleted while a list uses it; removing the member ends the price.
    expect((await app.request('DELETE', `/admin/customer-groups/${group.id}`, { token: admin })).statusCode).toBe(409);
    expect(
      (await app.request('DELETE', `/admin/customer-groups/${group.id}/customers/${member.id}`, { token: admin }))
        .statusCode,
    ).toBe(204);
    expect(await unitPrice(member.token)).toBe(2000);
    // Moving the list to the public makes it the shelf price.
    expect(
      (
        await app.request('PATCH', `/admin/price-lists/${list.json().id}`, {
          token: admin,
          body: { customerGroupId: null },
        })
      ).statusCode,
    ).toBe(200);
    expect((await events(v.variantId)).at(-1)).toMatchObject({ amount: 1500, originalAmount: 2000, sequence: 2 });
    expect((await app.request('DELETE', `/admin/price-lists/${list.json().id}`, { token: admin })).statusCode).toBe(
      204,
    );
    expect((await app.request('DELETE', `/admin/customer-groups/${group.id}`, { token: admin })).statusCode).toBe(204);
  });
});
