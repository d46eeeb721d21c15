// The pricing admin routes need a staff token, are in the OpenAPI document, and their good paths work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { registerCustomer, type TestApp } from './helpers/app.ts';
import { startValidationApp, validationChecks } from './helpers/pricing-validation.ts';

describe('pricing: bad input on admin routes', () => {
  let app: TestApp;
  let admin: string;
  let variantId: string;
  let groupId: string;
  let listId: string;
  let promotionId: string;
  const code = `KEEP${uuidv7().slice(-8).toUpperCase()}`;

  beforeAll(async () => {
    ({ app, admin, variantId, groupId, listId, promotionId } = await startValidationApp(code));
  });
  afterAll(() => app?.stop());

  const { state } = validationChecks(() => ({ app, admin }));

  it('every admin route needs a staff token', async () => {
    const customer = await registerCustomer(app);
    const routes: [string, string][] = [
      ['GET', `/admin/prices/${variantId}`],
      ['PUT', `/admin/prices/${variantId}`],
      ['GET', '/admin/customer-groups'],
      ['POST', '/admin/customer-groups'],
      ['GET', `/admin/customer-groups/${groupId}`],
      ['PATCH', `/admin/customer-groups/${groupId}`],
      ['DELETE', `/admin/customer-groups/${groupId}`],
      ['GET', `/admin/customer-groups/${groupId}/customers`],
      ['POST', `/admin/customer-groups/${groupId}/customers`],
      ['DELETE', `/admin/customer-groups/${groupId}/customers/${customer.id}`],
      ['GET', '/admin/price-lists'],
      ['POST', '/admin/price-lists'],
      ['GET', `/admin/price-lists/${listId}`],
      ['PATCH', `/admin/price-lists/${listId}`],
      ['DELETE', `/admin/price-lists/${listId}`],
      ['GET', '/admin/promotions'],
      ['POST', '/admin/promotions'],
      ['GET', `/admin/promotions/${promotionId}`],
      ['PATCH', `/admin/promotions/${promotionId}`],
      ['DELETE', `/admin/promotions/${promotionId}`],
      ['GET', '/admin/tax-rates'],
      ['GET', '/admin/tax-rates/DE'],
      ['PUT', '/admin/tax-rates/DE'],
      ['DELETE', '/admin/tax-rates/DE'],
      ['GET', '/admin/currency-settings'],
      ['PUT', '/admin/currency-settings/EUR'],
    ];
    const before = await state();
    for (const [method, url] of routes) {
      expect((await app.request(method, url)).statusCode, `${method} ${url}`).toBe(401);
      expect((await app.request(method, url, { token: customer.token })).statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await state()).toEqual(before);
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await app.request('GET', '/docs/json')).json();
    for (const path of [
      '/admin/prices/{variantId}',
      '/admin/price-lists/{id}',
      '/admin/promotions',
      '/admin/customer-groups/{id}/customers',
      '/admin/tax-rates/{countryCode}',
      '/admin/currency-settings/{currency}',
      '/store/price-quotes',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('the good paths of the same routes still work (lists, pages, reads)', async () => {
    const page = await app.request('GET', '/admin/price-lists?limit=1', { token: admin });
    expect(page.json()).toMatchObject({
      items: [{ id: listId, status: 'scheduled', priceCount: 1 }],
      nextCursor: null,
    });
    expect((await app.request('GET', `/admin/price-lists/${listId}`, { token: admin })).json().prices).toEqual([
      { variantId, currency: 'EUR', amount: 800 },
    ]);
    const promos = await app.request('GET', `/admin/promotions?q=${code.slice(0, 6).toLowerCase()}`, { token: admin });
    expect(promos.json().items.map((p: any) => p.id)).toContain(promotionId);
    const groups = await app.request('GET', '/admin/customer-groups?limit=100', { token: admin });
    expect(groups.json().items.map((g: any) => g.name)).toContain('VIP');
    const ids = [uuidv7(), uuidv7(), uuidv7()].sort();
    await app.request('POST', `/admin/customer-groups/${groupId}/customers`, {
      token: admin,
      body: { customerIds: ids },
    });
    const first = (
      await app.request('GET', `/admin/customer-groups/${groupId}/customers?limit=2`, { token: admin })
    ).json();
    expect(first.items.map((m: any) => m.customerId)).toEqual(ids.slice(0, 2));
    const second = (
      await app.request('GET', `/admin/customer-groups/${groupId}/customers?limit=2&cursor=${first.nextCursor}`, {
        token: admin,
      })
    ).json();
    expect(second).toMatchObject({ items: [{ customerId: ids[2] }], nextCursor: null });
  });
});
