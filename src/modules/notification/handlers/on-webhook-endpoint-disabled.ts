import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { WebhookEndpointDisabled } from '../../webhook/contract.ts';
import { webhookDisabled } from '../domain/templates/index.ts';
import { sendNow } from '../use-cases/deliver-message.ts';
import { enqueueMessage } from '../use-cases/enqueue-message.ts';
import { notification } from '../runtime.ts';

/** webhook.endpoint_disabled: mails the endpoint's contact (or the shop's admin address when it has none). */
export const onWebhookEndpointDisabled: Handler<PayloadOf<typeof WebhookEndpointDisabled>> = async (ctx, event) => {
  const w = event.payload;
  const to = w.contactEmail ?? notification().platform.config.ADMIN_EMAIL;
  if (!to) {
    ctx.log.warn({ endpointId: w.endpointId }, 'webhook endpoint disabled; nobody to mail');
    return;
  }
  await enqueueMessage(
    ctx.em,
    {
      channel: 'email',
      template: 'webhook_disabled',
      to,
      subjectId: w.endpointId,
      // (one mail per time it is disabled, not one ever)
      occurrence: w.disabledAt,
      content: webhookDisabled(notification().templates, { url: w.url, failures: w.failures, lastError: w.lastError }),
    },
    sendNow(ctx, event),
  );
};
