import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publisherFor } from '../../../platform/host/platform.ts';
import { bearer } from '../../../platform/http/auth.ts';
import { createOption } from '../use-cases/create-option.ts';
import { getOption } from '../use-cases/get-option.ts';
import { listOptions } from '../use-cases/list-options.ts';
import { retireOption } from '../use-cases/retire-option.ts';
import { updateOption } from '../use-cases/update-option.ts';
import { IdParam, OptionBody, OptionListQuery, OptionOut, OptionPatch, problems } from './schemas.ts';
import { optionView } from './views.ts';

const tags = ['admin: shipping options'];
const published =
  'Publishes shipping.option_changed.v1 with the full snapshot and the next version, in the same transaction.';

/** Shipping options and their rates. Every change is published for the order module's projection. */
export const adminOptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const publish = publisherFor(platform, 'shipping');

  app.get(
    '/admin/shipping-options',
    {
      config: { permission: 'orders:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Shipping options by code (retired ones on request)',
        querystring: OptionListQuery,
        response: { 200: Type.Object({ items: Type.Array(OptionOut) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => ({
      items: (await listOptions(platform.orm.em.fork(), req.query.includeRetired)).map(optionView),
    }),
  );

  app.post(
    '/admin/shipping-options',
    {
      config: { permission: 'shipping:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Create a shipping option',
        description: published,
        body: OptionBody,
        response: { 201: OptionOut, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(optionView(await createOption(platform.orm.em.fork(), publish, req.body))),
  );

  app.get(
    '/admin/shipping-options/:id',
    {
      config: { permission: 'orders:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One shipping option',
        params: IdParam,
        response: { 200: OptionOut, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => optionView(await getOption(platform.orm.em.fork(), req.params.id)),
  );

  app.patch(
    '/admin/shipping-options/:id',
    {
      config: { permission: 'shipping:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Change a shipping option',
        params: IdParam,
        body: OptionPatch,
        description: `\`rates\` and \`countries\` replace the whole set. ${published} A patch that changes nothing publishes nothing. A retired option: 409.`,
        response: { 200: OptionOut, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => optionView(await updateOption(platform.orm.em.fork(), publish, req.params.id, req.body)),
  );

  app.delete(
    '/admin/shipping-options/:id',
    {
      config: { permission: 'shipping:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Retire a shipping option (idempotent)',
        params: IdParam,
        description: `It is no longer offered and cannot be changed; its code is free for a new option. ${published}`,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await retireOption(platform.orm.em.fork(), publish, req.params.id);
      return reply.code(204).send(null);
    },
  );
};
