import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../src/modules/product/contract.ts';
import { StockChanged } from '../src/modules/inventory/contract.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { inventoryHelpers, snapshot } from './helpers/inventory.ts';

/** The inventory module over HTTP and events: the product projection and stock locations. */
describe('inventory: product projection, locations and adjustments', () => {
  let app: TestApp;
  let admin: string;
  let probe: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
    // A subscriber of our own, never worked: every stock_changed published stays in its queue to be read.
    probe = await app.platform.bus.declare('probe', StockChanged.name);
  });
  afterAll(() => app?.stop());

  const { announce, stockEvents, levels, defaultLocation, newVariant, adjust } = inventoryHelpers(() => ({
    app,
    admin,
    probe,
  }));

  it('product.created gives each variant a stock record at the default location and publishes stock_changed; a redelivery changes nothing', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    const env = await announce(
      ProductCreated,
      snapshot(uuidv7(), 1, [
        { id: a, sku: 'A-1' },
        { id: b, sku: 'B-1' },
      ]),
    );
    const home = await defaultLocation();
    for (const v of [a, b]) {
      expect(await levels(v)).toEqual([{ location_id: home, on_hand: 0, reserved: 0 }]);
      expect(await stockEvents(v)).toEqual([{ variantId: v, available: 0, inStock: false, sequence: 1 }]);
    }
    const item = (await app.request('GET', `/admin/inventory/${a}`, { token: admin })).json();
    expect(item).toMatchObject({
      variantId: a,
      sku: 'A-1',
      deleted: false,
      onHand: 0,
      reserved: 0,
      available: 0,
      inStock: false,
    });
    expect(item.levels).toEqual([
      {
        locationId: home,
        locationCode: 'default',
        locationName: 'Default location',
        onHand: 0,
        reserved: 0,
        available: 0,
      },
    ]);

    // The same envelope delivered again, as a crash between commit and ack would do.
    const again = await app.platform.bus.boss.send(queueName('inventory', ProductCreated.name), env);
    await eventually(
      async () =>
        (await app.db.query(`select 1 from pgboss.job where id = $1 and state < 'completed'`, [again])).length === 0,
    );
    expect(await levels(a)).toHaveLength(1);
    expect(await stockEvents(a)).toHaveLength(1);
  });

  it('product.updated adds and removes variants; an older or repeated snapshot changes nothing', async () => {
    const productId = uuidv7();
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    await announce(
      ProductCreated,
      snapshot(productId, 1, [
        { id: a, sku: 'A-1' },
        { id: b, sku: 'B-1' },
      ]),
    );
    await adjust(a, { locationId: await defaultLocation(), delta: 5, reason: 'received' }, 201);

    await announce(
      ProductUpdated,
      snapshot(productId, 3, [
        { id: a, sku: 'A-3' },
        { id: c, sku: 'C-3' },
      ]),
    );
    expect(
      (await app.db.query('select sku, deleted_at from inventory.variants where variant_id = $1', [a]))[0],
    ).toMatchObject({ sku: 'A-3', deleted_at: null });
    expect(
      (await app.db.query('select deleted_at from inventory.variants where variant_id = $1', [b]))[0].deleted_at,
    ).not.toBeNull();
    expect(await stockEvents(c)).toEqual([{ variantId: c, available: 0, inStock: false, sequence: 1 }]);

    // Version 2 arrives late: it would bring B back and rename A, but it is older than what we hold.
    const before = { a: await stockEvents(a), b: await stockEvents(b), levels: await levels(a) };
    await announce(
      ProductUpdated,
      snapshot(productId, 2, [
        { id: a, sku: 'A-2' },
        { id: b, sku: 'B-2' },
      ]),
    );
    await announce(
      ProductUpdated,
      snapshot(productId, 3, [
        { id: a, sku: 'A-3' },
        { id: c, sku: 'C-3' },
      ]),
    );
    const rows = await app.db.query(
      'select variant_id, sku, deleted_at is not null as deleted from inventory.variants where product_id = $1 order by variant_id',
      [productId],
    );
    expect(rows).toEqual([
      { variant_id: a, sku: 'A-3', deleted: false },
      { variant_id: b, sku: 'B-1', deleted: true },
      { variant_id: c, sku: 'C-3', deleted: false },
    ]);
    expect({ a: await stockEvents(a), b: await stockEvents(b), levels: await levels(a) }).toEqual(before);

    // A removed variant keeps its history but takes no more adjustments.
    const gone = await adjust(b, { locationId: await defaultLocation(), delta: 1, reason: 'received' }, 404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect((await app.request('GET', `/admin/inventory/${b}`, { token: admin })).json()).toMatchObject({
      variantId: b,
      deleted: true,
    });
  });

  it('product.deleted marks its variants deleted; a snapshot arriving after the deletion is ignored', async () => {
    const productId = uuidv7();
    const a = uuidv7();
    await announce(ProductCreated, snapshot(productId, 1, [{ id: a, sku: 'A' }]));
    await adjust(a, { locationId: await defaultLocation(), delta: 3, reason: 'received' }, 201);
    await announce(ProductDeleted, { productId, version: 2, variantIds: [a] });
    expect((await app.request('GET', `/admin/inventory/${a}`, { token: admin })).json()).toMatchObject({
      deleted: true,
      onHand: 3,
    });
    await adjust(a, { locationId: await defaultLocation(), delta: -3, reason: 'damaged' }, 404);
    expect(
      (await app.request('GET', `/admin/inventory?productId=${productId}`, { token: admin })).json().items,
    ).toHaveLength(0);
    expect(
      (await app.request('GET', `/admin/inventory?productId=${productId}&includeDeleted=true`, { token: admin })).json()
        .items,
    ).toHaveLength(1);

    // Reordered delivery: the deletion of a product overtakes its creation.
    const late = uuidv7();
    const lateVariant = uuidv7();
    await announce(ProductDeleted, { productId: late, version: 2, variantIds: [lateVariant] });
    await announce(ProductCreated, snapshot(late, 1, [{ id: lateVariant, sku: 'LATE' }]));
    expect(await app.db.query('select 1 from inventory.variants where variant_id = $1', [lateVariant])).toHaveLength(0);
    expect(await stockEvents(lateVariant)).toHaveLength(0);
  });

  it('stock locations: create, list, change and delete; codes are unique; the default and a stocked location cannot be deleted', async () => {
    const list = (await app.request('GET', '/admin/stock-locations', { token: admin })).json();
    expect(list.items[0]).toMatchObject({ code: 'default', isDefault: true });

    const created = await app.request('POST', '/admin/stock-locations', {
      token: admin,
      body: { code: 'wh-london', name: 'London', countryCode: 'GB' },
    });
    expect(created.statusCode).toBe(201);
    const loc = created.json();
    expect(loc).toMatchObject({ code: 'wh-london', name: 'London', countryCode: 'GB', isDefault: false });
    const dup = await app.request('POST', '/admin/stock-locations', {
      token: admin,
      body: { code: 'WH-London', name: 'Again', countryCode: 'GB' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(dup.json().detail).toMatch(/already exists/);

    const other = (
      await app.request('POST', '/admin/stock-locations', {
        token: admin,
        body: { code: 'wh-paris', name: 'Paris', countryCode: 'FR' },
      })
    ).json();
    expect(
      (await app.request('PATCH', `/admin/stock-locations/${other.id}`, { token: admin, body: { code: 'wh-london' } }))
        .statusCode,
    ).toBe(409);
    const renamed = await app.request('PATCH', `/admin/stock-locations/${other.id}`, {
      token: admin,
      body: { name: 'Paris Nord' },
    });
    expect(renamed.json()).toMatchObject({ code: 'wh-paris', name: 'Paris Nord' });
    expect((await app.request('GET', `/admin/stock-locations/${other.id}`, { token: admin })).json().name).toBe(
      'Paris Nord',
    );

    for (const body of [
      { code: 'x', name: 'X', countryCode: 'gb' },
      { code: 'x', name: '', countryCode: 'GB' },
      { code: 'has space', name: 'X', countryCode: 'GB' },
      { code: 'x', name: 'X', countryCode: 'GB', isDefault: true },
      { code: 'x', name: 'X' },
    ]) {
      expect(
        (await app.request('POST', '/admin/stock-locations', { token: admin, body })).statusCode,
        JSON.stringify(body),
      ).toBe(400);
    }
    expect(
      (await app.request('PATCH', `/admin/stock-locations/${other.id}`, { token: admin, body: {} })).statusCode,
    ).toBe(400);

    const home = await defaultLocation();
    const refused = await app.request('DELETE', `/admin/stock-locations/${home}`, { token: admin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/default/);

    const v = await newVariant();
    await adjust(v, { locationId: loc.id, delta: 4, reason: 'received' }, 201);
    const stocked = await app.request('DELETE', `/admin/stock-locations/${loc.id}`, { token: admin });
    expect(stocked.statusCode).toBe(409);
    expect(stocked.json().detail).toMatch(/holds stock/);
    await adjust(v, { locationId: loc.id, onHand: 0, reason: 'correction' }, 201);
    expect((await app.request('DELETE', `/admin/stock-locations/${loc.id}`, { token: admin })).statusCode).toBe(204);
    expect((await app.request('GET', `/admin/stock-locations/${loc.id}`, { token: admin })).statusCode).toBe(404);
    expect((await app.request('DELETE', `/admin/stock-locations/${loc.id}`, { token: admin })).statusCode).toBe(404);
    // The ledger keeps its rows of the closed location.
    expect(
      (await app.request('GET', `/admin/inventory/${v}/adjustments?locationId=${loc.id}`, { token: admin })).json()
        .items,
    ).toHaveLength(2);
  });
});
