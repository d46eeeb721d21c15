import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listAuditLog } from '../use-cases/list-audit-log.ts';
import { problemResponses } from './schemas.ts';

const Text = Type.String({ minLength: 1, maxLength: 200 });
const Entry = Type.Object({
  id: Type.String({ format: 'uuid' }),
  actorKind: Type.String(),
  actorId: Type.String(),
  onBehalfOf: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  resourceType: Type.String(),
  resourceId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  at: Type.String({ format: 'date-time' }),
});

/** Who changed money, stock or access, what, when, before and after. */
export const adminAuditLogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  app.get(
    '/admin/audit-log',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['admin: audit log'],
        summary: 'Audited staff and API-key actions, newest first, by actor, resource, action and time',
        querystring: Type.Object(
          {
            actorId: Type.Optional(Text),
            resourceType: Type.Optional(Text),
            resourceId: Type.Optional(Text),
            action: Type.Optional(Text),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            cursor: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(Entry), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (req) => listAuditLog(platform.orm.em.fork(), req.query),
  );
};
