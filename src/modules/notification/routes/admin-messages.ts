import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { getMessage } from '../use-cases/get-message.ts';
import { listMessages } from '../use-cases/list-messages.ts';
import { resendMessage } from '../use-cases/resend-message.ts';
import { IdParam, MessageQuery, problems } from './schemas.ts';

const tags = ['admin: notifications'];

/** The message log for staff: what was sent to whom, what failed and why; and resending. */
export const adminMessageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;

  app.get(
    '/admin/notifications',
    {
      config: { permission: 'notifications:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'Messages, newest first; filter by recipient, status, template, channel or subject',
        querystring: MessageQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('NotificationMessage')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems,
        },
      },
    },
    async (req) => listMessages(platform.orm.em.fork(), req.query),
  );

  app.get(
    '/admin/notifications/:id',
    {
      config: { permission: 'notifications:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One message with its content and delivery attempts',
        params: IdParam,
        response: { 200: Type.Ref('NotificationMessageDetail'), ...problems },
      },
    },
    async (req) => {
      const message = await getMessage(platform.orm.em.fork(), req.params.id);
      if (!message) throw new NotFound('Message');
      return message;
    },
  );

  app.post(
    '/admin/notifications/:id/resend',
    {
      config: { permission: 'notifications:send' },
      schema: {
        tags,
        security: bearer,
        params: IdParam,
        summary:
          'Send a sent or failed message again: a new message (resendOf the original) is queued; 409 while the original is still queued',
        response: { 202: Type.Ref('NotificationMessage'), ...problems },
      },
    },
    async (req, reply) => reply.code(202).send(await resendMessage(platform.orm.em.fork(), req.params.id)),
  );
};
