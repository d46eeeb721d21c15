import { html } from './html.ts';
import { layout, oneLine, textLayout, type Rendered, type TemplateContext } from './layout.ts';

export interface WebhookDisabledData {
  url: string;
  failures: number;
  lastError: string;
}

/** webhook.endpoint_disabled: tells staff an integration stopped hearing from the shop, and how to resume. */
export function webhookDisabled(ctx: TemplateContext, d: WebhookDisabledData): Rendered {
  const subject = oneLine(`Webhook endpoint disabled: ${d.url}`.slice(0, 200));
  const why = `It failed ${d.failures} times in a row; the last error was: ${d.lastError}.`;
  const resume =
    'No events are sent to it until it is enabled again (PATCH /admin/webhooks/:id with enabled: true); failed deliveries can then be redelivered.';
  return {
    subject,
    text: textLayout(ctx, [`The webhook endpoint ${d.url} was disabled.`, '', why, '', resume]),
    // prettier-ignore
    html: layout(ctx, subject, html`
<h1 style="font-size:20px">Webhook endpoint disabled</h1>
<p>The webhook endpoint <code>${d.url}</code> was disabled.</p>
<p>${why}</p>
<p>${resume}</p>`),
  };
}
