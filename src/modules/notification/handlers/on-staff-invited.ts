import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { StaffInvited } from '../../user/contract.ts';
import { linkTo } from '../domain/account-links.ts';
import { staffInvite } from '../domain/templates/index.ts';
import { sendNow } from '../use-cases/deliver-message.ts';
import { enqueueMessage } from '../use-cases/enqueue-message.ts';
import { notification } from '../runtime.ts';

/** user.staff_invited: the invite link to the dashboard. */
export const onStaffInvited: Handler<PayloadOf<typeof StaffInvited>> = async (ctx, event) => {
  const p = event.payload;
  await enqueueMessage(
    ctx.em,
    {
      channel: 'email',
      template: 'staff_invite',
      to: p.email,
      subjectId: p.staffId,
      occurrence: event.id,
      content: staffInvite(notification().templates, {
        firstName: null,
        link: linkTo(notification().platform.config, 'staff', 'accept-invite', p.token),
        expiresAt: p.expiresAt,
        invitedBy: p.invitedBy,
        roles: p.roles,
      }),
    },
    sendNow(ctx, event),
  );
};
