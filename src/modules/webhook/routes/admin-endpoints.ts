import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { getEndpoint, listEndpoints } from '../use-cases/get-endpoint.ts';
import { registerEndpoint } from '../use-cases/register-endpoint.ts';
import { rotateSecret } from '../use-cases/rotate-secret.ts';
import { deleteEndpoint, updateEndpoint } from '../use-cases/update-endpoint.ts';
import { EndpointIn, EndpointPatch, IdParam, problems, RotateIn } from './schemas.ts';
import { endpointView } from './views.ts';

const tags = ['admin: webhooks'];
const config = { permission: 'webhooks:manage' } as const;
const WithSecret = Type.Intersect([Type.Ref('WebhookEndpoint'), Type.Object({ secret: Type.String() })]);

/** Endpoints staff register to hear about orders, payments, shipments and products. */
export const adminEndpointRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const em = () => platform.orm.em.fork();
  const load = async (id: string) => {
    const e = await getEndpoint(em(), id);
    if (!e) throw new NotFound('Webhook endpoint');
    return e;
  };

  app.get(
    '/admin/webhooks',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Webhook endpoints, newest first',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('WebhookEndpoint')) }), ...problems(401, 403) },
      },
    },
    async () => ({ items: (await listEndpoints(em())).map(endpointView) }),
  );

  app.post(
    '/admin/webhooks',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Register an endpoint; the answer holds its signing secret (whsec_…), shown this once',
        body: EndpointIn,
        response: { 201: WithSecret, ...problems(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const actor = currentActor(req);
      const id = await registerEndpoint(em(), req.body, actor.kind === 'staff' ? actor.email : null);
      const e = await load(id);
      return reply.code(201).send({ ...endpointView(e), secret: e.secret });
    },
  );

  app.get(
    '/admin/webhooks/:id',
    {
      config,
      schema: {
        tags,
        security: bearer,
        params: IdParam,
        response: { 200: Type.Ref('WebhookEndpoint'), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => endpointView(await load(req.params.id)),
  );

  app.patch(
    '/admin/webhooks/:id',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Change the URL, events, description or contact; enabled: true re-enables a disabled endpoint',
        params: IdParam,
        body: EndpointPatch,
        response: { 200: Type.Ref('WebhookEndpoint'), ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      await updateEndpoint(em(), req.params.id, req.body);
      return endpointView(await load(req.params.id));
    },
  );

  app.delete(
    '/admin/webhooks/:id',
    {
      config,
      schema: {
        tags,
        security: bearer,
        params: IdParam,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteEndpoint(em(), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/webhooks/:id/rotate-secret',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'A new secret signs from now on; the old one signs beside it until previousSecretExpiresAt',
        params: IdParam,
        body: Type.Optional(RotateIn),
        response: {
          200: Type.Object({ secret: Type.String(), previousSecretExpiresAt: Type.String({ format: 'date-time' }) }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => rotateSecret(em(), req.params.id, req.body?.overlapSeconds, req.body?.secret),
  );
};
