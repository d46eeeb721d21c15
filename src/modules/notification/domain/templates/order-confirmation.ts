import type { PayloadOf } from '../../../../platform/bus/index.ts';
import type { OrderConfirmed } from '../../../order/contract.ts';
import { addressLines } from './address.ts';
import { html } from './html.ts';
import { greeting, layout, oneLine, textLayout, type Rendered, type TemplateContext } from './layout.ts';
import { formatMoney } from './money.ts';

export type OrderConfirmationData = PayloadOf<typeof OrderConfirmed>;

/** order.confirmed: what was bought, what it cost, where it goes. */
export function orderConfirmation(ctx: TemplateContext, o: OrderConfirmationData): Rendered {
  const money = (amount: number) => formatMoney(amount, o.currency);
  const subject = oneLine(`Your order ${o.displayId} is confirmed`);
  const totals: [string, string][] = [
    ['Subtotal', money(o.totals.subtotal)],
    ...(o.totals.discount ? [['Discount', money(-Math.abs(o.totals.discount))] as [string, string]] : []),
    ['Shipping', o.totals.shipping ? money(o.totals.shipping) : 'Free'],
    ['Tax', money(o.totals.tax)],
    ['Total', money(o.totals.total)],
  ];
  const address = addressLines(o.shippingAddress);
  const hello = greeting(o.shippingAddress.firstName);
  const intro = `Thank you for your order ${o.displayId}. We have received your payment and are getting it ready.`;

  const text = textLayout(ctx, [
    hello,
    '',
    intro,
    '',
    ...o.lines.map((l) => `${l.quantity} × ${l.title} (${l.sku}) at ${money(l.unitPrice)}: ${money(l.total)}`),
    '',
    ...totals.map(([label, value]) => `${label}: ${value}`),
    '',
    'Shipping to:',
    ...address.map((l) => `  ${l}`),
  ]);

  const cell = 'padding:6px 0;border-bottom:1px solid #e7e5e4';
  // prettier-ignore
  const body = html`
<h1 style="font-size:20px">Order ${o.displayId} confirmed</h1>
<p>${hello}</p>
<p>${intro}</p>
<table role="presentation" style="width:100%;border-collapse:collapse">
<thead><tr><th align="left" style="${cell}">Item</th><th align="right" style="${cell}">Qty</th><th align="right" style="${cell}">Price</th><th align="right" style="${cell}">Total</th></tr></thead>
<tbody>
${o.lines.map((l) => html`<tr><td style="${cell}">${l.title}<br><small style="color:#78716c">${l.sku}</small></td><td align="right" style="${cell}">${l.quantity}</td><td align="right" style="${cell}">${money(l.unitPrice)}</td><td align="right" style="${cell}">${money(l.total)}</td></tr>
`)}</tbody>
<tfoot>
${totals.map(([label, value], i) => html`<tr><td colspan="3" align="right" style="padding:4px 0">${i === totals.length - 1 ? html`<strong>${label}</strong>` : label}</td><td align="right" style="padding:4px 0">${i === totals.length - 1 ? html`<strong>${value}</strong>` : value}</td></tr>
`)}</tfoot>
</table>
<h2 style="font-size:16px;margin-top:24px">Shipping to</h2>
<p>${address.map((l, i) => html`${i ? html`<br>` : ''}${l}`)}</p>`;
  return { subject, text, html: layout(ctx, subject, body) };
}
