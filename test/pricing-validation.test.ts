// Every pricing admin route refuses bad input with a clear problem+json (400/404/409) and changes nothing:
// base prices, customer groups, price lists, tax rates and currency settings. Promotions: pricing-validation-promotions.test.ts;
// staff-only access, OpenAPI and the good paths: pricing-validation-routes.test.ts.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { type TestApp } from './helpers/app.ts';
import { startValidationApp, validationChecks } from './helpers/pricing-validation.ts';

describe('pricing: bad input on admin routes', () => {
  let app: TestApp;
  let admin: string;
  let variantId: string;
  let groupId: string;
  let listId: string;
  const code = `KEEP${uuidv7().slice(-8).toUpperCase()}`;

  beforeAll(async () => {
    ({ app, admin, variantId, groupId, listId } = await startValidationApp(code));
  });
  afterAll(() => app?.stop());

  const { run } = validationChecks(() => ({ app, admin }));

  it('base prices', async () => {
    await run([
      ['PUT', `/admin/prices/${uuidv7()}`, { prices: [{ currency: 'EUR', amount: 1 }] }, 404, /Variant .* not found/],
      [
        'PUT',
        `/admin/prices/${variantId}`,
        { prices: [{ currency: 'EUR', amount: -5 }] },
        400,
        /prices\.0\.amount must be >= 0/,
      ],
      [
        'PUT',
        `/admin/prices/${variantId}`,
        { prices: [{ currency: 'eur', amount: 5 }] },
        400,
        /prices\.0\.currency must be equal to one of the allowed values/,
      ],
      [
        'PUT',
        `/admin/prices/${variantId}`,
        { prices: [{ currency: 'EUR', amount: 1, x: 1 }] },
        400,
        /prices\.0\.x is not an allowed property/,
      ],
      [
        'PUT',
        `/admin/prices/${variantId}`,
        { prices: ['EUR', 'USD', 'GBP', 'JPY', 'EUR'].map((c) => ({ currency: c, amount: 1 })) },
        400,
        /must NOT have more than 4 items/,
      ],
      ['PUT', `/admin/prices/${variantId}`, { prices: null }, 400, /prices must be array/],
      ['PUT', `/admin/prices/${variantId}`, undefined, 400, /body must be object/],
      ['GET', `/admin/prices/${uuidv7()}`, undefined, 404, /not found/],
    ]);
  });

  it('customer groups and members', async () => {
    await run([
      ['GET', '/admin/customer-groups?limit=101', undefined, 400, /querystring\.limit must be <= 100/],
      ['GET', '/admin/customer-groups?limit=0', undefined, 400, /querystring\.limit must be >= 1/],
      ['GET', '/admin/customer-groups?cursor=abc', undefined, 400, /querystring\.cursor must match format "uuid"/],
      ['POST', '/admin/customer-groups', {}, 400, /must have required property 'name'/],
      ['POST', '/admin/customer-groups', { name: '' }, 400, /name must NOT have fewer than 1 characters/],
      ['POST', '/admin/customer-groups', { name: 'x'.repeat(201) }, 400, /name must NOT have more than 200 characters/],
      ['POST', '/admin/customer-groups', { name: 'vip' }, 409, /already exists/],
      ['POST', '/admin/customer-groups', { name: 'New', id: uuidv7() }, 400, /id is not an allowed property/],
      ['GET', `/admin/customer-groups/${uuidv7()}`, undefined, 404, /Customer group not found/],
      ['GET', '/admin/customer-groups/1', undefined, 400, /params\.id must match format "uuid"/],
      ['PATCH', `/admin/customer-groups/${groupId}`, {}, 400, /must NOT have fewer than 1 properties/],
      ['PATCH', `/admin/customer-groups/${uuidv7()}`, { name: 'X' }, 404, /not found/],
      ['DELETE', `/admin/customer-groups/${uuidv7()}`, undefined, 404, /not found/],
      ['DELETE', `/admin/customer-groups/${groupId}`, undefined, 409, /used by 1 price list/],
      [
        'POST',
        `/admin/customer-groups/${groupId}/customers`,
        { customerIds: [] },
        400,
        /customerIds must NOT have fewer than 1 items/,
      ],
      [
        'POST',
        `/admin/customer-groups/${groupId}/customers`,
        { customerIds: Array.from({ length: 1001 }, () => uuidv7()) },
        400,
        /must NOT have more than 1000 items/,
      ],
      [
        'POST',
        `/admin/customer-groups/${groupId}/customers`,
        { customerIds: ['me'] },
        400,
        /customerIds\.0 must match format "uuid"/,
      ],
      [
        'POST',
        `/admin/customer-groups/${uuidv7()}/customers`,
        { customerIds: [uuidv7()] },
        404,
        /Customer group not found/,
      ],
      ['GET', `/admin/customer-groups/${uuidv7()}/customers`, undefined, 404, /not found/],
      ['GET', `/admin/customer-groups/${groupId}/customers?limit=500`, undefined, 400, /limit must be <= 100/],
      [
        'DELETE',
        `/admin/customer-groups/${groupId}/customers/${uuidv7()}`,
        undefined,
        404,
        /Customer in this group not found/,
      ],
    ]);
  });

  it('price lists', async () => {
    const base = { name: 'L', prices: [{ variantId, currency: 'EUR', amount: 1 }] };
    await run([
      ['GET', '/admin/price-lists?limit=1000', undefined, 400, /limit must be <= 100/],
      ['POST', '/admin/price-lists', { prices: [] }, 400, /must have required property 'name'/],
      ['POST', '/admin/price-lists', { name: 'L' }, 400, /must have required property 'prices'/],
      [
        'POST',
        '/admin/price-lists',
        { ...base, startsAt: '2030-02-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' },
        400,
        /endsAt must be after startsAt/,
      ],
      ['POST', '/admin/price-lists', { ...base, startsAt: 'tomorrow' }, 400, /startsAt must match format "date-time"/],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: [{ variantId: uuidv7(), currency: 'EUR', amount: 1 }] },
        404,
        /Variant .* not found/,
      ],
      ['POST', '/admin/price-lists', { ...base, customerGroupId: uuidv7() }, 404, /Customer group .* not found/],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: [base.prices[0], { ...base.prices[0], amount: 2 }] },
        400,
        /more than once/,
      ],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: [{ variantId, currency: 'EUR', amount: -1 }] },
        400,
        /prices\.0\.amount must be >= 0/,
      ],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: [{ variantId, currency: 'CHF', amount: 1 }] },
        400,
        /prices\.0\.currency must be equal to one of the allowed values/,
      ],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: Array.from({ length: 1001 }, () => base.prices[0]) },
        400,
        /prices must NOT have more than 1000 items/,
      ],
      [
        'POST',
        '/admin/price-lists',
        { ...base, name: 'n'.repeat(201) },
        400,
        /name must NOT have more than 200 characters/,
      ],
      ['PATCH', `/admin/price-lists/${listId}`, {}, 400, /must NOT have fewer than 1 properties/],
      [
        'PATCH',
        `/admin/price-lists/${listId}`,
        { endsAt: '2029-12-31T00:00:00Z' },
        400,
        /endsAt must be after startsAt/,
      ],
      [
        'PATCH',
        `/admin/price-lists/${listId}`,
        { prices: [{ variantId: uuidv7(), currency: 'EUR', amount: 1 }] },
        404,
        /Variant/,
      ],
      ['PATCH', `/admin/price-lists/${uuidv7()}`, { name: 'X' }, 404, /Price list not found/],
      ['DELETE', `/admin/price-lists/${uuidv7()}`, undefined, 404, /Price list not found/],
      ['GET', `/admin/price-lists/${uuidv7()}`, undefined, 404, /Price list not found/],
    ]);
  });

  it('tax rates and currency settings', async () => {
    await run([
      ['PUT', '/admin/tax-rates/DE', { rateBps: -1 }, 400, /rateBps must be >= 0/],
      ['PUT', '/admin/tax-rates/DE', { rateBps: 10_001 }, 400, /rateBps must be <= 10000/],
      ['PUT', '/admin/tax-rates/DE', { rateBps: 887.125 }, 400, /at most two decimals/],
      ['PUT', '/admin/tax-rates/DE', { rateBps: '1900' }, 400, /rateBps must be number/],
      ['PUT', '/admin/tax-rates/DE', {}, 400, /must have required property 'rateBps'/],
      [
        'PUT',
        '/admin/tax-rates/DE',
        { rateBps: 1900, name: 'n'.repeat(101) },
        400,
        /name must NOT have more than 100 characters/,
      ],
      ['PUT', '/admin/tax-rates/de', { rateBps: 1900 }, 400, /params\.countryCode must match pattern/],
      ['PUT', '/admin/tax-rates/DEU', { rateBps: 1900 }, 400, /params\.countryCode must match pattern/],
      ['GET', '/admin/tax-rates/FR', undefined, 404, /Tax rate for FR not found/],
      ['DELETE', '/admin/tax-rates/FR', undefined, 404, /Tax rate for FR not found/],
      [
        'PUT',
        '/admin/currency-settings/CHF',
        { taxInclusive: true },
        400,
        /params\.currency must be equal to one of the allowed values/,
      ],
      ['PUT', '/admin/currency-settings/EUR', { taxInclusive: 'yes' }, 400, /taxInclusive must be boolean/],
      ['PUT', '/admin/currency-settings/EUR', {}, 400, /must have required property 'taxInclusive'/],
    ]);
  });
});
