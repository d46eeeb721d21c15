import { html, safeUrl } from './html.ts';
import { greeting, layout, oneLine, textLayout, type Rendered, type TemplateContext } from './layout.ts';

export interface OrderShippedData {
  displayId: string;
  firstName: string | null;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
}

/** shipment.shipped: on its way, with the carrier's tracking link. */
export function orderShipped(ctx: TemplateContext, d: OrderShippedData): Rendered {
  const subject = oneLine(`Your order ${d.displayId} is on its way`);
  const intro = `Good news: your order ${d.displayId} has shipped with ${d.carrier}.`;
  const url = safeUrl(d.trackingUrl);
  return {
    subject,
    text: textLayout(ctx, [
      greeting(d.firstName),
      '',
      intro,
      '',
      `Tracking number: ${d.trackingNumber}`,
      ...(url ? [`Track your parcel: ${url}`] : []),
    ]),
    // prettier-ignore
    html: layout(ctx, subject, html`
<h1 style="font-size:20px">Order ${d.displayId} is on its way</h1>
<p>${greeting(d.firstName)}</p>
<p>${intro}</p>
<p>Tracking number: <strong>${d.trackingNumber}</strong></p>
${url ? html`<p><a href="${url}" style="display:inline-block;padding:10px 16px;background:#1c1917;color:#ffffff;text-decoration:none;border-radius:6px">Track your parcel</a></p>
<p style="font-size:12px;color:#78716c">Or open ${url}</p>` : ''}`),
  };
}

/** The same notice as an SMS: one short line with the link. */
export function orderShippedSms(ctx: TemplateContext, d: OrderShippedData): Rendered {
  const url = safeUrl(d.trackingUrl);
  const text = oneLine(
    `${ctx.shopName}: your order ${d.displayId} has shipped with ${d.carrier}. ${url ? `Track it: ${url}` : `Tracking number: ${d.trackingNumber}`}`,
  );
  return { subject: null, text, html: null };
}
