import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { RegistrationAttempted } from '../../user/contract.ts';
import { registrationAttempt } from '../domain/templates/index.ts';
import { sendNow } from '../use-cases/deliver-message.ts';
import { enqueueMessage } from '../use-cases/enqueue-message.ts';
import { notification } from '../runtime.ts';

/**
 * user.registration_attempted: tells the owner of the address. At most one such mail per account
 * and day (the day is the occurrence), so repeated sign-up attempts cannot flood an inbox.
 */
export const onRegistrationAttempted: Handler<PayloadOf<typeof RegistrationAttempted>> = async (ctx, event) => {
  const p = event.payload;
  const shop = notification().platform.config.STOREFRONT_URL.replace(/\/+$/, '');
  await enqueueMessage(
    ctx.em,
    {
      channel: 'email',
      template: 'registration_attempt',
      to: p.email,
      subjectId: p.customerId,
      occurrence: p.attemptedAt.slice(0, 10),
      content: registrationAttempt(notification().templates, {
        firstName: p.firstName,
        signInLink: `${shop}/sign-in`,
        resetLink: `${shop}/reset-password`,
      }),
    },
    sendNow(ctx, event),
  );
};
