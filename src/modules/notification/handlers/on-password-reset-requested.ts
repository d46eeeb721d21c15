import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PasswordResetRequested } from '../../user/contract.ts';
import { linkTo } from '../domain/account-links.ts';
import { passwordReset } from '../domain/templates/index.ts';
import { sendNow } from '../use-cases/deliver-message.ts';
import { enqueueMessage } from '../use-cases/enqueue-message.ts';
import { notification } from '../runtime.ts';

/** user.password_reset_requested: the reset link. One message per token (its id is the occurrence). */
export const onPasswordResetRequested: Handler<PayloadOf<typeof PasswordResetRequested>> = async (ctx, event) => {
  const p = event.payload;
  await enqueueMessage(
    ctx.em,
    {
      channel: 'email',
      template: 'password_reset',
      to: p.email,
      subjectId: p.accountId,
      occurrence: event.id,
      content: passwordReset(notification().templates, {
        firstName: p.firstName,
        link: linkTo(notification().platform.config, p.audience, 'reset-password', p.token),
        expiresAt: p.expiresAt,
      }),
    },
    sendNow(ctx, event),
  );
};
