import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer, currentUser } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { adjustStock } from '../adjust-stock.ts';
import { adjustmentView, listAdjustments, listInventory, readInventory } from '../inventory-read.ts';
import { AdjustmentBody, AdjustmentQuery, BulkAdjustmentBody, InventoryQuery, VariantParam } from '../schemas.ts';
import { requestContext } from '../stock-context.ts';
import { problems } from './problems.ts';

const tags = ['admin: inventory'];
const Item = Type.Ref('InventoryItem');
const Adjustment = Type.Ref('StockAdjustment');
const pageOf = (item: ReturnType<typeof Type.Ref>) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** Stock per variant and location, and staff adjustments with their audit trail. */
export async function stockRoutes(app: FastifyInstance) {
  const { platform } = app;
  const { orm } = platform;

  app.get(
    '/admin/inventory',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Stock of variants, by variant id',
        querystring: InventoryQuery,
        response: { 200: pageOf(Item), ...problems },
      },
    },
    async (req) => listInventory(orm.em.fork(), req.query as Static<typeof InventoryQuery>),
  );

  app.get(
    '/admin/inventory/:variantId',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Stock of one variant, per location',
        params: VariantParam,
        response: { 200: Item, ...problems },
      },
    },
    async (req) => {
      const [item] = await readInventory(orm.em.fork(), [(req.params as Static<typeof VariantParam>).variantId]);
      if (!item) throw new NotFound('Variant');
      return item;
    },
  );

  app.post(
    '/admin/inventory/:variantId/adjustments',
    {
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
      const { variantId } = req.params as Static<typeof VariantParam>;
      const ctx = requestContext(platform);
      const row = await adjustStock(ctx, {
        ...(req.body as Static<typeof AdjustmentBody>),
        variantId,
        staffId: currentUser(req).sub,
      });
      const [inventory] = await readInventory(ctx.em, [variantId]);
      return reply.code(201).send({ adjustment: adjustmentView(row), inventory });
    },
  );

  app.post(
    '/admin/inventory/adjustments',
    {
      schema: {
        tags,
        security: bearer,
        body: BulkAdjustmentBody,
        summary: 'Apply up to 500 adjustments at once (imports, stock takes); all or none',
        response: { 201: Type.Object({ applied: Type.Integer() }), ...problems },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(platform);
      const staffId = currentUser(req).sub;
      const { items } = req.body as Static<typeof BulkAdjustmentBody>;
      await ctx.em.transactional(async (em) => {
        for (const item of items) await adjustStock({ ...ctx, em }, { ...item, staffId });
      });
      return reply.code(201).send({ applied: items.length });
    },
  );

  app.get(
    '/admin/inventory/:variantId/adjustments',
    {
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
      const { variantId } = req.params as Static<typeof VariantParam>;
      const em = orm.em.fork();
      if (!(await readInventory(em, [variantId])).length) throw new NotFound('Variant');
      return listAdjustments(em, variantId, req.query as Static<typeof AdjustmentQuery>);
    },
  );
}
