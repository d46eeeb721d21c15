// Shared setup of the pricing bad-input tests (test/pricing-validation*.test.ts).
import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, type ProductSnapshot } from '../../src/modules/product/contract.ts';
import { adminToken, eventually, startTestApp, type TestApp } from './app.ts';

export type Case = [method: string, url: string, body: unknown, status: number, detail: RegExp];

/** An app with one priced variant, a customer group, a scheduled group price list, a promotion with `code`, a DE tax rate. */
export async function startValidationApp(code: string) {
  const app = await startTestApp();
  const admin = await adminToken(app);
  const snap: ProductSnapshot = {
    productId: uuidv7(),
    version: 1,
    handle: 'thing',
    title: 'Thing',
    status: 'published',
    categoryIds: [],
    collectionIds: [],
    thumbnail: null,
    variants: [{ variantId: uuidv7(), sku: 'S-1', title: 'One', options: {}, weightGrams: null }],
  };
  await app.platform.orm.em
    .fork()
    .transactional((em) => app.platform.bus.publish(em, ProductCreated, snap, { producer: 'product' }));
  const variantId = snap.variants[0].variantId;
  await eventually(
    async () => (await app.request('GET', `/admin/prices/${variantId}`, { token: admin })).statusCode === 200,
  );
  const ok = async (method: string, url: string, body: unknown) => {
    const res = await app.request(method, url, { token: admin, body });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  await ok('PUT', `/admin/prices/${variantId}`, { prices: [{ currency: 'EUR', amount: 1000 }] });
  const groupId = (await ok('POST', '/admin/customer-groups', { name: 'VIP' })).id;
  const listId = (
    await ok('POST', '/admin/price-lists', {
      name: 'Sale',
      customerGroupId: groupId,
      startsAt: '2030-01-01T00:00:00Z',
      endsAt: '2030-02-01T00:00:00Z',
      prices: [{ variantId, currency: 'EUR', amount: 800 }],
    })
  ).id;
  const promotionId = (
    await ok('POST', '/admin/promotions', { name: 'Ten', code, kind: 'percentage', percentBps: 1000 })
  ).id;
  await ok('PUT', '/admin/tax-rates/DE', { rateBps: 1900 });
  return { app, admin, variantId, groupId, listId, promotionId };
}

/** `state` reads everything pricing holds; `run` sends each case, checks its problem+json, and that state is unchanged. */
export const validationChecks = (ctx: () => { app: TestApp; admin: string }) => {
  /** Everything pricing holds, to prove a refused request changed nothing. */
  const state = () =>
    ctx().app.db.query(`select
      (select jsonb_agg(p order by variant_id, currency) from pricing.prices p) as prices,
      (select jsonb_agg(g order by id) from pricing.customer_groups g) as groups,
      (select jsonb_agg(m order by customer_id) from pricing.customer_group_members m) as members,
      (select jsonb_agg(l order by id) from pricing.price_lists l) as lists,
      (select jsonb_agg(lp order by variant_id) from pricing.price_list_prices lp) as list_prices,
      (select jsonb_agg(pr order by id) from pricing.promotions pr) as promotions,
      (select jsonb_agg(t order by country_code) from pricing.tax_rates t) as tax_rates,
      (select jsonb_agg(c order by currency) from pricing.currency_settings c) as currencies,
      (select jsonb_agg(pp order by variant_id, currency) from pricing.published_prices pp) as published`);

  const run = async (cases: Case[]) => {
    const before = await state();
    for (const [method, url, body, status, detail] of cases) {
      const res = await ctx().app.request(method, url, { token: ctx().admin, ...(body === undefined ? {} : { body }) });
      const label = `${method} ${url} ${JSON.stringify(body)?.slice(0, 200)}: ${res.body}`;
      expect(res.statusCode, label).toBe(status);
      expect(res.headers['content-type'], label).toContain('application/problem+json');
      expect(res.json(), label).toMatchObject({ status, title: expect.any(String) });
      expect(res.json().detail, label).toMatch(detail);
    }
    expect(await state()).toEqual(before);
  };

  return { state, run };
};
