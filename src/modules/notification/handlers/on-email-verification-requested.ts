import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { EmailVerificationRequested } from '../../user/contract.ts';
import { linkTo } from '../domain/account-links.ts';
import { emailVerification } from '../domain/templates/index.ts';
import { sendNow } from '../use-cases/deliver-message.ts';
import { enqueueMessage } from '../use-cases/enqueue-message.ts';
import { notification } from '../runtime.ts';

/** user.email_verification_requested: the confirmation link. */
export const onEmailVerificationRequested: Handler<PayloadOf<typeof EmailVerificationRequested>> = async (
  ctx,
  event,
) => {
  const p = event.payload;
  await enqueueMessage(
    ctx.em,
    {
      channel: 'email',
      template: 'email_verification',
      to: p.email,
      subjectId: p.customerId,
      occurrence: event.id,
      content: emailVerification(notification().templates, {
        firstName: p.firstName,
        link: linkTo(notification().platform.config, 'customer', 'verify-email', p.token),
        expiresAt: p.expiresAt,
      }),
    },
    sendNow(ctx, event),
  );
};
