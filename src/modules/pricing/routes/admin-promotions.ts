import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { publisherFor } from '../../../platform/host/platform.ts';
import { createPromotion } from '../use-cases/create-promotion.ts';
import { deletePromotion } from '../use-cases/delete-promotion.ts';
import { getPromotion } from '../use-cases/get-promotion.ts';
import { listPromotions } from '../use-cases/list-promotions.ts';
import { updatePromotion } from '../use-cases/update-promotion.ts';
import { IdParam, pageOf, problems, PromotionBody, PromotionOut, PromotionPatch, PromotionQuery } from './schemas.ts';

const tags = ['admin: promotions'];

const rules = `A code promotion has a unique, case-insensitive code; without a code it is automatic.
An order gets at most one code plus every automatic promotion that applies, applied in this order:
product/category promotions before whole-order ones, percentages before fixed amounts, automatic before the code;
each discounts what the earlier ones left, never below zero. The minimum subtotal is compared with the order
subtotal before any discount.`;

/** Promotions: code-based and automatic discounts. */
export const adminPromotionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { orm } = app.platform;
  const publish = publisherFor(app.platform, 'pricing');

  app.get(
    '/admin/promotions',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'List promotions (newest first)',
        querystring: PromotionQuery,
        response: { 200: pageOf(PromotionOut), ...problems(400, 401, 403) },
      },
    },
    async (req) => listPromotions(orm.em.fork(), req.query),
  );

  app.post(
    '/admin/promotions',
    {
      config: { permission: 'promotions:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Create a promotion',
        description: rules,
        body: PromotionBody,
        response: { 201: PromotionOut, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createPromotion(orm.em.fork(), publish, req.body, currentActor(req))),
  );

  app.get(
    '/admin/promotions/:id',
    {
      config: { permission: 'catalog:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One promotion',
        params: IdParam,
        response: { 200: PromotionOut, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => getPromotion(orm.em.fork(), req.params.id),
  );

  app.patch(
    '/admin/promotions/:id',
    {
      config: { permission: 'promotions:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Change a promotion',
        params: IdParam,
        body: PromotionPatch,
        response: { 200: PromotionOut, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updatePromotion(orm.em.fork(), publish, req.params.id, req.body, currentActor(req)),
  );

  app.delete(
    '/admin/promotions/:id',
    {
      config: { permission: 'promotions:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Delete a promotion (and its usage records)',
        params: IdParam,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deletePromotion(orm.em.fork(), publish, req.params.id, currentActor(req));
      return reply.code(204).send(null);
    },
  );
};
