import { html } from '../html.ts';
import { formatMoney } from '../money.ts';
import type { Order } from '../types.ts';

const statusText: Record<string, string> = {
  pending: 'Being placed',
  awaiting_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  fulfilled: 'Shipped',
  canceled: 'Canceled',
};
export const orderStatus = (s: string) => statusText[s] ?? s.replace(/_/g, ' ');

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function orderLines(o: Order) {
  return html`<table><caption class="visually-hidden">Items</caption><thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Total</th></tr></thead>
<tbody>${o.lines.map((l) => html`<tr><td>${text(l.title)}</td><td>${text(l.quantity)}</td><td>${typeof l.total === 'number' ? formatMoney(l.total, o.currency) : ''}</td></tr>`)}</tbody></table>`;
}

export function orderTotals(o: Order) {
  if (!o.totals) return '';
  const names: [string, string][] = [
    ['subtotal', 'Subtotal'],
    ['discount', 'Discount'],
    ['shipping', 'Shipping'],
    ['tax', 'Tax'],
    ['total', 'Total'],
  ];
  return html`<dl>${names
    .filter(([k]) => typeof o.totals?.[k] === 'number')
    .map(
      ([k, label]) =>
        html`<dt>${label}</dt><dd>${k === 'discount' ? '−' : ''}${formatMoney(o.totals![k]!, o.currency)}</dd>`,
    )}</dl>`;
}

export function confirmationPage(o: Order) {
  const ok = o.status === 'confirmed' || o.status === 'fulfilled';
  return html`<h1>${ok ? 'Thank you for your order' : `Order ${orderStatus(o.status).toLowerCase()}`}</h1>
<p role="status">Order <strong>${o.displayId}</strong>: ${orderStatus(o.status)}.${ok ? html` A confirmation is on its way to ${o.email}.` : ''}</p>
${o.cancelReason ? html`<p class="error">${o.cancelReason}</p>` : ''}
${orderLines(o)}${orderTotals(o)}
<p><a href="/">Continue shopping</a></p>`;
}
