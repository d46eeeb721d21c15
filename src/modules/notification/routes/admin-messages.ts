import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { listMessages, readMessage } from '../messages/read.ts';
import { resendMessage } from '../messages/resend.ts';
import { IdParam, MessageQuery } from '../schemas.ts';

const tags = ['admin: notifications'];
const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};

/** The message log for staff: what was sent to whom, what failed and why; and resending. */
export async function adminNotificationRoutes(app: FastifyInstance) {
  const { platform } = app;

  app.get(
    '/admin/notifications',
    {
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
    async (req) => listMessages(platform.orm.em.fork(), req.query as Static<typeof MessageQuery>),
  );

  app.get(
    '/admin/notifications/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'One message with its content and delivery attempts',
        params: IdParam,
        response: { 200: Type.Ref('NotificationMessageDetail'), ...problems },
      },
    },
    async (req) => {
      const message = await readMessage(platform.orm.em.fork(), (req.params as Static<typeof IdParam>).id);
      if (!message) throw new NotFound('Message');
      return message;
    },
  );

  app.post(
    '/admin/notifications/:id/resend',
    {
      schema: {
        tags,
        security: bearer,
        params: IdParam,
        summary:
          'Send a sent or failed message again: a new message (resendOf the original) is queued; 409 while the original is still queued',
        response: { 202: Type.Ref('NotificationMessage'), ...problems },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await resendMessage(platform.orm.em.fork(), (req.params as Static<typeof IdParam>).id)),
  );
}
