import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, type ProductSnapshot } from '../../src/modules/product/contract.ts';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { eventually, type TestApp } from './app.ts';

/**
 * The reservation tests' helpers, over the app, admin token, stock_changed probe queue and default
 * location that the calling file sets up in its beforeAll (read lazily, so they are there by the
 * time a test runs).
 */
export function reservationHelpers(ctx: () => { app: TestApp; admin: string; probe: string; home: string }) {
  const snapshot = (productId: string, variantIds: string[]): ProductSnapshot => ({
    productId,
    version: 1,
    handle: `p-${productId.slice(-12)}`,
    title: 'Mug',
    status: 'published',
    categoryIds: [],
    collectionIds: [],
    thumbnail: null,
    variants: variantIds.map((id) => ({
      variantId: id,
      sku: `SKU-${id.slice(-8)}`,
      title: 'Mug',
      options: {},
      weightGrams: 350,
    })),
  });
  const announce = async <E extends EventDef>(event: E, payload: PayloadOf<E>) => {
    const { app } = ctx();
    const env = await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, event, payload, { producer: 'product' }));
    await eventually(
      async () => (await app.db.query('select 1 from inventory.inbox where event_id = $1', [env.id])).length > 0,
    );
  };
  /** A variant of a new product, with the given stock at the default location. */
  const variantWith = async (onHand: number, locationId = ctx().home) => {
    const id = uuidv7();
    await announce(ProductCreated, snapshot(uuidv7(), [id]));
    if (onHand) await setStock(id, onHand, locationId);
    return id;
  };
  const setStock = async (variantId: string, onHand: number, locationId = ctx().home) => {
    const res = await ctx().app.request('POST', `/admin/inventory/${variantId}/adjustments`, {
      token: ctx().admin,
      body: { locationId, onHand, reason: 'received' },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const reserve = (reference: string, lines: { variantId: string; quantity: number }[], token = ctx().admin) =>
    ctx().app.request('POST', '/admin/reservations', { token, body: { reference, lines } });
  const stock = async (variantId: string) => {
    const [r] = await ctx().app.db.query(
      'select sum(on_hand)::int as on_hand, sum(reserved)::int as reserved from inventory.stock_levels where variant_id = $1',
      [variantId],
    );
    return { onHand: r.on_hand, reserved: r.reserved, available: r.on_hand - r.reserved };
  };
  const stockEvents = async (variantId: string) =>
    (
      await ctx().app.db.query(
        `select data->'payload' as p from pgboss.job where name = $1 and data->'payload'->>'variantId' = $2`,
        [ctx().probe, variantId],
      )
    )
      .map((r) => r.p)
      .sort((a, b) => a.sequence - b.sequence);
  const ref = (tag: string) => `${tag}-${uuidv7()}`;

  return { snapshot, announce, variantWith, setStock, reserve, stock, stockEvents, ref };
}
