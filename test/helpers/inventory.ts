import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, type ProductSnapshot } from '../../src/modules/product/contract.ts';
import type { EventDef, PayloadOf } from '../../src/platform/bus/event.ts';
import { eventually, type TestApp } from './app.ts';

export const snapshot = (
  productId: string,
  version: number,
  variants: { id: string; sku: string }[],
): ProductSnapshot => ({
  productId,
  version,
  handle: `tee-${productId.slice(-12)}`,
  title: 'Tee',
  status: 'published',
  categoryIds: [],
  collectionIds: [],
  thumbnail: null,
  variants: variants.map((v) => ({
    variantId: v.id,
    sku: v.sku,
    title: `Tee ${v.sku}`,
    options: {},
    weightGrams: null,
  })),
});

/**
 * The inventory tests' helpers, over the app, admin token and stock_changed probe queue that the
 * calling file sets up in its beforeAll (read lazily, so they are there by the time a test runs).
 */
export function inventoryHelpers(ctx: () => { app: TestApp; admin: string; probe: string }) {
  /** Publishes as the product module would and waits until inventory has handled it. */
  const announce = async <E extends EventDef>(event: E, payload: PayloadOf<E>) => {
    const { app } = ctx();
    const env = await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, event, payload, { producer: 'product' }));
    await eventually(
      async () => (await app.db.query('select 1 from inventory.inbox where event_id = $1', [env.id])).length > 0,
    );
    return env;
  };
  const stockEvents = async (variantId: string) =>
    (
      await ctx().app.db.query(
        // (stock_changed is written `together`: a job carries one event or a pack of them)
        `select e->'payload' as p from pgboss.job j,
           jsonb_array_elements(case when j.data ? 'pack' then j.data->'pack' else jsonb_build_array(j.data) end) e
          where j.name = $1 and e->'payload'->>'variantId' = $2`,
        [ctx().probe, variantId],
      )
    )
      .map((r) => r.p)
      .sort((a, b) => a.sequence - b.sequence);
  const levels = (variantId: string) =>
    ctx().app.db.query(
      'select location_id, on_hand, reserved from inventory.stock_levels where variant_id = $1 order by location_id',
      [variantId],
    );
  const defaultLocation = async () =>
    (await ctx().app.db.query(`select id from inventory.stock_locations where code = 'default'`))[0].id as string;
  /** A fresh variant (through a product.created event), optionally with stock at the default location. */
  const newVariant = async (onHand = 0) => {
    const id = uuidv7();
    await announce(ProductCreated, snapshot(uuidv7(), 1, [{ id, sku: `SKU-${id.slice(-8)}` }]));
    if (onHand) await adjust(id, { locationId: await defaultLocation(), onHand, reason: 'received' }, 201);
    return id;
  };
  const adjust = async (variantId: string, body: unknown, expected?: number, token = ctx().admin) => {
    const res = await ctx().app.request('POST', `/admin/inventory/${variantId}/adjustments`, { token, body });
    if (expected) expect(res.statusCode, res.body).toBe(expected);
    return res;
  };
  return { announce, stockEvents, levels, defaultLocation, newVariant, adjust };
}
