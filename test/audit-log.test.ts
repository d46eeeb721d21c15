import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { checkoutAndWait, guestCart, stockedVariant } from './helpers/shop.ts';
import { createApiKey, ownerToken, staffToken } from './helpers/staff.ts';

describe('audit log', () => {
  let app: TestApp;
  let owner: string;
  let variantId: string;
  let optionId: string;
  beforeAll(async () => {
    app = await startTestApp({ PAYMENT_CAPTURE: 'immediate' });
    owner = await ownerToken(app);
    ({ variantId, optionId } = await stockedVariant(app, owner, { title: 'Audited kettle', price: 2500, stock: 30 }));
  });
  afterAll(() => app?.stop());

  const log = async (query: string, token = owner) => {
    const res = await app.request('GET', `/admin/audit-log?${query}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('a refund is recorded with who, what, when, before and after', async () => {
    const order = (
      await checkoutAndWait(app, await guestCart(app, variantId, 1), optionId, {
        provider: 'test',
        token: 'tok_success',
      })
    ).json().order;
    const staffId = crypto.randomUUID();
    const support = await staffToken(app, ['orders:refund'], staffId);
    const refund = await app.request('POST', `/admin/orders/${order.id}/refund`, {
      token: support,
      body: { amount: 500, reason: 'dented' },
    });
    expect(refund.statusCode, refund.body).toBe(202);
    const { items } = await eventually(async () => {
      const page = await log(`resourceType=order&resourceId=${order.id}`);
      return page.items.length ? page : undefined;
    });
    expect(items).toEqual([
      expect.objectContaining({
        actorKind: 'staff',
        actorId: staffId,
        action: 'order.refund',
        resourceType: 'order',
        resourceId: order.id,
        before: { status: 'confirmed', refunded: 0 },
        after: expect.objectContaining({ refundRequested: 500, currency: 'EUR', reason: 'dented' }),
      }),
    ]);
    expect(Date.parse(items[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a stock adjustment by an API key is recorded with on-hand before and after, and the staff member behind the key', async () => {
    const staffId = crypto.randomUUID();
    const { id: keyId, key } = await createApiKey(
      app,
      await staffToken(app, ['apikeys:manage', 'stock:adjust'], staffId),
      ['stock:adjust'],
    );
    const locations = (await app.request('GET', '/admin/stock-locations', { token: owner })).json().items;
    const locationId = locations[0].id;
    const res = await app.request('POST', `/admin/inventory/${variantId}/adjustments`, {
      token: key,
      body: { locationId, delta: -3, reason: 'damaged' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { onHandBefore, onHandAfter } = res.json().adjustment;
    const page = await eventually(async () => {
      const p = await log(`actorId=${keyId}&resourceType=stock`);
      return p.items.length ? p : undefined;
    });
    expect(page.items[0]).toMatchObject({
      actorKind: 'apiKey',
      actorId: keyId,
      onBehalfOf: staffId,
      action: 'stock.adjust',
      resourceId: `${variantId}@${locationId}`,
      before: { onHand: onHandBefore },
      after: { onHand: onHandAfter, reason: 'damaged' },
    });
    expect(onHandAfter).toBe(onHandBefore - 3);
  });

  it('a price change is recorded with the prices before and after', async () => {
    const res = await app.request('PUT', `/admin/prices/${variantId}`, {
      token: owner,
      body: { prices: [{ currency: 'EUR', amount: 2700 }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = await eventually(async () => {
      const p = await log(`resourceType=variantPrices&resourceId=${variantId}&action=price.set`);
      return p.items.some((e: { after: unknown }) => JSON.stringify(e.after).includes('2700')) ? p : undefined;
    });
    const entry = page.items[0];
    expect(JSON.stringify(entry.before)).toContain('2500');
    expect(JSON.stringify(entry.after)).toContain('2700');
  });

  it('customer group changes are recorded (membership decides who gets a group price)', async () => {
    const group = await app.request('POST', '/admin/customer-groups', { token: owner, body: { name: 'Audited VIP' } });
    expect(group.statusCode, group.body).toBe(201);
    const { id } = group.json();
    const customerId = crypto.randomUUID();
    const added = await app.request('POST', `/admin/customer-groups/${id}/customers`, {
      token: owner,
      body: { customerIds: [customerId] },
    });
    expect(added.statusCode, added.body).toBeLessThan(300);
    const page = await eventually(async () => {
      const p = await log(`resourceType=customerGroup&resourceId=${id}`);
      return p.items.length >= 2 ? p : undefined;
    });
    expect(page.items.map((e: { action: string }) => e.action)).toEqual([
      'customerGroup.addMembers',
      'customerGroup.create',
    ]);
    expect(page.items[0].after).toEqual({ added: [customerId] });
  });

  it('pages by cursor, filters by time, and needs audit:read', async () => {
    const all = await eventually(async () => {
      const p = await log('limit=200');
      return p.items.length >= 3 ? p : undefined;
    });
    const first = await log('limit=1');
    expect(first.items[0].id).toBe(all.items[0].id);
    const second = await log(`limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0].id).toBe(all.items[1].id);
    expect((await log(`from=${new Date(Date.now() + 60_000).toISOString()}`)).items).toEqual([]);
    const denied = await app.request('GET', '/admin/audit-log', { token: await staffToken(app, ['orders:read']) });
    expect(denied.statusCode).toBe(403);
  });
});
