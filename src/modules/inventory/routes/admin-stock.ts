import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { adjustStock } from '../use-cases/adjust-stock.ts';
import { adjustStockInBulk } from '../use-cases/adjust-stock-in-bulk.ts';
import { getInventory } from '../use-cases/get-inventory.ts';
import { listAdjustments } from '../use-cases/list-adjustments.ts';
import { listInventory } from '../use-cases/list-inventory.ts';
import { requestContext } from '../use-cases/stock-context.ts';
import {
  AdjustmentBody,
  AdjustmentQuery,
  BulkAdjustmentBody,
  InventoryQuery,
  pageOf,
  problems,
  VariantParam,
} from './schemas.ts';
import { adjustmentView } from './views.ts';

const tags = ['admin: inventory'];
const Item = Type.Ref('InventoryItem');
const Adjustment = Type.Ref('StockAdjustment');

/** Stock per variant and location, and staff adjustments with their audit trail. */
export const adminStockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const { orm } = platform;

  app.get(
    '/admin/inventory',
    {
      config: { permission: 'stock:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Stock of variants, by variant id',
        querystring: InventoryQuery,
        response: { 200: pageOf(Item), ...problems },
      },
    },
    async (req) => listInventory(orm.em.fork(), req.query),
  );

  app.get(
    '/admin/inventory/:variantId',
    {
      config: { permission: 'stock:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Stock of one variant, per location',
        params: VariantParam,
        response: { 200: Item, ...problems },
      },
    },
    async (req) => {
      const [item] = await getInventory(orm.em.fork(), [req.params.variantId]);
      if (!item) throw new NotFound('Variant');
      return item;
    },
  );

  app.post(
    '/admin/inventory/:variantId/adjustments',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags,
        security: bearer,
        params: VariantParam,
        body: AdjustmentBody,
        summary: 'Adjust on hand at a location, by a delta or to a counted figure (onHand), with a reason',
        response: { 201: Type.Object({ adjustment: Adjustment, inventory: Item }), ...problems },
      },
    },
    async (req, reply) => {
      const { variantId } = req.params;
      const ctx = requestContext(platform);
      const record = await adjustStock(ctx, { ...req.body, variantId, actor: currentActor(req) });
      const [inventory] = await getInventory(ctx.em, [variantId]);
      return reply.code(201).send({ adjustment: adjustmentView(record), inventory });
    },
  );

  app.post(
    '/admin/inventory/adjustments',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags,
        security: bearer,
        body: BulkAdjustmentBody,
        summary: 'Apply up to 500 adjustments at once (imports, stock takes); all or none',
        response: { 201: Type.Object({ applied: Type.Integer() }), ...problems },
      },
    },
    async (req, reply) => {
      const actor = currentActor(req);
      const items = req.body.items.map((item) => ({ ...item, actor }));
      return reply.code(201).send({ applied: await adjustStockInBulk(requestContext(platform), items) });
    },
  );

  app.get(
    '/admin/inventory/:variantId/adjustments',
    {
      config: { permission: 'stock:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'The on-hand ledger of a variant (adjustments and shipments), newest first',
        params: VariantParam,
        querystring: AdjustmentQuery,
        response: { 200: pageOf(Adjustment), ...problems },
      },
    },
    async (req) => {
      const { items, nextCursor } = await listAdjustments(orm.em.fork(), req.params.variantId, req.query);
      return { items: items.map(adjustmentView), nextCursor };
    },
  );
};
