// The pricing promotion admin routes refuse bad input with a clear problem+json (400/404/409) and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { type TestApp } from './helpers/app.ts';
import { startValidationApp, validationChecks } from './helpers/pricing-validation.ts';

describe('pricing: bad input on admin routes', () => {
  let app: TestApp;
  let admin: string;
  let promotionId: string;
  const code = `KEEP${uuidv7().slice(-8).toUpperCase()}`;

  beforeAll(async () => {
    ({ app, admin, promotionId } = await startValidationApp(code));
  });
  afterAll(() => app?.stop());

  const { run } = validationChecks(() => ({ app, admin }));

  it('promotions', async () => {
    const pct = { name: 'P', kind: 'percentage', percentBps: 500 };
    const fixed = { name: 'F', kind: 'fixed', amounts: [{ currency: 'EUR', amount: 100 }] };
    await run([
      ['GET', '/admin/promotions?limit=101', undefined, 400, /limit must be <= 100/],
      ['GET', `/admin/promotions?q=${'q'.repeat(101)}`, undefined, 400, /q must NOT have more than 100 characters/],
      ['POST', '/admin/promotions', { name: 'P' }, 400, /must have required property 'kind'/],
      ['POST', '/admin/promotions', { ...pct, kind: 'bogo' }, 400, /kind must be equal to one of the allowed values/],
      [
        'POST',
        '/admin/promotions',
        { name: 'P', kind: 'percentage' },
        400,
        /percentBps is required for a percentage promotion/,
      ],
      ['POST', '/admin/promotions', { ...pct, percentBps: 0 }, 400, /percentBps must be >= 1/],
      ['POST', '/admin/promotions', { ...pct, percentBps: 10_001 }, 400, /percentBps must be <= 10000/],
      ['POST', '/admin/promotions', { ...pct, amounts: fixed.amounts }, 400, /amounts belong to a fixed promotion/],
      ['POST', '/admin/promotions', { name: 'F', kind: 'fixed' }, 400, /amounts must name the amount off/],
      ['POST', '/admin/promotions', { ...fixed, percentBps: 10 }, 400, /percentBps belongs to a percentage promotion/],
      [
        'POST',
        '/admin/promotions',
        { ...fixed, amounts: [{ currency: 'EUR', amount: 0 }] },
        400,
        /amounts\.0\.amount must be >= 1/,
      ],
      [
        'POST',
        '/admin/promotions',
        {
          ...fixed,
          amounts: [
            { currency: 'EUR', amount: 1 },
            { currency: 'EUR', amount: 2 },
          ],
        },
        400,
        /EUR more than once/,
      ],
      [
        'POST',
        '/admin/promotions',
        { ...pct, minSubtotal: [{ currency: 'EUR', amount: -1 }] },
        400,
        /minSubtotal\.0\.amount must be >= 0/,
      ],
      ['POST', '/admin/promotions', { ...pct, code: 'has space' }, 400, /code must match pattern/],
      ['POST', '/admin/promotions', { ...pct, code: 'AB' }, 400, /code must match pattern/],
      ['POST', '/admin/promotions', { ...pct, code: code.toLowerCase() }, 409, /already exists/],
      ['POST', '/admin/promotions', { ...pct, usageLimit: 0 }, 400, /usageLimit must be >= 1/],
      [
        'POST',
        '/admin/promotions',
        { ...pct, startsAt: '2030-01-02T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' },
        400,
        /endsAt must be after startsAt/,
      ],
      [
        'POST',
        '/admin/promotions',
        { ...pct, productIds: Array.from({ length: 201 }, () => uuidv7()) },
        400,
        /productIds must NOT have more than 200 items/,
      ],
      ['POST', '/admin/promotions', { ...pct, categoryIds: ['shoes'] }, 400, /categoryIds\.0 must match format "uuid"/],
      ['POST', '/admin/promotions', { ...pct, usageCount: 5 }, 400, /usageCount is not an allowed property/],
      ['PATCH', `/admin/promotions/${promotionId}`, {}, 400, /must NOT have fewer than 1 properties/],
      ['PATCH', `/admin/promotions/${promotionId}`, { kind: 'fixed' }, 400, /amounts must name the amount off/],
      ['PATCH', `/admin/promotions/${promotionId}`, { percentBps: null }, 400, /percentBps is required/],
      ['PATCH', `/admin/promotions/${uuidv7()}`, { name: 'X' }, 404, /Promotion not found/],
      ['DELETE', `/admin/promotions/${uuidv7()}`, undefined, 404, /Promotion not found/],
      ['GET', `/admin/promotions/${uuidv7()}`, undefined, 404, /Promotion not found/],
    ]);
    // a code that clashes only by case on PATCH too
    const other = await app.request('POST', '/admin/promotions', {
      token: admin,
      body: { ...pct, code: `OTHER${uuidv7().slice(-6)}` },
    });
    expect(other.statusCode).toBe(201);
    const clash = await app.request('PATCH', `/admin/promotions/${other.json().id}`, {
      token: admin,
      body: { code: code.toLowerCase() },
    });
    expect(clash.statusCode).toBe(409);
    expect((await app.request('GET', `/admin/promotions/${other.json().id}`, { token: admin })).json().code).toBe(
      other.json().code,
    );
  });
});
