import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { UserRegistered } from '../../user/contract.ts';
import { enqueueMessage } from '../use-cases/enqueue-message.ts';
import { sendNow } from '../use-cases/deliver-message.ts';
import { notification } from '../runtime.ts';
import { welcome } from '../domain/templates/index.ts';

/** user.registered: the welcome mail. */
export const onUserRegistered: Handler<PayloadOf<typeof UserRegistered>> = async (ctx, event) => {
  const { em } = ctx;
  const u = event.payload;
  await enqueueMessage(
    em,
    {
      channel: 'email',
      template: 'welcome',
      to: u.email,
      subjectId: u.userId,
      content: welcome(notification().templates, { firstName: u.firstName, email: u.email }),
    },
    sendNow(ctx, event),
  );
};
